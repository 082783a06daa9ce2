"""Completion (seed 001): hand-off notes, ending the task order, closing the QIO's accounts."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from qio_program.lifecycle import schedule
from qio_program.lifecycle.choices import TaskOrderStatus
from qio_program.lifecycle.models import HandoffNote, TaskOrder
from qio_program.lifecycle.services.common import cor_recipients
from qio_program.lifecycle.services.contract import require_active
from qis_portal.models import User
from qis_portal.services.accounts import account_access_end
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.workflow import WorkflowConflict, lock, require_permission, run_transition


def handoff_note_create(*, actor, task_order: TaskOrder, topic: str, body: str,
                        provider=None, incoming_contractor: str = "", incoming_qio=None,
                        request=None) -> HandoffNote:
    """A transition-off note for the incoming QIO (partnerships, provider relationships);
    naming `incoming_qio` lets that QIO's staff read it."""
    require_permission(actor, "qio_lifecycle.add_handoffnote", task_order,
                       action="handoffnote.create", request=request)
    require_active(task_order)
    if provider is not None and provider.region != task_order.region:
        raise ValidationError({"provider": ["The provider is not in this QIO's region."]})
    if not body.strip():
        raise ValidationError({"body": ["Write the hand-off note."]})
    if incoming_qio is not None and (not incoming_qio.is_qio
                                     or incoming_qio.pk == task_order.qio_id):
        raise ValidationError({"incoming_qio": ["Choose another QIO as the incoming one."]})
    with transaction.atomic():
        note = HandoffNote.objects.create(task_order=task_order, topic=topic, body=body.strip(),
                                          provider=provider, author=actor,
                                          incoming_qio=incoming_qio,
                                          incoming_contractor=incoming_contractor.strip())
        audit_record(action="handoffnote.create", actor=actor, target=task_order,
                     request=request, details={"note": note.pk, "topic": topic})
    return note


def task_order_end(*, actor, task_order: TaskOrder, ended_on: date | None = None,
                   note: str = "", request=None) -> TaskOrder:
    """The COR marks the period of performance ended, from the Completion phase on.

    `ended_on` (default: the last day of the period of performance) is the last day the
    QIO's users work; the accounts sweep closes their accounts the day after."""
    award = task_order.award_date
    completion = schedule.phases(award)[-1]
    last_day = ended_on or completion.end
    today = timezone.localdate()

    def before(locked):
        if today < completion.start:
            raise WorkflowConflict(
                f"The task order can be ended from the Completion phase, which starts "
                f"{completion.start:%Y-%m-%d}.", current_state=locked.status)
        if not (completion.start <= last_day <= completion.end):
            raise ValidationError({"ended_on": [
                f"The last day falls in the Completion phase ({completion.start:%Y-%m-%d} to "
                f"{completion.end:%Y-%m-%d})."]})
        locked.ended_on = last_day

    return run_transition(obj=task_order, transition="end", actor=actor,
                          permission="qio_lifecycle.end_taskorder", note=note, request=request,
                          before=before, details={"ended_on": last_day.isoformat()})


def task_order_close_accounts(*, task_order_id: int, today: date | None = None) -> int:
    """Deactivate the outgoing QIO's users once its ended task order's last day has passed.

    Each closed account is audited. Users stay active if their QIO holds another active
    task order (re-awarded for the next period). Returns the number of accounts closed."""
    today = today or timezone.localdate()
    with transaction.atomic():
        order = lock(TaskOrder, task_order_id)
        if (order.status != TaskOrderStatus.ENDED or order.accounts_closed_at is not None
                or order.ended_on is None or order.ended_on >= today):
            return 0
        successor = (TaskOrder.objects.filter(qio_id=order.qio_id, status=TaskOrderStatus.ACTIVE)
                     .exclude(pk=order.pk).first())
        users = [] if successor else list(
            User.objects.select_for_update().filter(organization_id=order.qio_id, is_active=True))
        for user in users:
            user.is_active = False
            user.save(update_fields=["is_active"])
            account_access_end(user=user, reason=f"Closed at transition off (task order "
                                                 f"{order.number}).")
            audit_record(action="user.account_closed", target=user, actor_label="system",
                         note=f"Task order {order.number} ended on {order.ended_on:%Y-%m-%d}; "
                              f"account closed at transition off.",
                         details={"task_order": order.pk})
        order.accounts_closed_at = timezone.now()
        order.save(update_fields=["accounts_closed_at", "updated_at"])
        audit_record(action="taskorder.accounts_closed", target=order, actor_label="system",
                     note=(f"Kept open: the QIO holds task order {successor.number}."
                           if successor else f"{len(users)} accounts closed."),
                     details={"closed": len(users)})
        notify_on_commit(
            recipients=cor_recipients(order), kind="lifecycle.accounts_closed",
            title=f"Accounts closed for {order.qio}", url=order.get_absolute_url(),
            body=f"Task order {order.number} ended; {len(users)} user accounts were closed.",
            idempotency_key=f"lifecycle.accounts_closed:{order.pk}",
        )
    return len(users)


def task_orders_close_accounts_due(*, today: date | None = None) -> int:
    """The sweep: every ended task order whose last day has passed (idempotent)."""
    today = today or timezone.localdate()
    due = TaskOrder.objects.filter(status=TaskOrderStatus.ENDED, accounts_closed_at__isnull=True,
                                   ended_on__lt=today).values_list("pk", flat=True)
    return sum(task_order_close_accounts(task_order_id=pk, today=today) for pk in list(due))
