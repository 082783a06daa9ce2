"""Shared pieces of the lifecycle services: recipients, locked edits, the review workflow."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from qio_program.lifecycle.choices import ReviewStatus
from qio_program.lifecycle.states import state_name
from qis_portal.models import AuditEvent, Role, RoleAssignment, User
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify
from qis_portal.workflow import WorkflowConflict, lock, run_transition


def users_with_roles(*roles: str, organization_id: int | None = None):
    qs = User.objects.filter(
        is_active=True, role_assignments__role__in=roles,
        role_assignments__status=RoleAssignment.Status.APPROVED,
    )
    if organization_id is not None:
        qs = qs.filter(organization_id=organization_id)
    return list(qs.distinct().order_by("email"))


def cor_recipients() -> list[User]:
    return users_with_roles(Role.CMS_COR)


def qio_recipients(qio_id: int) -> list[User]:
    return users_with_roles(Role.QIO_ASSOCIATE, Role.QIO_MANAGER, organization_id=qio_id)


def provider_recipients(provider) -> list[User]:
    if not provider.organization_id:
        return []
    return users_with_roles(Role.PROVIDER_USER, organization_id=provider.organization_id)


def notify_on_commit(**kwargs) -> None:
    transaction.on_commit(lambda: notify(**kwargs))


def require_perm(actor, permission: str, obj=None, *, action: str, request=None) -> None:
    """Refuse (403) and audit the denial unless `actor` holds `permission` on `obj`.

    Call it before opening a transaction: a denial record written inside an atomic block that
    the PermissionDenied then leaves would be rolled back with it."""
    if actor.has_perm(permission, obj):
        return
    audit_record(action=action, actor=actor, target=obj if isinstance(obj, models.Model) else None,
                 outcome=AuditEvent.Outcome.DENIED, request=request,
                 note=f"missing permission {permission}")
    raise PermissionDenied("You do not have permission to do this.")


def transition(obj, *, name: str, actor, permission: str, note: str = "", request=None,
               before: Callable[[models.Model], None] | None = None,
               after: Callable[[models.Model], None] | None = None,
               details: dict | None = None):
    """Permission first (its denial audited outside the transaction), then in one transaction
    `run_transition` (lock, FSM check, `before`, save, audit) and `after` (side effects, which
    schedule themselves on commit)."""
    require_perm(actor, permission, obj, action=f"{obj._meta.model_name}.{name}",
                 request=request)
    with transaction.atomic():
        result = run_transition(obj=obj, transition=name, actor=actor, permission=permission,
                                note=note, request=request, before=before, details=details)
        if after is not None:
            after(result)
    return result


def require_text(obj, fields: dict[str, str]) -> None:
    """Every named field must have text before the step (ValidationError per empty field)."""
    missing = {name: [f"{label} is required before this step."]
               for name, label in fields.items() if not str(getattr(obj, name) or "").strip()}
    if missing:
        raise ValidationError(missing)


def locked_edit(obj: models.Model, *, actor, permission: str,
                changes: dict | Callable[[models.Model], dict], request=None,
                editable: Callable[[models.Model], bool], refusal: Callable[[models.Model], str]
                ) -> models.Model:
    """Lock the row, check permission and that it may still change, write, audit.

    `changes` may be a function of the locked row (to merge into what is stored)."""
    name = obj._meta.model_name
    require_perm(actor, permission, obj, action=f"{name}.update", request=request)
    with transaction.atomic():
        locked = lock(type(obj), obj.pk)
        if not editable(locked):
            raise WorkflowConflict(refusal(locked), current_state=getattr(locked, "status", ""))
        if callable(changes):
            changes = changes(locked)
        for field, value in changes.items():
            setattr(locked, field, value)
        locked.save()
        audit_record(action=f"{name}.update", actor=actor, target=locked, request=request,
                     details={"fields": sorted(changes)})
        return locked


def read_only_reason(obj) -> str:
    """Why a reviewed artifact cannot be edited now."""
    label = obj._meta.verbose_name
    if obj.status == ReviewStatus.APPROVED:
        return (f"This {label} is approved and read-only; start the yearly update (a new "
                f"version) to change it.")
    if obj.status == ReviewStatus.SUBMITTED:
        return f"This {label} is with the COR; it can change again only if returned."
    return f"This {label} cannot be changed while it is {obj.get_status_display().lower()}."


def review_submit(obj, *, actor, permission: str, request=None,
                  check: Callable[[models.Model], None] | None = None,
                  after: Callable[[models.Model], None] | None = None):
    """Submit to the COR: `check(locked)` raises ValidationError when something is missing."""

    def before(locked):
        if check is not None:
            check(locked)
        locked.submitted_at = timezone.now()
        locked.submitted_by = actor

    return transition(obj, name="submit", actor=actor, permission=permission, request=request,
                      before=before, after=after)


def review_approve(obj, *, actor, permission: str, note: str = "", request=None,
                   after: Callable[[models.Model], None] | None = None):
    def before(locked):
        locked.decided_at = timezone.now()
        locked.decided_by = actor
        locked.cor_comments = note

    return transition(obj, name="approve", actor=actor, permission=permission, note=note,
                      request=request, before=before, after=after)


def review_return(obj, *, actor, permission: str, comments: str, request=None,
                  after: Callable[[models.Model], None] | None = None):
    """Return with comments; the comments are required (the QIO must know what to change)."""
    comments = (comments or "").strip()

    def before(locked):
        if not comments:
            raise ValidationError({"comments": ["Say what must change before returning it."]})
        locked.decided_at = timezone.now()
        locked.decided_by = actor
        locked.cor_comments = comments

    return transition(obj, name="return_for_changes", actor=actor, permission=permission,
                      note=comments, request=request, before=before, after=after)


def notify_submitted(obj, *, label: str) -> None:
    notify_on_commit(
        recipients=cor_recipients(), kind="lifecycle.awaiting_approval",
        title=f"{label} awaits your approval: {obj}", url=obj.get_absolute_url(),
        body=f"{obj.task_order.qio} submitted {obj}.",
    )


def notify_decision(obj, *, label: str) -> None:
    verdict = "approved" if obj.status == ReviewStatus.APPROVED else "returned with comments"
    notify_on_commit(
        recipients=qio_recipients(obj.task_order.qio_id), kind="lifecycle.decision",
        title=f"{label} {verdict}: {obj}", url=obj.get_absolute_url(),
        body=obj.cor_comments,
    )


def state_label(code: str) -> str:
    return f"{state_name(code)} ({code})"
