"""The API's permission classes, and the audit of refusals at the boundary.

Views and viewsets name a permission per action; anything not named is refused. Object
scoping (another tenant's object) happens in selectors, so it answers 404, not 403. Services
and pages refuse through `qis_portal.workflow.require_permission` (pages through
`qis_portal.views.common.require_perm`), the API through `RulePermission`; every refusal ends
in `audit_refusal`, which writes its one denial record.
"""

from rest_framework import permissions

from qis_portal.services.audit import audit_record
from qis_portal.workflow import ActionDenied

API_REFUSAL = "You do not have permission to perform this action."


class DenyByDefault(permissions.BasePermission):
    """API default: an endpoint that names no permission refuses everyone."""

    def has_permission(self, request, view):
        return False


class RulePermission(permissions.BasePermission):
    """`view.rule_permissions = {"list": "app.view_x", "create": "app.add_x", ...}`.

    Model-level check with obj=None first (a predicate may require a role), then per object.
    A signed-in user refused gets `ActionDenied` naming the object (or, before it is loaded,
    the id in the URL), so its one denial record says what was refused; its action is
    `<model>.<view action>`, or the view's `refusal_action`.
    """

    def _perm(self, view):
        return getattr(view, "rule_permissions", {}).get(self._action(view))

    @staticmethod
    def _action(view) -> str:
        return getattr(view, "action", None) or view.request.method.lower()

    @staticmethod
    def _model(view):
        """The model the view serves, or None (a plain API view names none)."""
        from rest_framework import generics  # DRF's settings import this module first

        if getattr(view, "queryset", None) is not None:
            return view.queryset.model
        own = getattr(type(view), "get_queryset", generics.GenericAPIView.get_queryset)
        return None if own is generics.GenericAPIView.get_queryset else view.get_queryset().model

    def _refuse(self, view, model, **target) -> ActionDenied:
        name = model._meta.model_name if model is not None else type(view).__name__.lower()
        action = getattr(view, "refusal_action", "") or f"{name}.{self._action(view)}"
        return ActionDenied(API_REFUSAL, action=action, permission=self._perm(view) or "",
                            **target)

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        perm = self._perm(view)
        if perm and request.user.has_perm(perm):
            return True
        model = self._model(view)
        kwarg = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", "pk")
        pk = getattr(view, "kwargs", {}).get(kwarg)
        raise self._refuse(view, model, target_ref=(model._meta.label_lower, str(pk))
                           if model is not None and pk is not None else None)

    def has_object_permission(self, request, view, obj):
        perm = self._perm(view)
        if perm and request.user.has_perm(perm, obj):
            return True
        raise self._refuse(view, type(obj), target=obj)


def audit_refusal(request, reason: str = "", exception=None) -> None:
    """Refused authorizations are part of the trail (called by the 403 handlers): one record
    per refusal, with its target when the refusal names one."""
    user = getattr(request, "user", None)
    actor = user if user and user.is_authenticated else None
    if isinstance(exception, ActionDenied):
        exception.record(request=request, actor=actor)
        return
    audit_record(
        action=getattr(exception, "action", "") or "authz.refused", actor=actor,
        outcome="denied", request=request, note=reason[:500],
        details={"method": request.method},
    )
