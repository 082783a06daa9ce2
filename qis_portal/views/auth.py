"""Sign-in, sign-out, MFA enrolment and verification, session keep-alive."""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from qis_portal.forms import EmailAuthenticationForm, SecondFactorForm, TotpCodeForm
from qis_portal.services.accounts import mfa_device_confirm, mfa_device_pending
from qis_portal.services.mfa import (
    has_authenticator,
    recovery_codes_issue,
    recovery_codes_left,
    second_factor_check,
)
from qis_portal.views.common import bound


class PortalLoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


def _safe_next(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


def mfa_setup(request):
    """Enrol a TOTP device: scan the QR code, confirm with one code; then the recovery codes
    are shown once. A user who already has an authenticator must pass it first: otherwise a
    password alone could enrol a second, attacker-held device (this page is open before the
    second factor)."""
    if has_authenticator(request.user) and not request.user.is_verified():
        return redirect(f"{reverse('mfa_verify')}?next={reverse('mfa_setup')}")
    device = mfa_device_pending(user=request.user)
    form = TotpCodeForm(bound(request))
    if request.method == "POST" and form.is_valid():
        confirmed = mfa_device_confirm(user=request.user, code=form.cleaned_data["code"],
                                       request=request)
        if confirmed is not None:
            otp_login(request, confirmed)
            messages.success(request, "Two-factor authentication is set up.")
            return _show_recovery_codes(request, recovery_codes_issue(user=request.user,
                                                                      request=request))
        form.add_error("code", "That code does not match. Check the time on your device and "
                               "enter the newest code.")
    secret = b32encode(device.bin_key).decode()
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code")
    return render(request, "registration/mfa_setup.html", {
        "form": form, "secret": secret, "qr_svg": qr_svg, "next": _safe_next(request, ""),
    })


def mfa_verify(request):
    """The second step of signing in: a code from the authenticator, or a recovery code."""
    form = SecondFactorForm(bound(request))
    if request.method == "POST" and form.is_valid():
        device = second_factor_check(user=request.user, code=form.cleaned_data["code"],
                                     request=request)
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(request, f"You signed in with a recovery code; "
                                          f"{recovery_codes_left(request.user)} remain. "
                                          f"Make a new set on the recovery codes page.")
            return redirect(_safe_next(request))
        form.add_error("code", "That code is not valid. Enter the newest code from your app, "
                               "or a recovery code you have not used.")
    return render(request, "registration/mfa_verify.html",
                  {"form": form, "next": _safe_next(request, "")})


def recovery_codes(request):
    """Single-use codes for a lost phone: a new set replaces the old one and is shown once."""
    if request.method == "POST":
        if not has_authenticator(request.user):
            messages.error(request, "Set up an authenticator app first; recovery codes back "
                                    "it up.")
            return redirect("recovery_codes")
        return _show_recovery_codes(request, recovery_codes_issue(user=request.user,
                                                                  request=request))
    return render(request, "registration/recovery_codes.html", {
        "codes": None, "left": recovery_codes_left(request.user),
        "has_authenticator": has_authenticator(request.user),
    })


def _show_recovery_codes(request, codes: list[str]):
    return render(request, "registration/recovery_codes.html", {
        "codes": codes, "left": len(codes), "has_authenticator": True,
        "next": _safe_next(request, "/"),
    })


@require_POST
def session_ping(request):
    """The “Stay signed in” button: the middleware already refreshed last activity."""
    return JsonResponse({"idle_seconds": int(settings.SESSION_IDLE_TIMEOUT.total_seconds())})
