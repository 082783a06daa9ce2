"""The one permission layer: rules predicates, used by views, the API and the admin.

Views and viewsets name a permission per action; anything not named is refused. Object
scoping (another tenant's object) happens in selectors, so it answers 404, not 403.
"""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from rest_framework import permissions

from qis_portal.services.audit import audit_record


class DenyByDefault(permissions.BasePermission):
    """API default: an endpoint that names no permission refuses everyone."""

    def has_permission(self, request, view):
        return False


class RulePermission(permissions.BasePermission):
    """`view.rule_permissions = {"list": "app.view_x", "create": "app.add_x", ...}`.

    Model-level check with obj=None first (a predicate may require a role), then per object.
    """

    def _perm(self, view):
        action = getattr(view, "action", None) or view.request.method.lower()
        return getattr(view, "rule_permissions", {}).get(action)

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        perm = self._perm(view)
        return bool(perm) and request.user.has_perm(perm)

    def has_object_permission(self, request, view, obj):
        perm = self._perm(view)
        return bool(perm) and request.user.has_perm(perm, obj)


class RulePermissionMixin(AccessMixin):
    """For class-based views: `permission_required` checked against `get_permission_object()`."""

    permission_required: str = ""

    def get_permission_object(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.permission_required or not request.user.has_perm(
            self.permission_required, self.get_permission_object()
        ):
            raise PermissionDenied("You do not have permission to open this page.")
        return super().dispatch(request, *args, **kwargs)


def audit_refusal(request, reason: str = "", exception=None) -> None:
    """Refused authorizations are part of the trail (called by the 403 handlers)."""
    user = getattr(request, "user", None)
    event = audit_record(
        action=getattr(exception, "action", "") or "authz.refused",
        actor=user if user and user.is_authenticated else None,
        outcome="denied", request=request, note=reason[:500],
        details={"method": request.method},
    )
    target_id = getattr(exception, "target_id", "")
    if target_id:
        event.target_type = exception.target_type
        event.target_id = target_id
        event.save(update_fields=["target_type", "target_id"])
