"""The one path every workflow step takes (DESIGN.md, Workflows; docs/CONVENTIONS.md).

A service changes an object's state only by calling `run_transition`: it locks the row, checks
the actor's permission on the locked row, checks that the FSM allows the step, runs the
service's precondition (`before`), takes the step, saves, writes one audit record, and runs the
service's side effects (`after`, which schedule notifications and jobs on commit), all in one
transaction. A refusal is `WorkflowConflict` (HTTP 409 in the API, a message on a page) or
`ActionDenied` (403); nothing is half-written.

The FSM fields are `protected=True`, so a state is never assigned by hand, and the
`pre_transition` guard below refuses any transition method called outside `run_transition`:
there is no second way to change a state (tests/core/test_every_transition.py proves it for
every FSM field of the project).

A refused permission leaves exactly one denial record with its target, whatever the path (page,
API, task): `ActionDenied.record()` writes it where it is raised and writes it again only when
a rollback took it away; the 403 page handler and the API error handler call the same method,
so they add nothing when the record is already stored.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.dispatch import receiver
from django_fsm import TransitionNotAllowed, can_proceed, has_transition_perm
from django_fsm.signals import pre_transition

from qis_portal.models import AuditEvent
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notifications_resolve


class SystemActor:
    """The portal acting by itself (sweeps, background jobs, the demo seed): audited as
    "system", and holding only the permissions it is built with."""

    is_authenticated = False
    is_active = False
    pk = None
    email = "system"

    def __init__(self, *permissions: str):
        self.permissions = frozenset(permissions)

    def has_perm(self, perm: str, obj=None) -> bool:
        return perm in self.permissions

    def has_role(self, *roles: str) -> bool:
        return False


class ActionDenied(PermissionDenied):
    """A refused action on one object, audited exactly once with its target (see the module
    docstring). `target` is the object, or `target_ref` its (model label, id) when only the URL
    names it."""

    def __init__(self, message: str, *, action: str = "", target: models.Model | None = None,
                 target_ref: tuple[str, str] | None = None, permission: str = "", actor=None):
        super().__init__(message)
        self.message = message
        self.action = action
        self.target = target
        self.target_type, self.target_id = (
            (target._meta.label_lower, str(target.pk)) if target is not None
            else target_ref or ("", ""))
        self.permission = permission
        self.actor = actor
        self.event_id: int | None = None

    def record(self, *, request=None, actor=None) -> None:
        """Store the denial unless it is stored already (a rollback since may have taken it)."""
        if self.event_id is not None and AuditEvent.objects.filter(pk=self.event_id).exists():
            return
        who = actor if actor is not None else self.actor
        if who is None and request is not None:
            who = getattr(request, "user", None)
        event = audit_record(
            action=self.action or "authz.refused", actor=who, target=self.target,
            target_ref=(self.target_type, self.target_id), outcome=AuditEvent.Outcome.DENIED,
            request=request, actor_label=getattr(who, "email", "") or "",
            note=(f"missing permission {self.permission}" if self.permission
                  else self.message)[:500],
            details={"method": request.method} if request is not None else None,
        )
        self.event_id = event.pk


class WorkflowConflict(Exception):
    """An illegal workflow step: the object is not in a state that allows it."""

    def __init__(self, message: str, *, current_state: str = ""):
        super().__init__(message)
        self.message = message
        self.current_state = current_state


class TransitionOutsidePath(RuntimeError):
    """A transition method was called directly instead of through `run_transition`."""


# Which (model label, pk, transition) run_transition is taking now, for the guard below.
_TAKING: ContextVar[tuple[str, object, str] | None] = ContextVar("taking_transition",
                                                                 default=None)


@receiver(pre_transition, dispatch_uid="qis_portal.workflow.only_through_run_transition")
def _only_through_run_transition(sender, instance, name, **kwargs) -> None:
    """Refuse every FSM transition of every model unless run_transition is taking it."""
    if _TAKING.get() != (sender._meta.label_lower, instance.pk, name):
        raise TransitionOutsidePath(
            f"{sender.__name__}.{name}() changes a workflow state; call it through "
            f"qis_portal.workflow.run_transition from a service (lock, permission, audit).")


class TrainingRequired(ActionDenied):
    """The user has not attested the current training module of one of their roles (seed
    001: training before using the live platform): no workflow step or audited write yet."""


TRAINING_PAGE = "/accounts/training/"


def require_training(actor, *, action: str, target: models.Model | None = None,
                     request=None) -> None:
    """The one training gate, on the permission path: a signed-in user owing a module of a
    role they hold is refused (403, one denial record) until they attest it. The portal's own
    actor (SystemActor) and users of roles without a module pass."""
    if not getattr(actor, "is_authenticated", False):
        return
    from qis_portal.services.training import modules_outstanding

    module = modules_outstanding(actor).first()
    if module is None:
        return
    refusal = TrainingRequired(
        f"Complete “{module.title}” (version {module.version}) and attest it on your training "
        f"page ({TRAINING_PAGE}) before acting in the live portal.", action=action,
        target=target if isinstance(target, models.Model) else None, actor=actor)
    refusal.record(request=request)
    raise refusal


def is_read(permission: str) -> bool:
    """Reads are not workflow actions: training gates writes only."""
    return permission.rpartition(".")[2].startswith(("view_", "read_"))


def lock(model: type[models.Model], pk) -> models.Model:
    """Re-read one row FOR UPDATE; two people approving at once queue here, one wins."""
    return model.objects.select_for_update().get(pk=pk)


def require_permission(actor, permission: str, obj: models.Model | None = None, *,
                       action: str, request=None, message: str = "") -> None:
    """The one permission guard: refuse with `ActionDenied` (403) unless `actor` holds
    `permission` on `obj` (None: the model-level check). The denial is recorded at once, with
    `obj` as its target; called inside a transaction that the refusal rolls back, the boundary
    (page, API) records it again. A user who owes training is refused first
    (`require_training`), whatever the write."""
    if not is_read(permission):
        require_training(actor, action=action, target=obj, request=request)
    if actor.has_perm(permission, obj):
        return
    refusal = ActionDenied(message or "You do not have permission to do this.", action=action,
                           target=obj if isinstance(obj, models.Model) else None,
                           permission=permission, actor=actor)
    refusal.record(request=request)
    raise refusal


@contextmanager
def locked_write(obj: models.Model, *, actor, permission: str, action: str, request=None,
                 message: str = "") -> Iterator[models.Model]:
    """The shape of an audited write that is not a state change (an edit, a note, a file):

        with locked_write(thing, actor=actor, permission="app.change_thing",
                          action="thing.update", request=request) as locked:
            ...change `locked`, save, audit_record(...)

    The permission is checked first (its refusal recorded at once), then, in one transaction,
    the row is locked and the permission checked again on what is stored now."""
    require_permission(actor, permission, obj, action=action, request=request,
                       message=message)
    try:
        with transaction.atomic():
            locked = lock(type(obj), obj.pk)
            if not actor.has_perm(permission, locked):
                raise ActionDenied(message or "You do not have permission to do this.",
                                   action=action, target=locked, permission=permission,
                                   actor=actor)
            yield locked
    except ActionDenied as refused:
        refused.record(request=request, actor=actor)
        raise


def run_transition(
    *,
    obj: models.Model,
    transition: str,
    actor,
    permission: str,
    note: str = "",
    request=None,
    before: Callable[[models.Model], None] | None = None,
    after: Callable[[models.Model], None] | None = None,
    kwargs: dict | None = None,
    details: dict | None = None,
    action: str = "",
    outcome: str = AuditEvent.Outcome.SUCCESS,
    refusal: Callable[[models.Model], str] | None = None,
    denied: str = "",
    state_field: str = "status",
) -> models.Model:
    """Take one workflow step on `obj`; returns the locked, saved row.

    - `before(locked)`: the precondition, after the lock and the FSM check and before the
      step; it raises `WorkflowConflict` or `ValidationError` with a reason, and may set the
      fields the step records (who, when, why).
    - `after(stepped)`: the side effects, after the save and the audit record, in the same
      transaction: related rows, `notify_on_commit(...)`, `transaction.on_commit(job.delay)`.
    - `action` names the audit record (default `<model>.<transition>`), `outcome` its outcome
      (a job that ends in failure), `details` its extra facts.
    - `refusal(locked)` says why the FSM refuses (default: "Cannot <step>: the <thing> is
      <state>."), `denied` why the permission does.
    """
    name = action or f"{obj._meta.model_name}.{transition}"
    require_training(actor, action=name, target=obj, request=request)
    try:
        with transaction.atomic():
            locked = lock(type(obj), obj.pk)
            if not actor.has_perm(permission, locked):
                raise ActionDenied(
                    denied or f"You do not have permission to {transition.replace('_', ' ')} "
                              f"this {locked._meta.verbose_name}.",
                    action=name, target=locked, permission=permission, actor=actor)
            method = getattr(locked, transition)
            from_state = getattr(locked, state_field)
            if not can_proceed(method) or not has_transition_perm(method, actor):
                raise WorkflowConflict(
                    refusal(locked) if refusal is not None else
                    f"Cannot {transition.replace('_', ' ')}: the {locked._meta.verbose_name} "
                    f"is {locked_state_label(locked, state_field)}.",
                    current_state=from_state)
            if before is not None:
                before(locked)
            token = _TAKING.set((locked._meta.label_lower, locked.pk, transition))
            try:
                method(**(kwargs or {}))
            except TransitionNotAllowed as exc:
                raise WorkflowConflict(str(exc), current_state=from_state) from exc
            finally:
                _TAKING.reset(token)
            locked.save()
            audit_record(
                action=name, actor=actor, target=locked, outcome=outcome,
                from_state=from_state, to_state=getattr(locked, state_field), note=note,
                request=request, details=details, actor_label=getattr(actor, "email", "") or "",
            )
            notifications_resolve(locked)
            if after is not None:
                after(locked)
            return locked
    except ActionDenied as refused:
        refused.record(request=request, actor=actor)
        raise


def locked_state_label(obj: models.Model, state_field: str = "status") -> str:
    display = getattr(obj, f"get_{state_field}_display", None)
    return (display() if display else getattr(obj, state_field)).lower()

