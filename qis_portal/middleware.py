"""Deny by default, session limits (AC-11, AC-12), MFA, and no caching of signed-in pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django_otp import user_has_device
from rest_framework.permissions import SAFE_METHODS
from rest_framework.views import APIView

from qis_portal.services.mfa import mfa_needed

# The API answers 401/403 itself, as JSON; its docs page is an HTML page like any other.
API_PREFIX = "/api/"
API_HTML_PAGES = ("/api/docs/",)
# Reachable while signed in but before the second factor. The API's JSON views are not on the
# list: they refuse such a session themselves, as JSON (api_auth.MfaSessionAuthentication).
MFA_EXEMPT_PREFIXES = ("/accounts/mfa/", "/accounts/logout/", "/static/", "/health/")
SESSION_PING_PATH = "/accounts/session/ping/"


def _is_api(path: str) -> bool:
    """A JSON view of the API (which answers 401/403 itself), not one of its HTML pages."""
    return path.startswith(API_PREFIX) and not path.startswith(API_HTML_PAGES)


class ApiAwareLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Django's sign-in-required middleware: every view needs a signed-in user unless marked
    `login_not_required` (sign-in, password reset, the health check; Django marks its own).

    A DRF view is left to DRF by its class: it answers 401/403 itself, as JSON, through its
    authentication and the DenyByDefault permission, so no API view can forget a decorator
    and none is redirected to an HTML sign-in page. The API's HTML docs page is a plain view
    and needs a signed-in user like any page."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "cls", None)
        if isinstance(view_class, type) and issubclass(view_class, APIView):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class SessionExpiryMiddleware:
    """Ends a session after 15 idle minutes and after 12 hours in all, on the server.

    A read of the API is a client's pull, not the person's activity: it neither keeps the
    session alive nor writes the session row (a bulk pull of many pages wrote it once per
    page, issue 20)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = timezone.now().timestamp()
            login_at = request.session.get("login_at", now)
            last_seen = request.session.get("last_seen", now)
            reason = None
            if now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds():
                reason = "Your session reached its 12-hour limit. Please sign in again."
            elif now - last_seen > settings.SESSION_IDLE_TIMEOUT.total_seconds():
                reason = "You were signed out after 15 minutes without activity."
            if reason:
                logout(request)
                messages.info(request, reason)
                if request.path.startswith("/api/") or request.headers.get("HX-Request"):
                    from django.http import JsonResponse

                    return JsonResponse({"error": {"code": "session_expired",
                                                   "message": reason, "fields": {}}}, status=401)
                return redirect(f"{reverse('login')}?next={request.get_full_path()}")
            if "login_at" not in request.session:
                request.session["login_at"] = login_at
            if not (_is_api(request.path) and request.method in SAFE_METHODS):
                request.session["last_seen"] = now
        return self.get_response(request)


class MfaRequiredMiddleware:
    """With MFA required (production), a signed-in user must pass TOTP before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (user.is_authenticated and not request.path.startswith(MFA_EXEMPT_PREFIXES)
                and not _is_api(request.path) and not user.is_verified() and mfa_needed(user)):
            target = "mfa_verify" if user_has_device(user) else "mfa_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


class NoStoreForAuthenticatedMiddleware:
    """Pages for a signed-in user must not sit in a shared or browser cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
