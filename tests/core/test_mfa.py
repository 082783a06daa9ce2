"""TOTP for every user when MFA is required (production); the demo may waive it."""

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    return client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})


def current_code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@override_settings(MFA_REQUIRED=True)
def test_with_mfa_required_a_user_without_a_device_must_enrol_first(client, cor_bob):
    sign_in(client, cor_bob)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/mfa/setup/")


@override_settings(MFA_REQUIRED=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_enrolment_needs_a_valid_code_then_opens_the_portal(client, cor_bob):
    sign_in(client, cor_bob)
    page = client.get("/accounts/mfa/setup/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=cor_bob, confirmed=False)
    refused = client.post("/accounts/mfa/setup/", {"code": "000000" if current_code(device)
                                                   != "000000" else "111111"})
    assert refused.status_code == 200
    assert "does not match" in refused.content.decode()
    accepted = client.post("/accounts/mfa/setup/", {"code": current_code(device)})
    assert accepted.status_code == 200  # the recovery codes, shown this once
    assert "this is the only time they are shown" in accepted.content.decode()
    assert client.get("/").status_code == 200


@override_settings(MFA_REQUIRED=True)
def test_an_enrolled_user_must_verify_at_each_sign_in(client, cor_bob):
    device = TOTPDevice.objects.create(user=cor_bob, name="phone", confirmed=True)
    sign_in(client, cor_bob)
    response = client.get("/")
    assert response["Location"].startswith("/accounts/mfa/verify/")
    bad = client.post("/accounts/mfa/verify/", {"code": "12345"})
    assert "6 digits" in bad.content.decode()
    client.post("/accounts/mfa/verify/", {"code": current_code(device)})
    assert client.get("/").status_code == 200


def test_the_demo_waives_mfa_and_says_so(client, cor_bob):
    with override_settings(MFA_REQUIRED=False, DEMO_MODE=True):
        sign_in(client, cor_bob)
        page = client.get("/").content.decode()
    assert "multi-factor authentication is waived" in page
