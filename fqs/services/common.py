"""Helpers every FQS service shares: recipients by role, the system actor, notify on commit,
and the permission guard that runs before a service's transaction."""

import functools

from django.core.exceptions import PermissionDenied
from django.db import transaction

from qis_portal.models import Role, RoleAssignment, User
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify


class SystemActor:
    """The sweep's actor: audited as "system", allowed only the steps the portal takes itself
    (automatic close-out at the sprint end; withdrawing requests a close-out made moot)."""

    is_authenticated = False
    pk = None
    email = "system"
    PERMISSIONS = frozenset({"fqs.auto_close_referral", "fqs.auto_withdraw_sprintrequest"})

    def has_perm(self, perm: str, obj=None) -> bool:
        return perm in self.PERMISSIONS


SYSTEM = SystemActor()


def users_with_role(role: str, organization=None) -> list[User]:
    qs = User.objects.filter(
        is_active=True, role_assignments__role=role,
        role_assignments__status=RoleAssignment.Status.APPROVED,
    )
    if organization is not None:
        qs = qs.filter(organization=organization)
    return list(qs.distinct().order_by("id"))


def cors() -> list[User]:
    return users_with_role(Role.CMS_COR)


def notify_on_commit(*, recipients, kind: str, title: str, body: str = "", url: str = "",
                     idempotency_key: str | None = None) -> None:
    """Notifications leave only once the transition is committed (CONVENTIONS.md)."""
    people = [user for user in recipients if user is not None]
    if not people:
        return
    transaction.on_commit(lambda: notify(
        recipients=people, kind=kind, title=title, body=body, url=url,
        idempotency_key=idempotency_key,
    ))


def require_text(value: str, field: str, message: str) -> str:
    from django.core.exceptions import ValidationError

    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def deny_unless(actor, permission: str, obj, action: str, request=None) -> None:
    """Refuse and audit the refusal outside any transaction, so the denial row survives the
    rollback (inside run_transition's atomic block it would be rolled back with the step)."""
    if actor.has_perm(permission, obj):
        return
    audit_record(action=action, actor=actor, target=obj, outcome="denied", request=request,
                 note=f"missing permission {permission}")
    verb = action.split(".")[-1].replace("_", " ")
    raise PermissionDenied(f"You do not have permission to {verb} this "
                           f"{obj._meta.verbose_name}.")


def guarded(permission: str, target: str, action: str, resolve=None):
    """Check `permission` on kwargs[target] (or resolve(kwargs[target])) before the service's
    transaction opens; the service re-checks under the row lock."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*, actor, request=None, **kwargs):
            obj = kwargs[target] if resolve is None else resolve(kwargs[target])
            deny_unless(actor, permission, obj, action, request)
            with transaction.atomic():
                return fn(actor=actor, request=request, **kwargs)

        return wrapper

    return decorate
