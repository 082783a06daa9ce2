"""The shared shape of every workflow transition (DESIGN.md, Workflows).

A transition service calls `run_transition`: it re-reads the row with a lock, checks the
actor's permission, checks that the FSM allows the step, runs it, saves, and writes the audit
record, all in one transaction. Refusals raise `WorkflowConflict` (HTTP 409 in the API) or
`PermissionDenied` (403), each with a reason; nothing is half-written.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django_fsm import TransitionNotAllowed, can_proceed, has_transition_perm

from qis_portal.services.audit import audit_record


class ActionDenied(PermissionDenied):
    """A refused action on one object. Raised inside the transaction, so it is audited where it
    leaves the request (the 403 handlers), after the rollback, and never lost with it."""

    def __init__(self, message: str, *, action: str = "", target: models.Model | None = None):
        super().__init__(message)
        self.action = action
        self.target_type = target._meta.label_lower if target is not None else ""
        self.target_id = str(target.pk) if target is not None else ""


class WorkflowConflict(Exception):
    """An illegal workflow step: the object is not in a state that allows it."""

    def __init__(self, message: str, *, current_state: str = ""):
        super().__init__(message)
        self.message = message
        self.current_state = current_state


def lock(model: type[models.Model], pk) -> models.Model:
    """Re-read one row FOR UPDATE; two people approving at once queue here, one wins."""
    return model.objects.select_for_update().get(pk=pk)


def run_transition(
    *,
    obj: models.Model,
    transition: str,
    actor,
    permission: str,
    note: str = "",
    request=None,
    state_field: str = "status",
    before: Callable[[models.Model], None] | None = None,
    kwargs: dict | None = None,
    details: dict | None = None,
) -> models.Model:
    """Lock, check permission and precondition, transition, save, audit. Returns the fresh row.

    `before(locked)` runs after the lock and before the FSM step: the place for precondition
    checks that read other rows and raise WorkflowConflict with a reason.
    """
    with transaction.atomic():
        locked = lock(type(obj), obj.pk)
        if not actor.has_perm(permission, locked):
            raise ActionDenied(
                f"You do not have permission to {transition.replace('_', ' ')} this "
                f"{locked._meta.verbose_name}.",
                action=f"{locked._meta.model_name}.{transition}", target=locked,
            )
        method = getattr(locked, transition)
        from_state = getattr(locked, state_field)
        if not can_proceed(method) or not has_transition_perm(method, actor):
            raise WorkflowConflict(
                f"Cannot {transition.replace('_', ' ')}: the "
                f"{locked._meta.verbose_name} is {locked_state_label(locked, state_field)}.",
                current_state=from_state,
            )
        if before is not None:
            before(locked)
        try:
            method(**(kwargs or {}))
        except TransitionNotAllowed as exc:
            raise WorkflowConflict(str(exc), current_state=from_state) from exc
        locked.save()
        audit_record(
            action=f"{locked._meta.model_name}.{transition}", actor=actor, target=locked,
            from_state=from_state, to_state=getattr(locked, state_field), note=note,
            request=request, details=details,
        )
        return locked


def locked_state_label(obj: models.Model, state_field: str = "status") -> str:
    display = getattr(obj, f"get_{state_field}_display", None)
    return (display() if display else getattr(obj, state_field)).lower()
