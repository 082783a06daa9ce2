"""Burst limits: a fixed-window counter incremented atomically in the cache (Redis INCR in
production). The middleware limits sign-in attempts per client address (429 with Retry-After);
the API's per-user throttles count on the same counter (qis_portal.throttling)."""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render

from qis_portal.services.audit import client_ip

LOGIN_PATHS = ("/accounts/login/", "/admin/login/", "/api/auth/token/",
               "/accounts/password-reset/")


def hit(bucket: str, limit: int, window: int, *, backend=None) -> tuple[bool, int]:
    """Count one request in `bucket`; True while within `limit` per `window` seconds."""
    backend = backend or cache
    now = int(time.time())
    window_start = now - now % window
    key = f"rl:{bucket}:{window_start}"
    # add() is a no-op when the key exists; incr() is atomic in Redis and locked in LocMem.
    backend.add(key, 0, timeout=window + 1)
    try:
        count = backend.incr(key)
    except ValueError:  # expired between add and incr
        backend.add(key, 1, timeout=window + 1)
        count = 1
    return count <= limit, window_start + window - now


class RateLimitMiddleware:
    """The sign-in limit, before the session is even loaded."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = self._check(request)
        return refused if refused is not None else self.get_response(request)

    def _check(self, request):
        if request.method == "POST" and request.path.startswith(LOGIN_PATHS):
            ip = client_ip(request) or "unknown"
            allowed, retry = hit(f"login:{ip}", *settings.RATE_LIMIT_LOGIN)
            if not allowed:
                return self._refuse(request, retry, "Too many sign-in attempts from your "
                                                    "address. Wait a minute and try again.")
        return None

    @staticmethod
    def _refuse(request, retry_after: int, message: str):
        if request.path.startswith("/api/"):
            response = JsonResponse({"error": {"code": "throttled", "message": message,
                                               "fields": {}}}, status=429)
        else:
            response = render(request, "errors/429.html", {"message": message}, status=429)
        response["Retry-After"] = str(max(retry_after, 1))
        return response
