"""Issue 13, item 4: locking or closing an account ends its sessions and tokens at once (the
signed-in browser is sent to sign in on its very next request), and they stay ended."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from qis_portal.models import ApiToken, AuditEvent, User
from qis_portal.services.tokens import api_token_create
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    return client


def lock_by_failed_sign_ins(user) -> None:
    attacker = Client()
    for _ in range(3):
        attacker.post("/accounts/login/", {"username": user.email, "password": "wrong-one-123"})
    user.refresh_from_db()
    assert user.is_locked()


def test_the_lockout_sends_a_signed_in_browser_to_sign_in_on_its_next_request(cor_bob):
    browser = signed_in(cor_bob)
    lock_by_failed_sign_ins(cor_bob)
    response = browser.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in browser.session


def test_the_lockout_refuses_the_same_session_on_the_api(cor_bob):
    browser = signed_in(cor_bob)
    assert browser.get("/api/me/").status_code == 200
    lock_by_failed_sign_ins(cor_bob)
    assert browser.get("/api/me/").status_code == 401


def test_the_lockout_revokes_every_token_for_good(api_client, cor_bob):
    _, key = api_token_create(user=cor_bob, name="nightly export")
    _, other_key = api_token_create(user=cor_bob, name="scoring push")
    lock_by_failed_sign_ins(cor_bob)
    assert ApiToken.objects.filter(user=cor_bob, revoked_at__isnull=True).count() == 0
    ended = AuditEvent.objects.get(action="auth.access_ended")
    assert ended.target_id == str(cor_bob.pk) and ended.details == {"api_credentials_revoked": 2}
    # After the 30-minute lock the password works again, the old tokens and sessions do not.
    with time_machine.travel(timezone.now() + timedelta(minutes=31), tick=False):
        for old in (key, other_key):
            response = api_client.get("/api/me/", HTTP_AUTHORIZATION=f"Bearer {old}")
            assert response.status_code == 401
        assert signed_in(cor_bob).get("/api/me/").status_code == 200


def test_a_session_from_before_the_lock_stays_ended_after_it_lifts(cor_bob):
    browser = signed_in(cor_bob)
    lock_by_failed_sign_ins(cor_bob)
    with time_machine.travel(timezone.now() + timedelta(minutes=31), tick=False):
        assert browser.get("/")["Location"].startswith("/accounts/login/")


def test_other_accounts_keep_their_sessions(cor_bob, reviewer_quinn):
    bystander = signed_in(reviewer_quinn)
    lock_by_failed_sign_ins(cor_bob)
    assert bystander.get("/").status_code == 200


def _admin_change(admin: Client, user: User, **changes):
    data = {"email": user.email, "first_name": user.first_name, "last_name": user.last_name,
            "title": "", "phone": "", "organization": user.organization_id or "",
            "is_active": "on", "locked_until_0": "", "locked_until_1": "",
            "role_assignments-TOTAL_FORMS": "0", "role_assignments-INITIAL_FORMS": "0",
            **changes}
    data = {key: value for key, value in data.items() if value is not None}
    response = admin.post(f"/admin/qis_portal/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.parametrize("change", [{"is_active": None},
                                    {"locked_until_0": "2099-01-01", "locked_until_1": "00:00"}],
                         ids=["closed", "locked"])
def test_an_administrator_closing_or_locking_an_account_ends_its_access(cor_bob, change):
    staff = UserFactory(email="admin@cms.test", is_staff=True, is_superuser=True)
    admin = signed_in(staff)
    browser = signed_in(cor_bob)
    _, key = api_token_create(user=cor_bob, name="nightly export")
    _admin_change(admin, cor_bob, **change)
    assert browser.get("/")["Location"].startswith("/accounts/login/")
    assert ApiToken.objects.get(user=cor_bob).revoked_at is not None
    ended = AuditEvent.objects.get(action="auth.access_ended")
    assert ended.actor == staff and ended.target_id == str(cor_bob.pk)
    assert admin.get("/").status_code == 200  # the administrator's own session is untouched
