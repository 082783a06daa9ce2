"""Audit receivers for sign-in, sign-out and failed sign-in."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from qis_portal.services.accounts import login_failure_record, login_success_record
from qis_portal.services.audit import audit_record


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs):
    login_success_record(user=user, request=request)
    if request is not None and hasattr(request, "session"):
        now = timezone.now().timestamp()
        request.session["login_at"] = now
        request.session["last_seen"] = now


@receiver(user_logged_out)
def _on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action="auth.logout", actor=user, target=user, request=request)


@receiver(user_login_failed)
def _on_login_failed(sender, credentials, request=None, **kwargs):
    email = credentials.get("username") or credentials.get("email") or ""
    login_failure_record(email=email, request=request)
