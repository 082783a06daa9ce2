"""A3C per state/territory (seed 001): drafted by the QIO, approved by the COR, yearly update."""

from django.core.exceptions import ValidationError
from django.db import transaction

from qio_program.lifecycle.choices import DeliverableKind, QioRole, ReviewStatus
from qio_program.lifecycle.models import A3C, FocusAreaAssessment, SubAim, TaskOrder
from qio_program.lifecycle.services.common import Review, required_before_step, state_label
from qio_program.lifecycle.services.contract import deliverable_mark_delivered, require_active
from qis_portal.regions import states_for_region
from qis_portal.services.audit import audit_record
from qis_portal.validation import require_filled
from qis_portal.workflow import WorkflowConflict, lock, require_permission

SCANS = {
    "general_assessment": "General Assessment",
    "healthcare_scan": "Healthcare Scan",
    "quality_scan": "Quality Scan",
    "partner_scan": "Partner Scan",
}
CHANGE = "qio_lifecycle.change_a3c"
REVIEW = Review("A3C", change=CHANGE, review="qio_lifecycle.review_a3c")


def a3c_create(*, actor, task_order: TaskOrder, state: str, request=None) -> A3C:
    """Start version 1 of a state's A3C, with an empty focus area for every active sub-aim."""
    require_permission(actor, CHANGE, task_order, action="a3c.create", request=request)
    require_active(task_order)
    if state not in states_for_region(task_order.region):
        raise ValidationError({"state": [f"{state} is not a state or territory of the "
                                         f"{task_order.qio.get_region_display()} region."]})
    with transaction.atomic():
        lock(TaskOrder, task_order.pk)
        if A3C.objects.filter(task_order=task_order, state=state).exists():
            raise WorkflowConflict(f"The A3C of {state_label(state)} already exists; open it, "
                                   f"or start the yearly update from its approved version.")
        a3c = A3C.objects.create(task_order=task_order, state=state, created_by=actor)
        FocusAreaAssessment.objects.bulk_create(
            FocusAreaAssessment(a3c=a3c, sub_aim=sub_aim)
            for sub_aim in SubAim.objects.filter(active=True, aim__active=True))
        audit_record(action="a3c.create", actor=actor, target=a3c, to_state=a3c.status,
                     request=request)
    return a3c


def a3c_update(*, actor, a3c: A3C, scans: dict, focus_areas: dict[int, dict] | None = None,
               request=None) -> A3C:
    """Edit the scans and focus areas ({sub_aim_id: {assessment, qio_role, rationale}})."""
    unknown = set(scans) - set(SCANS)
    if unknown:
        raise ValidationError({field: ["Not an A3C section."] for field in unknown})
    require_permission(actor, CHANGE, a3c, action="a3c.update", request=request)
    with transaction.atomic():
        updated = REVIEW.update(a3c, actor=actor, changes=scans, request=request)
        for sub_aim_id, values in (focus_areas or {}).items():
            role = values.get("qio_role", "")
            if role and role not in QioRole.values:
                raise ValidationError({"qio_role": [f"{role!r} is not Create, Complement or "
                                                    f"Coordinate."]})
            area, _ = FocusAreaAssessment.objects.get_or_create(a3c=updated, sub_aim_id=sub_aim_id)
            for field in ("assessment", "qio_role", "rationale"):
                if field in values:
                    setattr(area, field, values[field] or "")
            area.save()
    return updated


def _complete(a3c: A3C) -> None:
    require_filled(a3c, required_before_step(SCANS))
    areas = {area.sub_aim_id: area for area in a3c.focus_areas.select_related("sub_aim")}
    missing = [str(sub_aim) for sub_aim in SubAim.objects.filter(active=True, aim__active=True)
               if sub_aim.pk not in areas or not areas[sub_aim.pk].is_complete]
    if missing:
        raise ValidationError({"focus_areas": [
            "Each focus area needs an assessment, the QIO role and its rationale: "
            + "; ".join(missing)]})


def a3c_submit(*, actor, a3c: A3C, request=None) -> A3C:
    """Submit to the COR; the version's deliverable (month 9, then yearly) is delivered."""

    def delivered(submitted):
        deliverable_mark_delivered(task_order=submitted.task_order, kind=DeliverableKind.A3C,
                                   state=submitted.state, sequence=submitted.version, actor=actor)

    return REVIEW.submit(a3c, actor=actor, request=request, check=_complete, after=delivered)


def a3c_approve(*, actor, a3c: A3C, note: str = "", request=None) -> A3C:
    return REVIEW.approve(a3c, actor=actor, note=note, request=request)


def a3c_return(*, actor, a3c: A3C, comments: str, request=None) -> A3C:
    return REVIEW.send_back(a3c, actor=actor, comments=comments, request=request)


def a3c_new_version(*, actor, a3c: A3C, request=None) -> A3C:
    """The yearly update: a copy of the approved latest version; the old one stays readable."""
    require_permission(actor, CHANGE, a3c, action="a3c.new_version", request=request)
    require_active(a3c.task_order)
    with transaction.atomic():
        return _copy_version(actor, a3c, request)


def _copy_version(actor, a3c: A3C, request) -> A3C:
    lock(TaskOrder, a3c.task_order_id)
    a3c = A3C.objects.get(pk=a3c.pk)
    latest = A3C.objects.filter(task_order_id=a3c.task_order_id, state=a3c.state).first()
    if latest.pk != a3c.pk:
        raise WorkflowConflict(f"Version {latest.version} is the latest A3C of "
                               f"{state_label(a3c.state)}; update that one.",
                               current_state=a3c.status)
    if a3c.status != ReviewStatus.APPROVED:
        raise WorkflowConflict("Only an approved A3C can be updated; this one is "
                               f"{a3c.get_status_display().lower()}.", current_state=a3c.status)
    copy = A3C.objects.create(
        task_order_id=a3c.task_order_id, state=a3c.state, version=a3c.version + 1, previous=a3c,
        created_by=actor, **{field: getattr(a3c, field) for field in SCANS})
    FocusAreaAssessment.objects.bulk_create(
        FocusAreaAssessment(a3c=copy, sub_aim_id=area.sub_aim_id, assessment=area.assessment,
                            qio_role=area.qio_role, rationale=area.rationale)
        for area in a3c.focus_areas.all())
    audit_record(action="a3c.new_version", actor=actor, target=copy, to_state=copy.status,
                 request=request, details={"previous": a3c.pk})
    return copy


def a3c_approved_for(task_order: TaskOrder, state: str) -> bool:
    """The gate of PES and Provider Assessment: some version of the state's A3C approved."""
    return A3C.objects.filter(task_order=task_order, state=state,
                              status=ReviewStatus.APPROVED).exists()


def require_a3c_approved(task_order: TaskOrder, state: str, *, step: str) -> None:
    if a3c_approved_for(task_order, state):
        return
    latest = A3C.objects.filter(task_order=task_order, state=state).first()
    where = (f"it is {latest.get_status_display().lower()}" if latest
             else "it has not been started")
    raise WorkflowConflict(f"{step} needs the COR-approved A3C of {state_label(state)} first; "
                           f"{where}.")
