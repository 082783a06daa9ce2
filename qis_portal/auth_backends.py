"""The password backend every sign-in path uses (browser, admin, API token endpoint)."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from qis_portal.models import User
from qis_portal.services.audit import audit_record


class AccountLocked(PermissionDenied):
    def __init__(self, user: User):
        super().__init__(
            f"This account is locked after repeated failed sign-ins until "
            f"{timezone.localtime(user.locked_until):%H:%M %Z}."
        )
        self.user = user


class LockoutModelBackend(ModelBackend):
    """Refuses a locked account even with the right password (AC-7).

    Raising PermissionDenied stops Django from trying other backends and still fires
    `user_login_failed`, which counts the attempt.
    """

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        username = (username or email or "").strip().lower()
        if not username or password is None:
            return None
        user = User.objects.filter(email=username).first()
        if user is not None and user.is_locked():
            audit_record(action="auth.login_refused_locked", outcome="denied", target=user,
                         request=request, actor_label=username)
            raise AccountLocked(user)
        return super().authenticate(request, username=username, password=password, **kwargs)

    def has_perm(self, user_obj, perm, obj=None):
        # Permissions come from rules (role predicates) only; Django's group/user perm tables
        # are not a second, unaudited way in. Superusers pass in PermissionsMixin already.
        return False
