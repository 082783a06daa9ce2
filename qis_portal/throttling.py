"""The API's burst limits as DRF throttles: per signed-in user (token or session), and per
client address for anonymous calls.

DRF decides who is asking (the user's id, else `client_ip`, which honours
TRUSTED_PROXY_HOPS); the count is the portal's atomic fixed-window counter in the shared
cache (`qis_portal.ratelimit.hit`), not DRF's read-modify-write history list, so concurrent
requests on several web processes cannot slip past the limit. Rates come from settings at
request time (RATE_LIMIT_API, RATE_LIMIT_API_ANON) so that they can be changed per
environment and per test.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from qis_portal.ratelimit import hit
from qis_portal.services.audit import client_ip


class _AtomicWindowThrottle:
    rate_setting = ""

    def __init__(self):  # DRF's parses a "n/period" string; ours is (requests, seconds)
        self.num_requests, self.duration = getattr(settings, self.rate_setting)
        self.retry_after = 1

    def get_ident(self, request):
        return client_ip(request) or "unknown"

    def allow_request(self, request, view):
        key = self.get_cache_key(request, view)
        if key is None:  # not this throttle's kind of caller
            return True
        allowed, self.retry_after = hit(key, self.num_requests, self.duration)
        return allowed

    def wait(self):
        return max(self.retry_after, 1)


class PortalUserThrottle(_AtomicWindowThrottle, UserRateThrottle):
    """Signed-in callers: one bucket per user, wherever their requests come from."""

    rate_setting = "RATE_LIMIT_API"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class PortalAnonThrottle(_AtomicWindowThrottle, AnonRateThrottle):
    """Anonymous callers (the token endpoint): one bucket per client address."""

    rate_setting = "RATE_LIMIT_API_ANON"
