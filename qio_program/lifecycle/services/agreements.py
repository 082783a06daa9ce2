"""What the Provider Engagement Strategy and the Provider Service Agreement share (seed 001):
the QIO drafts one under an active task order for a provider it may serve, sends it to the
provider's users, and the provider signs it, or sends it back with what should change."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from qio_program.lifecycle.models import TaskOrder
from qio_program.lifecycle.services.common import (
    locked_edit,
    provider_recipients,
    qio_recipients,
    required_before_step,
)
from qio_program.lifecycle.services.contract import require_active
from qio_program.lifecycle.services.providers import require_eligible
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.validation import require_filled
from qis_portal.workflow import WorkflowConflict, lock, require_permission, run_transition


def agreement_create(model: type[models.Model], *, actor, task_order: TaskOrder, provider,
                     data: dict | None, fields: tuple[str, ...], permission: str,
                     open_one: Callable[[], models.Model | None],
                     refusal: Callable[[models.Model], str],
                     check: Callable[[], None] | None = None, request=None):
    """A new draft for `provider`, unless `open_one()` finds one it would duplicate (refused
    with `refusal(existing)`); `check()` is the document's own gate (the PES's approved A3C).
    The task order's row lock makes two QIO users starting one at once create one."""
    action = f"{model._meta.model_name}.create"
    require_permission(actor, permission, task_order, action=action, request=request)
    require_active(task_order)
    require_eligible(task_order, provider)
    if check is not None:
        check()
    with transaction.atomic():
        lock(TaskOrder, task_order.pk)
        existing = open_one()
        if existing is not None:
            raise WorkflowConflict(refusal(existing))
        try:
            with transaction.atomic():
                document = model.objects.create(
                    task_order=task_order, provider=provider, created_by=actor,
                    **{key: value for key, value in (data or {}).items() if key in fields})
        except IntegrityError as exc:
            raise WorkflowConflict(f"{provider} already has an open "
                                   f"{model._meta.verbose_name}.") from exc
        audit_record(action=action, actor=actor, target=document, to_state=document.status,
                     request=request)
    return document


def agreement_update(document, *, actor, permission: str, data: dict,
                     fields: tuple[str, ...], short: str, hint: str = "", request=None):
    """Edit a draft (only a draft changes; `hint` says what to do instead)."""
    return locked_edit(
        document, actor=actor, permission=permission, request=request,
        changes={key: value for key, value in data.items() if key in fields},
        editable=lambda obj: obj.is_editable,
        refusal=lambda obj: f"This {short} is {obj.get_status_display().lower()}; only a draft "
                            f"changes{hint}.")


def agreement_send(document, *, actor, transition: str, permission: str,
                   required: dict[str, str], stamp: str, title: str, request=None):
    """Send the draft to the provider's users for review and signature: the `required`
    sections must be written; the time is recorded in `stamp`."""

    def before(locked):
        require_filled(locked, required_before_step(required))
        setattr(locked, stamp, timezone.now())

    def after(sent):
        notify_on_commit(recipients=provider_recipients(sent.provider),
                         kind="lifecycle.signature_requested",
                         title=f"{title} {sent.task_order.qio}", url=sent.get_absolute_url())

    return run_transition(obj=document, transition=transition, actor=actor,
                          permission=permission, request=request, before=before, after=after)


def agreement_send_back(document, *, actor, transition: str, permission: str, text: str,
                        field: str, key: str, short: str, request=None):
    """The provider asks for changes instead of signing, saying what (`key` names the input,
    `field` where it is kept); the QIO revises the draft."""
    text = (text or "").strip()

    def before(locked):
        if not text:
            raise ValidationError({key: ["Say what you would like changed."]})
        setattr(locked, field, text)

    def after(returned):
        notify_on_commit(recipients=qio_recipients(returned.task_order.qio_id),
                         kind="lifecycle.decision",
                         title=f"{returned.provider} asks for changes to its {short}",
                         url=returned.get_absolute_url(), body=text)

    return run_transition(obj=document, transition=transition, actor=actor,
                          permission=permission, note=text, request=request, before=before,
                          after=after)


def tell_qio_signed(signed, *, short: str) -> None:
    notify_on_commit(recipients=qio_recipients(signed.task_order.qio_id),
                     kind="lifecycle.signed", title=f"{signed.provider} signed its {short}",
                     url=signed.get_absolute_url())
