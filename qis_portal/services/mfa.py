"""The second factor (IA-2): who must give one, checking a TOTP or recovery code, and the
single-use recovery codes (django-otp's static device) for a lost phone.

Pages (MfaRequiredMiddleware), session API calls (MfaSessionAuthentication) and the token
endpoint all ask `mfa_needed` and check codes through `second_factor_check`, so the three
paths cannot drift apart.
"""

import re

from django.conf import settings
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from qis_portal.services.audit import audit_record

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "Recovery codes"
TOTP_CODE = re.compile(r"^\d{6}$")
# StaticToken.random_token(): 8 characters of lower-case base32.
RECOVERY_CODE = re.compile(r"^[a-z2-7]{8}$")


def mfa_needed(user) -> bool:
    """With MFA required (production) everyone; otherwise a user who enrolled is always asked."""
    return bool(settings.MFA_REQUIRED) or user_has_device(user)


def normalize_code(raw: str) -> str:
    """A code as typed: spaces and hyphens dropped, recovery codes case-insensitive."""
    return re.sub(r"[\s-]", "", raw or "").lower()


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_check(*, user, code: str, request=None, via: str = "sign-in"):
    """The device that accepts `code` (a 6-digit TOTP code, or an unused recovery code, which
    is spent), else None. A code is tried only against devices of its own kind, so a recovery
    code does not count as a failed TOTP attempt (django-otp's throttle). Every outcome is
    audited; a recovery code's use says how many remain."""
    code = normalize_code(code)
    if TOTP_CODE.match(code):
        model = TOTPDevice
    elif RECOVERY_CODE.match(code):
        model = StaticDevice
    else:
        model = None
    with transaction.atomic():
        devices = (model.objects.select_for_update().filter(user=user, confirmed=True)
                   if model is not None else [])
        device = next((candidate for candidate in devices if candidate.verify_token(code)), None)
        if device is None:
            audit_record(action="auth.mfa_failed", actor=user, target=user, outcome="failure",
                         request=request, details={"via": via})
        elif isinstance(device, StaticDevice):
            audit_record(action="auth.recovery_code_used", actor=user, target=user,
                         request=request, note="A single-use recovery code was spent.",
                         details={"via": via, "remaining": device.token_set.count()})
        else:
            audit_record(action="auth.mfa_verified", actor=user, target=user, request=request,
                         details={"via": via})
    return device


@transaction.atomic
def recovery_codes_issue(*, user, request=None) -> list[str]:
    """A fresh set of recovery codes, replacing any earlier set; returned once to be shown
    once (django-otp keeps them to compare, the portal never shows them again)."""
    device, _ = StaticDevice.objects.select_for_update().get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    audit_record(action="auth.recovery_codes_issued", actor=user, target=user, request=request,
                 details={"count": len(codes)})
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
