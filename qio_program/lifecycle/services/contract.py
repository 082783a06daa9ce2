"""Task orders: creation with the whole deliverable schedule, PSA target, deliverable marks."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from qio_program.lifecycle import schedule
from qio_program.lifecycle.choices import (
    DeliverableKind,
    PesStatus,
    ReviewStatus,
    TaskOrderStatus,
)
from qio_program.lifecycle.models import (
    Deliverable,
    ProviderEngagementStrategy,
    PsaTarget,
    QualityActionPlan,
    TaskOrder,
)
from qis_portal.models import Role
from qis_portal.regions import states_for_region
from qis_portal.services.audit import audit_record
from qis_portal.workflow import WorkflowConflict, lock, require_permission


def task_order_create(*, actor, qio, number: str, award_date: date, cor=None,
                      alternate_cor=None, request=None) -> TaskOrder:
    """Record a QIO's award and store every deliverable's due date (schedule.py). The COR
    who records it is its COR unless another is named (qio_program.lifecycle.cors)."""
    require_permission(actor, "qio_lifecycle.add_taskorder", action="taskorder.create",
                       request=request)
    cor = cor or (actor if getattr(actor, "pk", None) else None)
    check_cors(cor, alternate_cor)
    with transaction.atomic():
        return _create(actor, qio, number, award_date, request, cor, alternate_cor)


def check_cors(cor, alternate_cor) -> None:
    """The COR and the alternate are two different people who hold the COR role."""
    for field, user in (("cor", cor), ("alternate_cor", alternate_cor)):
        if user is not None and not user.has_role(Role.CMS_COR):
            raise ValidationError({field: [f"{user} is not a CMS COR."]})
    if cor is not None and alternate_cor is not None and cor.pk == alternate_cor.pk:
        raise ValidationError({"alternate_cor": ["The alternate must be another COR."]})


def _create(actor, qio, number: str, award_date: date, request, cor, alternate_cor
            ) -> TaskOrder:
    if not qio.is_qio:
        raise ValidationError({"qio": ["A task order is awarded to a QIN-QIO or an AIAN QIO."]})
    if not states_for_region(qio.region):
        raise ValidationError({"qio": ["The QIO has no region with states to assess."]})
    if TaskOrder.objects.filter(qio=qio, status=TaskOrderStatus.ACTIVE).exists():
        raise ValidationError({"qio": [f"{qio} already has an active task order; end it first."]})
    try:
        with transaction.atomic():
            order = TaskOrder.objects.create(qio=qio, number=number.strip(),
                                             award_date=award_date, created_by=actor,
                                             cor=cor, alternate_cor=alternate_cor)
    except IntegrityError as exc:
        raise ValidationError({"number": ["This task order number is already used."]}) from exc
    planned = schedule.deliverable_schedule(award_date, states_for_region(qio.region),
                                            tribal=order.is_tribal)
    Deliverable.objects.bulk_create([
        Deliverable(task_order=order, kind=item.kind, title=item.title, sequence=item.sequence,
                    state=item.state, due_date=item.due_date,
                    contract_year=schedule.due_year_of(award_date, item.due_date),
                    period_start=item.period_start, period_end=item.period_end)
        for item in planned
    ])
    audit_record(action="taskorder.create", actor=actor, target=order, request=request,
                 to_state=order.status,
                 details={"award_date": award_date.isoformat(), "deliverables": len(planned)})
    return order


def psa_target_set(*, actor, task_order: TaskOrder, target: int, note: str = "",
                   request=None) -> PsaTarget:
    """CMS sets how many providers the QIO must hold PSAs with (seed 001)."""
    require_permission(actor, "qio_lifecycle.set_psatarget", task_order, action="psatarget.set",
                       request=request)
    if target < 1:
        raise ValidationError({"target": ["The target is at least one provider."]})
    with transaction.atomic():
        lock(TaskOrder, task_order.pk)
        previous = (PsaTarget.objects.filter(task_order=task_order)
                    .values_list("target", flat=True).first())
        psa_target, _ = PsaTarget.objects.update_or_create(
            task_order=task_order, defaults={"target": target, "note": note, "set_by": actor})
        audit_record(action="psatarget.set", actor=actor, target=task_order, request=request,
                     note=note, details={"from": previous, "to": target})
        deliverables_refresh(task_order=task_order)
    return psa_target


def deliverable_mark_delivered(*, task_order: TaskOrder, kind: str, sequence: int = 1,
                               state: str = "", actor=None) -> Deliverable | None:
    """Mark a deliverable delivered (first submission counts; later ones keep that time)."""
    deliverable = (Deliverable.objects.select_for_update()
                   .filter(task_order=task_order, kind=kind, state=state, sequence=sequence)
                   .first())
    if deliverable is None or deliverable.delivered_at is not None:
        return deliverable
    deliverable.delivered_at = timezone.now()
    deliverable.delivered_by = actor
    deliverable.save(update_fields=["delivered_at", "delivered_by", "updated_at"])
    audit_record(action="deliverable.delivered", actor=actor, target=deliverable,
                 details={"due_date": deliverable.due_date.isoformat()})
    return deliverable


def coverage(task_order: TaskOrder, kind: str, sequence: int = 1) -> tuple[int, int | None]:
    """(done, target) for program-wide deliverables: providers with a signed PES, or with a
    submitted QAP of that version, against the PSA target CMS set."""
    target = getattr(getattr(task_order, "psa_target", None), "target", None)
    if kind == DeliverableKind.PES:
        done = (ProviderEngagementStrategy.objects
                .filter(task_order=task_order, status=PesStatus.SIGNED)
                .values("provider").distinct().count())
    else:
        done = (QualityActionPlan.objects
                .filter(task_order=task_order, version=sequence,
                        status__in=[ReviewStatus.SUBMITTED, ReviewStatus.APPROVED])
                .values("provider").distinct().count())
    return done, target


def deliverables_refresh(*, task_order: TaskOrder, actor=None) -> None:
    """PES and QAP deliverables are delivered once every targeted provider has one."""
    for deliverable in Deliverable.objects.filter(
            task_order=task_order, kind__in=[DeliverableKind.PES, DeliverableKind.QAP],
            delivered_at__isnull=True):
        done, target = coverage(task_order, deliverable.kind, deliverable.sequence)
        if target and done >= target:
            deliverable_mark_delivered(task_order=task_order, kind=deliverable.kind,
                                       sequence=deliverable.sequence, actor=actor)


def require_active(task_order: TaskOrder) -> None:
    if task_order.status != TaskOrderStatus.ACTIVE:
        raise WorkflowConflict(f"Task order {task_order.number} has ended; nothing new can be "
                               f"started under it.", current_state=task_order.status)
