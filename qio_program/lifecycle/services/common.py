"""Shared pieces of the lifecycle services: recipients, locked edits, and the COR review that
A3Cs, Provider Assessments, QAPs, reports and dashboard templates go through."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from qio_program.lifecycle.choices import ReviewStatus
from qio_program.lifecycle.cors import cors_of
from qio_program.lifecycle.models.base import EDITABLE
from qis_portal.models import Role, User
from qis_portal.regions import state_name
from qis_portal.selectors import users_with_roles
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.workflow import WorkflowConflict, locked_write, run_transition


def cor_recipients(task_order) -> list[User]:
    """The COR and alternate named on the task order (qio_program.lifecycle.cors)."""
    return cors_of(task_order)


def qio_recipients(qio_id: int) -> list[User]:
    return users_with_roles(Role.QIO_ASSOCIATE, Role.QIO_MANAGER, organization_id=qio_id)


def provider_recipients(provider) -> list[User]:
    if not provider.organization_id:
        return []
    return users_with_roles(Role.PROVIDER_USER, organization_id=provider.organization_id)


def required_before_step(labels: dict[str, str]) -> dict[str, str]:
    """{field: "<label> is required before this step."} for `require_filled`."""
    return {name: f"{label} is required before this step." for name, label in labels.items()}


def locked_edit(obj: models.Model, *, actor, permission: str,
                changes: dict | Callable[[models.Model], dict], request=None,
                editable: Callable[[models.Model], bool], refusal: Callable[[models.Model], str]
                ) -> models.Model:
    """Lock the row, check permission and that it may still change, write, audit.

    `changes` may be a function of the locked row (to merge into what is stored)."""
    name = obj._meta.model_name
    with locked_write(obj, actor=actor, permission=permission, action=f"{name}.update",
                      request=request) as locked:
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


@dataclass(frozen=True)
class Review:
    """The COR review of one kind of artifact (ReviewedArtifact): the QIO edits a draft (or a
    returned one) and submits it; the COR approves it, or returns it with comments. Each step
    is one run_transition; the COR hears of a submission, the QIO of a decision."""

    label: str  # what the notices call it: "A3C", "Provider Assessment"
    change: str  # the permission to edit and submit
    review: str  # the permission to approve and return

    def update(self, obj, *, actor, changes, request=None):
        return locked_edit(obj, actor=actor, permission=self.change, changes=changes,
                           request=request, editable=lambda locked: locked.status in EDITABLE,
                           refusal=read_only_reason)

    def submit(self, obj, *, actor, request=None,
               check: Callable[[models.Model], None] | None = None,
               after: Callable[[models.Model], None] | None = None):
        """Submit to the COR: `check(locked)` raises ValidationError when something is
        missing; `after(submitted)` adds the artifact's own side effects."""

        def before(locked):
            if check is not None:
                check(locked)
            locked.submitted_at = timezone.now()
            locked.submitted_by = actor

        def submitted(locked):
            if after is not None:
                after(locked)
            notify_on_commit(
                recipients=cor_recipients(locked.task_order), kind="lifecycle.awaiting_approval",
                title=f"{self.label} awaits your approval: {locked}",
                url=locked.get_absolute_url(), body=f"{locked.task_order.qio} submitted {locked}.",
                awaiting=locked)

        return run_transition(obj=obj, transition="submit", actor=actor, permission=self.change,
                              request=request, before=before, after=submitted)

    def approve(self, obj, *, actor, note: str = "", request=None,
                after: Callable[[models.Model], None] | None = None):
        """Two CORs approving at once: the row lock in run_transition lets exactly one win;
        `after(approved)` adds the artifact's own side effects inside the step."""

        def before(locked):
            locked.decided_at = timezone.now()
            locked.decided_by = actor
            locked.cor_comments = note

        def approved(locked):
            if after is not None:
                after(locked)
            self._tell_qio(locked)

        return run_transition(obj=obj, transition="approve", actor=actor,
                              permission=self.review, note=note, request=request,
                              before=before, after=approved)

    def send_back(self, obj, *, actor, comments: str, request=None):
        """Return with comments; the comments are required (the QIO must know what to
        change)."""
        comments = (comments or "").strip()

        def before(locked):
            if not comments:
                raise ValidationError({"comments": ["Say what must change before returning it."]})
            locked.decided_at = timezone.now()
            locked.decided_by = actor
            locked.cor_comments = comments

        return run_transition(obj=obj, transition="return_for_changes", actor=actor,
                              permission=self.review, note=comments, request=request,
                              before=before, after=self._tell_qio)

    def _tell_qio(self, decided) -> None:
        verdict = ("approved" if decided.status == ReviewStatus.APPROVED
                   else "returned with comments")
        notify_on_commit(
            recipients=qio_recipients(decided.task_order.qio_id), kind="lifecycle.decision",
            title=f"{self.label} {verdict}: {decided}", url=decided.get_absolute_url(),
            body=decided.cor_comments)


def state_label(code: str) -> str:
    return f"{state_name(code)} ({code})"
