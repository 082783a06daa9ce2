"""AC-7: three failed sign-ins within 15 minutes lock the account for 30 minutes, everywhere."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from qis_portal.models import AuditEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

START = timezone.datetime(2026, 3, 2, 14, 0, tzinfo=timezone.get_fixed_timezone(0))


def browser_login(client, email, password):
    return client.post("/accounts/login/", {"username": email, "password": password})


def fail_three_times(client, email, *, minutes_apart=1):
    for i in range(3):
        with time_machine.travel(START + timedelta(minutes=i * minutes_apart), tick=False):
            browser_login(client, email, "wrong-password-123")


def test_three_failures_within_15_minutes_lock_the_account_for_30_minutes(client, cor_bob):
    fail_three_times(client, cor_bob.email, minutes_apart=7)  # 0, 7, 14 minutes
    cor_bob.refresh_from_db()
    assert cor_bob.locked_until == START + timedelta(minutes=14 + 30)
    with time_machine.travel(START + timedelta(minutes=20), tick=False):
        response = browser_login(client, cor_bob.email, PASSWORD)
    assert response.status_code == 200
    assert "locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_spread_over_more_than_15_minutes_do_not_lock(client, cor_bob):
    fail_three_times(client, cor_bob.email, minutes_apart=8)  # 0, 8, 16: window is 15
    cor_bob.refresh_from_db()
    assert cor_bob.locked_until is None


def test_the_lock_lifts_after_30_minutes(client, cor_bob):
    fail_three_times(client, cor_bob.email)
    with time_machine.travel(START + timedelta(minutes=2 + 29), tick=False):
        assert browser_login(client, cor_bob.email, PASSWORD).status_code == 200
    with time_machine.travel(START + timedelta(minutes=2 + 31), tick=False):
        response = browser_login(client, cor_bob.email, PASSWORD)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(cor_bob.pk)


def test_a_successful_sign_in_resets_the_count(client, cor_bob):
    with time_machine.travel(START, tick=False):
        browser_login(client, cor_bob.email, "wrong-password-123")
        browser_login(client, cor_bob.email, "wrong-password-123")
        browser_login(client, cor_bob.email, PASSWORD)
        client.logout()
        browser_login(client, cor_bob.email, "wrong-password-123")
    cor_bob.refresh_from_db()
    assert cor_bob.locked_until is None


def test_the_lockout_is_logged_and_the_user_told(
    client, cor_bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fail_three_times(client, cor_bob.email)
    locked = AuditEvent.objects.get(action="auth.account_locked")
    assert locked.target_id == str(cor_bob.pk)
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 3
    assert cor_bob.notifications.filter(kind="account.lockout").exists()


def test_the_admin_sign_in_is_locked_too(client, cor_bob):
    cor_bob.is_staff = True
    cor_bob.save()
    for _ in range(3):
        client.post("/admin/login/", {"username": cor_bob.email, "password": "wrong-password-1"})
    response = client.post("/admin/login/?next=/admin/",
                           {"username": cor_bob.email, "password": PASSWORD})
    assert response.status_code == 200  # the form again, not a redirect into the admin
    assert "_auth_user_id" not in client.session


def test_the_api_token_endpoint_is_locked_too(api_client, cor_bob):
    for _ in range(3):
        response = api_client.post("/api/auth/token/",
                                   {"email": cor_bob.email, "password": "wrong-password-1"})
        assert response.status_code in (401, 403)
    response = api_client.post("/api/auth/token/", {"email": cor_bob.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "locked" in response.json()["error"]["message"]


def test_an_existing_token_stops_working_while_the_account_is_locked(api_client, cor_bob):
    key = api_client.post("/api/auth/token/", {"email": cor_bob.email,
                                                "password": PASSWORD}).json()["key"]
    cor_bob.locked_until = timezone.now() + timedelta(minutes=30)
    cor_bob.save()
    response = api_client.get("/api/me/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401


def test_no_password_is_ever_written_to_the_audit_trail(client, cor_bob):
    browser_login(client, cor_bob.email, "wrong-password-123")
    browser_login(client, cor_bob.email, PASSWORD)
    for event in AuditEvent.objects.all():
        assert "wrong-password-123" not in str(event.details) + event.note
        assert PASSWORD not in str(event.details) + event.note
    assert mail.outbox == [] or all(PASSWORD not in m.body for m in mail.outbox)
