"""Sign-in, sign-out, MFA enrolment and verification, session keep-alive."""

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from qis_portal.forms import EmailAuthenticationForm, TotpCodeForm
from qis_portal.services.accounts import mfa_device_confirm, mfa_device_pending
from qis_portal.services.audit import audit_record
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
    """Enrol a TOTP device: scan the QR code, confirm with one code."""
    device = mfa_device_pending(user=request.user)
    form = TotpCodeForm(bound(request))
    if request.method == "POST" and form.is_valid():
        confirmed = mfa_device_confirm(user=request.user, code=form.cleaned_data["code"],
                                       request=request)
        if confirmed is not None:
            otp_login(request, confirmed)
            messages.success(request, "Two-factor authentication is set up.")
            return redirect(_safe_next(request))
        form.add_error("code", "That code does not match. Check the time on your device and "
                               "enter the newest code.")
    secret = b32encode(device.bin_key).decode()
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code")
    return render(request, "registration/mfa_setup.html", {
        "form": form, "secret": secret, "qr_svg": qr_svg, "next": _safe_next(request, ""),
    })


def mfa_verify(request):
    form = TotpCodeForm(bound(request))
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            audit_record(action="auth.mfa_verified", actor=request.user, target=request.user,
                         request=request)
            return redirect(_safe_next(request))
        audit_record(action="auth.mfa_failed", actor=request.user, target=request.user,
                     outcome="failure", request=request)
        form.add_error("code", "That code is not valid. Enter the newest code from your app.")
    return render(request, "registration/mfa_verify.html",
                  {"form": form, "next": _safe_next(request, "")})


@require_POST
def session_ping(request):
    """The “Stay signed in” button: the middleware already refreshed last activity."""
    return JsonResponse({"idle_seconds": int(settings.SESSION_IDLE_TIMEOUT.total_seconds())})
