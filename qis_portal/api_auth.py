"""`Authorization: Bearer <key>` against hashed ApiToken rows (revoked keys are refused), and
the browser session, which must have passed the second factor like any page."""

from django.utils import timezone
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from qis_portal.models import ApiToken
from qis_portal.services.mfa import mfa_needed


class MfaRequired(exceptions.AuthenticationFailed):
    """A session that passed only the password step, on the API: 401."""

    default_detail = ("Complete two-factor sign-in first: enter the code from your "
                      "authenticator app in the portal, or use an API token.")
    default_code = "mfa_required"


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Malformed Authorization header.")
        try:
            key = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed("Malformed token.") from exc
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        if token.user.is_locked():
            raise exceptions.AuthenticationFailed("This account is locked.")
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class MfaSessionAuthentication(authentication.SessionAuthentication):
    """The session, as for pages: a session that passed only the password step is refused
    (401) wherever MFA is asked of the user (MfaRequiredMiddleware redirects pages)."""

    def authenticate(self, request):
        found = super().authenticate(request)
        if found is not None and not found[0].is_verified() and mfa_needed(found[0]):
            raise MfaRequired()
        return found


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Names the bearer scheme in the OpenAPI document."""

    target_class = "qis_portal.api_auth.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "A token from POST /api/auth/token/ or the account page."}


class MfaSessionScheme(SessionScheme):
    """The session cookie, as drf-spectacular names it for Django's own session class."""

    target_class = "qis_portal.api_auth.MfaSessionAuthentication"
    priority = 0
