"""The API's own refusals, each with its status and code (rendered by qis_portal.api_errors).

A module without portal imports, so the parsers that DRF's settings load can use it."""

from rest_framework import exceptions, status

TOO_LARGE = "The request body is larger than the portal accepts."


class InvalidCredentials(exceptions.APIException):
    """A wrong e-mail or password at the token endpoint: 401.

    Not DRF's AuthenticationFailed, which DRF turns into a 403 on a view that has no
    authentication classes (the token endpoint has none)."""

    status_code = status.HTTP_401_UNAUTHORIZED
    default_detail = "The email address or password is not correct."
    default_code = "invalid_credentials"


class SecondFactorRefused(exceptions.APIException):
    """The token endpoint without a valid second factor: 401, code `mfa_required` (none
    given) or `mfa_invalid`. Not AuthenticationFailed, which DRF turns into a 403 on a view
    without authentication classes (the token endpoint has none)."""

    status_code = status.HTTP_401_UNAUTHORIZED
    default_detail = ("This account uses two-factor authentication: send the current code "
                      "from the authenticator app (or a recovery code) as `otp`.")
    default_code = "mfa_required"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = TOO_LARGE
    default_code = "too_large"


class AccountLockedError(exceptions.PermissionDenied):
    """A locked account: 403 with its own code, so a client can tell it from a wrong password."""

    default_code = "account_locked"
