"""Issue 13, item 1: with MFA required, no path gets in on a password alone: the token
endpoint asks for the code (`otp`), a session that passed only the password step is refused by
the API as pages refuse it, and single-use recovery codes stand in for a lost phone."""

import re

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from qis_portal.models import ApiToken, AuditEvent
from qis_portal.services.mfa import RECOVERY_CODE_COUNT, recovery_codes_issue
from tests.factories import PASSWORD

pytestmark = [pytest.mark.django_db,
              pytest.mark.usefixtures("mfa_on")]

TOKEN_URL = "/api/auth/token/"


@pytest.fixture
def mfa_on():
    with override_settings(MFA_REQUIRED=True, OTP_TOTP_THROTTLE_FACTOR=0):
        yield


@pytest.fixture
def phone(cor_bob):
    return TOTPDevice.objects.create(user=cor_bob, name="phone", confirmed=True)


def code_of(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wrong_code(device) -> str:
    return "000000" if code_of(device) != "000000" else "111111"


def ask_token(api_client, user, **extra):
    return api_client.post(TOKEN_URL, {"email": user.email, "password": PASSWORD, **extra},
                           format="json")


def password_only_session(client, user):
    client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)
    return client


def test_a_token_without_the_code_is_refused(api_client, cor_bob, phone):
    response = ask_token(api_client, cor_bob)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "mfa_required"
    assert "otp" in response.json()["error"]["message"]
    assert not ApiToken.objects.filter(user=cor_bob).exists()


def test_a_token_with_a_wrong_code_is_refused_and_audited(api_client, cor_bob, phone):
    response = ask_token(api_client, cor_bob, otp=wrong_code(phone))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "mfa_invalid"
    assert not ApiToken.objects.filter(user=cor_bob).exists()
    failed = AuditEvent.objects.get(action="auth.mfa_failed")
    assert failed.target_id == str(cor_bob.pk) and failed.details["via"] == "api-token"


def test_a_token_with_the_right_code_is_issued_and_works(api_client, cor_bob, phone):
    response = ask_token(api_client, cor_bob, otp=code_of(phone))
    assert response.status_code == 201
    me = api_client.get("/api/me/", HTTP_AUTHORIZATION=f"Bearer {response.json()['key']}")
    assert me.status_code == 200
    assert me.json()["email"] == cor_bob.email


def test_a_user_who_never_enrolled_gets_no_token(api_client, cor_bob):
    response = ask_token(api_client, cor_bob, otp="123456")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "mfa_required"
    assert "Set up two-factor" in response.json()["error"]["message"]


def test_a_recovery_code_gets_a_token_once(api_client, cor_bob, phone):
    codes = recovery_codes_issue(user=cor_bob)
    assert len(codes) == RECOVERY_CODE_COUNT
    first = ask_token(api_client, cor_bob, otp=codes[0].upper())  # typed in capitals
    assert first.status_code == 201
    again = ask_token(api_client, cor_bob, otp=codes[0])
    assert again.status_code == 401
    assert again.json()["error"]["code"] == "mfa_invalid"
    used = AuditEvent.objects.get(action="auth.recovery_code_used")
    assert used.details == {"via": "api-token", "remaining": RECOVERY_CODE_COUNT - 1}
    assert ApiToken.objects.filter(user=cor_bob).count() == 1


def test_a_recovery_code_passes_the_sign_in_step_once(client, cor_bob, phone):
    code = recovery_codes_issue(user=cor_bob)[3]
    password_only_session(client, cor_bob)
    passed = client.post("/accounts/mfa/verify/", {"code": code, "next": "/"})
    assert passed.status_code == 302 and passed["Location"] == "/"
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="auth.recovery_code_used",
                                     details__via="sign-in").count() == 1
    client.logout()
    password_only_session(client, cor_bob)
    refused = client.post("/accounts/mfa/verify/", {"code": code, "next": "/"})
    assert refused.status_code == 200
    assert "not valid" in refused.content.decode()
    assert client.get("/")["Location"].startswith("/accounts/mfa/verify/")


def test_a_session_without_the_second_factor_is_refused_by_the_api(client, cor_bob, phone):
    password_only_session(client, cor_bob)
    for url in ("/api/me/", "/api/notifications/", "/api/tokens/"):
        response = client.get(url)
        assert response.status_code == 401, url
        assert response.json()["error"]["code"] == "mfa_required"
    # Nor can it mint itself a token through the API's session path.
    assert client.get("/api/docs/")["Location"].startswith("/accounts/mfa/verify/")


def test_the_same_session_after_the_second_factor_gets_200(client, cor_bob, phone):
    password_only_session(client, cor_bob)
    client.post("/accounts/mfa/verify/", {"code": code_of(phone)})
    response = client.get("/api/me/")
    assert response.status_code == 200
    assert response.json()["email"] == cor_bob.email


def test_a_password_alone_cannot_enrol_a_second_authenticator(client, cor_bob, phone):
    password_only_session(client, cor_bob)
    response = client.get("/accounts/mfa/setup/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/mfa/verify/")
    assert TOTPDevice.objects.filter(user=cor_bob).count() == 1


def test_enrolment_shows_the_recovery_codes_once(client, cor_bob):
    password_only_session(client, cor_bob)
    client.get("/accounts/mfa/setup/")
    pending = TOTPDevice.objects.get(user=cor_bob, confirmed=False)
    shown = client.post("/accounts/mfa/setup/", {"code": code_of(pending)}).content.decode()
    stored = set(StaticToken.objects.filter(device__user=cor_bob).values_list("token", flat=True))
    assert len(stored) == RECOVERY_CODE_COUNT
    assert all(code in shown for code in stored)
    later = client.get("/accounts/recovery-codes/").content.decode()
    assert f"You have {RECOVERY_CODE_COUNT} unused recovery codes" in later
    assert not any(code in later for code in stored)
    assert AuditEvent.objects.filter(action="auth.recovery_codes_issued").count() == 1


def test_a_new_set_of_recovery_codes_cancels_the_old_one(client, cor_bob, phone):
    old = recovery_codes_issue(user=cor_bob)
    password_only_session(client, cor_bob)
    client.post("/accounts/mfa/verify/", {"code": code_of(phone)})
    page = client.post("/accounts/recovery-codes/").content.decode()
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == RECOVERY_CODE_COUNT
    stored = set(StaticToken.objects.filter(device__user=cor_bob).values_list("token", flat=True))
    assert stored == set(new) and not stored & set(old)


def test_the_recovery_codes_page_needs_the_second_factor(client, cor_bob, phone):
    password_only_session(client, cor_bob)
    response = client.post("/accounts/recovery-codes/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/mfa/verify/")
    assert not StaticToken.objects.filter(device__user=cor_bob).exists()
