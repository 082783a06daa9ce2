"""Naming a task order's COR and alternate, and handing open clocks to them (leave, turnover).

An open clock is a submission awaiting the COR (an A3C, Provider Assessment, QAP, report or
dashboard template in "submitted", an FQS activation pending the COR): its "awaits your
approval" notice is closed for the CORs who leave and sent to the ones who arrive, and its
5-business-day reminders and escalation go to them from then on (the sweep asks the task order
whom to tell). One audit record on the task order lists what moved.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from qio_program.lifecycle.choices import ReviewStatus
from qio_program.lifecycle.cors import cors_of, named_cor_ids
from qio_program.lifecycle.models import (
    A3C,
    DashboardTemplate,
    ProviderAssessment,
    QualityActionPlan,
    Report,
    TaskOrder,
)
from qio_program.lifecycle.services.contract import check_cors
from qis_portal.models import Notification
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.workflow import locked_write

REVIEWED = (A3C, ProviderAssessment, QualityActionPlan, Report, DashboardTemplate)


def open_clocks(task_order: TaskOrder) -> list:
    """Everything of this task order that waits on its COR now."""
    waiting = []
    for model in REVIEWED:
        waiting += list(model.objects.filter(task_order=task_order,
                                             status=ReviewStatus.SUBMITTED))
    return waiting


def task_order_cors_assign(*, actor, task_order: TaskOrder, cor, alternate_cor=None,
                           note: str = "", request=None) -> TaskOrder:
    """Name the COR and alternate; move every open clock to them, with one audit record."""
    check_cors(cor, alternate_cor)
    with locked_write(task_order, actor=actor, permission="qio_lifecycle.assign_cor_taskorder",
                      action="taskorder.assign_cors", request=request,
                      message="Only the task order's COR or alternate hands it over.") as locked:
        before = named_cor_ids(locked)
        previous = {"cor": locked.cor_id, "alternate_cor": locked.alternate_cor_id}
        locked.cor, locked.alternate_cor = cor, alternate_cor
        locked.save(update_fields=["cor", "alternate_cor", "updated_at"])
        leaving = before - named_cor_ids(locked)
        moved = open_clocks(locked) + _open_activations(locked)
        for item in moved:
            _hand_over(item, leaving=leaving, arriving=cors_of(locked), actor=actor)
        audit_record(action="taskorder.assign_cors", actor=actor, target=locked,
                     request=request, note=note[:500],
                     details={"from": previous,
                              "to": {"cor": locked.cor_id,
                                     "alternate_cor": locked.alternate_cor_id},
                              "moved": [f"{item._meta.label_lower}:{item.pk}"
                                        for item in moved]})
        return locked


def _open_activations(task_order: TaskOrder) -> list:
    from fqs.cor_scope import activations_pending_for_qio

    return list(activations_pending_for_qio(task_order.qio))


def _hand_over(item, *, leaving: set[int], arriving, actor) -> None:
    """Close the leaving CORs' "awaits your approval" notice and send one to the new ones."""
    target = {"target_type": ContentType.objects.get_for_model(item),
              "target_id": str(item.pk)}
    if leaving:
        Notification.objects.filter(recipient_id__in=leaving, resolved_at__isnull=True,
                                    **target).update(resolved_at=timezone.now())
    already = set(Notification.objects.filter(resolved_at__isnull=True, **target)
                  .values_list("recipient_id", flat=True))
    kind = "fqs.activation" if item._meta.app_label == "fqs" else "lifecycle.awaiting_approval"
    notify_on_commit(
        recipients=[user for user in arriving if user.pk not in already], kind=kind,
        title=f"Handed to you: {item} awaits your approval", url=_url(item),
        body="The task order's COR assignment changed; the approval clock runs on.",
        awaiting=item, exclude=actor)


def _url(item) -> str:
    if item._meta.app_label == "fqs":
        return f"/fqs/activations/{item.pk}/"
    return item.get_absolute_url()
