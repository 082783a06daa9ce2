"""Quality Action Plan (seed 001): Aim → Sub-aim → Initiative → Intervention → Activity,
submitted to the COR, read-only once approved, a new version for the annual update."""

from django.core.exceptions import ValidationError
from django.db import models, transaction

from qio_program.lifecycle.choices import ReviewStatus
from qio_program.lifecycle.models import (
    ProviderAssessment,
    QapActivity,
    QapInitiative,
    QapIntervention,
    QualityActionPlan,
    TaskOrder,
    TrainingPlanItem,
)
from qio_program.lifecycle.models.base import EDITABLE
from qio_program.lifecycle.services.common import Review, read_only_reason, required_before_step
from qio_program.lifecycle.services.contract import deliverables_refresh, require_active
from qio_program.lifecycle.services.outcomes import measure_set_pin
from qio_program.lifecycle.services.providers import require_eligible
from qis_portal.services.audit import audit_record
from qis_portal.validation import require_filled
from qis_portal.workflow import WorkflowConflict, lock, require_permission

FIELDS = {
    "quality_landscape": "The quality landscape",
    "deficiencies": "The deficiencies",
    "collaborating_entities": "The collaborating entities",
    "health_equity": "The health-equity consideration",
}
CHANGE = "qio_lifecycle.change_qualityactionplan"
REVIEW = Review("Quality Action Plan", change=CHANGE,
                review="qio_lifecycle.review_qualityactionplan")
# "Multi-year" training plan for nursing homes: items in at least two plan years.
TRAINING_PLAN_MIN_YEARS = 2


def qap_create(*, actor, task_order: TaskOrder, provider, data: dict | None = None,
               request=None) -> QualityActionPlan:
    """A QAP is based on the provider's approved needs assessment (seed 001)."""
    require_permission(actor, CHANGE, task_order, action="qualityactionplan.create",
                       request=request)
    require_active(task_order)
    require_eligible(task_order, provider)
    if not ProviderAssessment.objects.filter(task_order=task_order, provider=provider,
                                             status=ReviewStatus.APPROVED).exists():
        raise WorkflowConflict(f"A QAP is based on the approved Provider Assessment of "
                               f"{provider}; none is approved yet.")
    with transaction.atomic():
        lock(TaskOrder, task_order.pk)
        if QualityActionPlan.objects.filter(task_order=task_order, provider=provider).exists():
            raise WorkflowConflict(f"{provider} already has a QAP; open it, or start the annual "
                                   f"update from the approved version.")
        qap = QualityActionPlan.objects.create(
            task_order=task_order, provider=provider, created_by=actor,
            **{key: value for key, value in (data or {}).items() if key in FIELDS})
        audit_record(action="qualityactionplan.create", actor=actor, target=qap,
                     to_state=qap.status, request=request)
    return qap


def qap_update(*, actor, qap: QualityActionPlan, data: dict, request=None):
    return REVIEW.update(qap, actor=actor, request=request,
                         changes={key: value for key, value in data.items() if key in FIELDS})


def _editable_qap(qap_id: int) -> QualityActionPlan:
    """Lock the plan for a tree edit; an approved (or submitted) plan refuses with a reason.
    The caller checked the permission before its transaction."""
    locked = lock(QualityActionPlan, qap_id)
    if locked.status not in EDITABLE:
        raise WorkflowConflict(read_only_reason(locked), current_state=locked.status)
    return locked


def qap_add_initiative(*, actor, qap: QualityActionPlan, sub_aim, title: str,
                       description: str = "", request=None) -> QapInitiative:
    require_permission(actor, CHANGE, qap, action="qualityactionplan.add_item",
                       request=request)
    with transaction.atomic():
        locked = _editable_qap(qap.pk)
        item = QapInitiative.objects.create(qap=locked, sub_aim=sub_aim, title=title,
                                            description=description)
        _audit_item(actor, locked, "initiative", item, request)
    return item


def qap_add_intervention(*, actor, initiative: QapInitiative, title: str,
                         description: str = "", request=None) -> QapIntervention:
    require_permission(actor, CHANGE, initiative.qap, action="qualityactionplan.add_item",
                       request=request)
    with transaction.atomic():
        locked = _editable_qap(initiative.qap_id)
        item = QapIntervention.objects.create(initiative=initiative, title=title,
                                              description=description)
        _audit_item(actor, locked, "intervention", item, request)
    return item


def qap_add_activity(*, actor, intervention: QapIntervention, title: str,
                     description: str = "", target_date=None, request=None) -> QapActivity:
    qap = intervention.initiative.qap
    require_permission(actor, CHANGE, qap, action="qualityactionplan.add_item",
                       request=request)
    with transaction.atomic():
        locked = _editable_qap(qap.pk)
        item = QapActivity.objects.create(intervention=intervention, title=title,
                                          description=description, target_date=target_date)
        _audit_item(actor, locked, "activity", item, request)
    return item


def qap_add_training_item(*, actor, qap: QualityActionPlan, plan_year: int, audience: str,
                          topic: str, description: str = "", request=None) -> TrainingPlanItem:
    require_permission(actor, CHANGE, qap, action="qualityactionplan.add_item",
                       request=request)
    if not qap.needs_training_plan:
        raise ValidationError({"plan_year": ["The multi-year training plan is for nursing "
                                             "homes."]})
    with transaction.atomic():
        locked = _editable_qap(qap.pk)
        item = TrainingPlanItem(qap=locked, plan_year=plan_year, audience=audience,
                                topic=topic, description=description)
        item.full_clean()
        item.save()
        _audit_item(actor, locked, "training", item, request)
    return item


def qap_remove_item(*, actor, item: models.Model, request=None) -> None:
    """Remove an initiative, intervention, activity or training item (and what hangs below)."""
    qap = {
        QapInitiative: lambda: item.qap, TrainingPlanItem: lambda: item.qap,
        QapIntervention: lambda: item.initiative.qap,
        QapActivity: lambda: item.intervention.initiative.qap,
    }[type(item)]()
    require_permission(actor, CHANGE, qap, action="qualityactionplan.remove_item",
                       request=request)
    with transaction.atomic():
        locked = _editable_qap(qap.pk)
        label = str(item)
        item.delete()
        audit_record(action="qualityactionplan.remove_item", actor=actor, target=locked,
                     request=request, details={"item": type(item).__name__, "title": label})


def _audit_item(actor, qap, level: str, item, request) -> None:
    audit_record(action="qualityactionplan.add_item", actor=actor, target=qap, request=request,
                 details={"level": level, "item": item.pk, "title": str(item)})


def _complete(qap: QualityActionPlan) -> None:
    require_filled(qap, required_before_step(FIELDS))
    initiatives = list(qap.initiatives.prefetch_related("interventions__activities"))
    problems = []
    if not initiatives:
        problems.append("Add at least one initiative under a sub-aim.")
    for initiative in initiatives:
        interventions = list(initiative.interventions.all())
        if not interventions:
            problems.append(f"Initiative “{initiative}” needs an intervention.")
        problems += [f"Intervention “{intervention}” needs an activity."
                     for intervention in interventions if not intervention.activities.all()]
    if qap.needs_training_plan:
        years = set(qap.training_items.values_list("plan_year", flat=True))
        if len(years) < TRAINING_PLAN_MIN_YEARS:
            problems.append("A nursing home's QAP needs a multi-year training plan: training "
                            f"in at least {TRAINING_PLAN_MIN_YEARS} plan years.")
    if problems:
        raise ValidationError({"plan": problems})


def qap_submit(*, actor, qap: QualityActionPlan, request=None) -> QualityActionPlan:

    return REVIEW.submit(qap, actor=actor, request=request, check=_complete,
                         after=lambda submitted: deliverables_refresh(
                             task_order=submitted.task_order, actor=actor))


def qap_approve(*, actor, qap: QualityActionPlan, note: str = "", request=None):
    """Approval opens outcome reporting and pins the provider's measure set (seed 001)."""
    return REVIEW.approve(qap, actor=actor, note=note, request=request,
                          after=lambda approved: measure_set_pin(actor=actor, qap=approved,
                                                                 request=request))


def qap_return(*, actor, qap: QualityActionPlan, comments: str, request=None):
    return REVIEW.send_back(qap, actor=actor, comments=comments, request=request)


def qap_new_version(*, actor, qap: QualityActionPlan, request=None) -> QualityActionPlan:
    """The annual update: copy the approved latest plan, its tree and training plan."""
    require_permission(actor, CHANGE, qap, action="qualityactionplan.new_version",
                       request=request)
    require_active(qap.task_order)
    with transaction.atomic():
        return _copy_version(actor, qap, request)


def _copy_version(actor, qap: QualityActionPlan, request) -> QualityActionPlan:
    lock(TaskOrder, qap.task_order_id)
    qap = QualityActionPlan.objects.get(pk=qap.pk)
    latest = QualityActionPlan.objects.filter(task_order_id=qap.task_order_id,
                                              provider_id=qap.provider_id).first()
    if latest.pk != qap.pk or qap.status != ReviewStatus.APPROVED:
        raise WorkflowConflict("Only the approved latest QAP can start the annual update.",
                               current_state=qap.status)
    copy = QualityActionPlan.objects.create(
        task_order_id=qap.task_order_id, provider_id=qap.provider_id, version=qap.version + 1,
        previous=qap, created_by=actor, **{field: getattr(qap, field) for field in FIELDS})
    for initiative in qap.initiatives.prefetch_related("interventions__activities"):
        new_initiative = QapInitiative.objects.create(
            qap=copy, sub_aim_id=initiative.sub_aim_id, title=initiative.title,
            description=initiative.description)
        for intervention in initiative.interventions.all():
            new_intervention = QapIntervention.objects.create(
                initiative=new_initiative, title=intervention.title,
                description=intervention.description)
            QapActivity.objects.bulk_create(
                QapActivity(intervention=new_intervention, title=activity.title,
                            description=activity.description, target_date=activity.target_date)
                for activity in intervention.activities.all())
    TrainingPlanItem.objects.bulk_create(
        TrainingPlanItem(qap=copy, plan_year=item.plan_year, audience=item.audience,
                         topic=item.topic, description=item.description)
        for item in qap.training_items.all())
    audit_record(action="qualityactionplan.new_version", actor=actor, target=copy,
                 to_state=copy.status, request=request, details={"previous": qap.pk})
    return copy
