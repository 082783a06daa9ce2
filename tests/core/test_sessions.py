"""AC-11/AC-12: 15 idle minutes, 12 hours in all, new key at sign-in, sign-out ends it."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

START = timezone.datetime(2026, 3, 2, 14, 0, tzinfo=timezone.get_fixed_timezone(0))


def sign_in(client, user):
    return client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})


def test_the_session_ends_after_15_idle_minutes(client, cor_bob):
    with time_machine.travel(START, tick=False):
        sign_in(client, cor_bob)
    with time_machine.travel(START + timedelta(minutes=14), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(START + timedelta(minutes=14 + 16), tick=False):
        response = client.get("/")
        assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_activity_keeps_the_session_alive_until_the_12_hour_limit(client, cor_bob):
    with time_machine.travel(START, tick=False):
        sign_in(client, cor_bob)
    minute = 0
    while minute < 12 * 60 - 10:
        minute += 10
        with time_machine.travel(START + timedelta(minutes=minute), tick=False):
            assert client.post("/accounts/session/ping/").status_code == 200
    with time_machine.travel(START + timedelta(hours=12, minutes=1), tick=False):
        response = client.get("/")
        assert "_auth_user_id" not in client.session
    assert response.status_code == 302


def test_every_page_carries_the_two_minute_warning(client, cor_bob):
    sign_in(client, cor_bob)
    page = client.get("/").content.decode()
    assert 'data-session-idle="900"' in page
    assert 'data-session-warning="120"' in page
    assert "Stay signed in" in page


def test_the_session_key_changes_at_sign_in(client, cor_bob):
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    sign_in(client, cor_bob)
    assert client.session.session_key != before


def test_sign_out_ends_the_session_on_the_server(client, cor_bob):
    sign_in(client, cor_bob)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    stolen = client.__class__()
    stolen.cookies["sessionid"] = key
    assert stolen.get("/").status_code == 302


def test_authenticated_pages_are_not_cached(client, cor_bob):
    sign_in(client, cor_bob)
    assert client.get("/")["Cache-Control"] == "no-store"
