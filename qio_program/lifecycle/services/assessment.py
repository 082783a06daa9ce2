"""Provider Assessment (seed 001): after the state's A3C is approved and a PSA is active; the
COR approves within 5 business days of submission, with reminders and an escalation."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from qio_program.lifecycle import schedule
from qio_program.lifecycle.choices import ReviewStatus
from qio_program.lifecycle.models import ProviderAssessment, TaskOrder, business_days_left
from qio_program.lifecycle.services.a3c import require_a3c_approved
from qio_program.lifecycle.services.common import Review, cor_recipients, required_before_step
from qio_program.lifecycle.services.contract import require_active
from qio_program.lifecycle.services.providers import active_psa, require_eligible
from qis_portal.business_days import add_business_days, is_business_day
from qis_portal.models import Role
from qis_portal.selectors import users_with_roles
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify
from qis_portal.validation import require_filled
from qis_portal.workflow import WorkflowConflict, lock, require_permission

SECTIONS = {
    "general_assessment": "General Assessment",
    "readiness_assessment": "Readiness Assessment",
    "needs_assessment": "Needs Assessment",
    "resource_assessment": "Resource Assessment",
}
CHANGE = "qio_lifecycle.change_providerassessment"
REVIEW = Review("Provider Assessment", change=CHANGE,
                review="qio_lifecycle.review_providerassessment")
# Reminders go out when this many business days are left (2, then 1: the due date itself).
REMINDER_DAYS_LEFT = (2, 1)


def pa_create(*, actor, task_order: TaskOrder, provider, data: dict | None = None,
              request=None) -> ProviderAssessment:
    """The initial assessment, or the yearly follow-up once the previous one is approved."""
    require_permission(actor, CHANGE, task_order, action="providerassessment.create",
                       request=request)
    require_active(task_order)
    require_eligible(task_order, provider)
    require_a3c_approved(task_order, provider.state, step="A Provider Assessment")
    if active_psa(task_order, provider) is None:
        raise WorkflowConflict(f"A Provider Assessment needs an active PSA with {provider} "
                               f"first.")
    with transaction.atomic():
        return _create(actor, task_order, provider, data, request)


def _create(actor, task_order, provider, data, request) -> ProviderAssessment:
    lock(TaskOrder, task_order.pk)
    latest = ProviderAssessment.objects.filter(task_order=task_order, provider=provider).first()
    if latest is not None and latest.status != ReviewStatus.APPROVED:
        raise WorkflowConflict(f"The {latest.kind_label.lower()} assessment of {provider} is "
                               f"still {latest.get_status_display().lower()}; the follow-up "
                               f"starts once it is approved.")
    assessment = ProviderAssessment.objects.create(
        task_order=task_order, provider=provider, created_by=actor,
        sequence=(latest.sequence + 1) if latest else 1,
        **{key: value for key, value in (data or {}).items() if key in SECTIONS})
    audit_record(action="providerassessment.create", actor=actor, target=assessment,
                 to_state=assessment.status, request=request)
    return assessment


def pa_update(*, actor, assessment: ProviderAssessment, data: dict, request=None):
    return REVIEW.update(assessment, actor=actor, request=request,
                         changes={key: value for key, value in data.items() if key in SECTIONS})


def pa_submit(*, actor, assessment: ProviderAssessment, request=None) -> ProviderAssessment:
    """Submit to the COR: the 5-business-day clock starts and its due date is stored."""

    def check(locked):
        require_filled(locked, required_before_step(SECTIONS))
        locked.submitted_on = timezone.localdate()
        locked.due_date = add_business_days(locked.submitted_on, schedule.PA_REVIEW_BUSINESS_DAYS)
        locked.submission_count += 1
        locked.escalated_at = None

    return REVIEW.submit(assessment, actor=actor, request=request, check=check)


def pa_approve(*, actor, assessment: ProviderAssessment, note: str = "", request=None):
    return REVIEW.approve(assessment, actor=actor, note=note, request=request)


def pa_return(*, actor, assessment: ProviderAssessment, comments: str, request=None):
    return REVIEW.send_back(assessment, actor=actor, comments=comments, request=request)


def pa_deadline_sweep(*, today: date | None = None) -> dict[str, int]:
    """Remind the CORs with 2 and 1 business days left (sent on business days: the day
    before the due date and the due date itself); escalate once the deadline has passed.

    Idempotent: each notice carries a key per assessment, submission and step, so running
    the sweep twice (or a doubled beat) sends nothing twice."""
    today = today or timezone.localdate()
    counts = {"reminders": 0, "escalations": 0}
    waiting = (ProviderAssessment.objects.filter(status=ReviewStatus.SUBMITTED,
                                                 due_date__isnull=False)
               .select_related("provider", "task_order__qio", "task_order__cor",
                               "task_order__alternate_cor"))
    for assessment in waiting:
        left = business_days_left(assessment.due_date, today,
                                  clock_start=assessment.submitted_on)
        key = f"lifecycle.pa:{assessment.pk}:{assessment.submission_count}"
        if today > assessment.due_date:
            counts["escalations"] += _escalate(assessment, key, today)
        elif left in REMINDER_DAYS_LEFT and is_business_day(today):
            sent = notify(
                recipients=cor_recipients(assessment.task_order), kind="lifecycle.pa_reminder",
                title=f"{left} business day{'s' if left > 1 else ''} left to approve the "
                      f"{assessment}",
                body=f"Submitted by {assessment.task_order.qio} on "
                     f"{assessment.submitted_on:%Y-%m-%d}; due {assessment.due_date:%Y-%m-%d}.",
                url=assessment.get_absolute_url(), idempotency_key=f"{key}:left{left}")
            counts["reminders"] += len(sent)
    return counts


def _escalate(assessment: ProviderAssessment, key: str, today: date) -> int:
    """Past the 5 business days: the task order's CORs and CMS read-only users are told,
    once."""
    with transaction.atomic():
        locked = lock(ProviderAssessment, assessment.pk)
        if locked.status != ReviewStatus.SUBMITTED:
            return 0
        first = locked.escalated_at is None
        if first:
            locked.escalated_at = timezone.now()
            locked.save(update_fields=["escalated_at", "updated_at"])
            audit_record(action="providerassessment.escalate", target=locked,
                         actor_label="system",
                         note=f"Not approved within 5 business days (due "
                              f"{locked.due_date:%Y-%m-%d}).")
        sent = notify(
            recipients=[*cor_recipients(locked.task_order),
                        *users_with_roles(Role.CMS_READ_ONLY)],
            kind="lifecycle.pa_escalation",
            title=f"Overdue: the {locked} was due for COR approval on "
                  f"{locked.due_date:%Y-%m-%d}",
            body=f"Submitted by {locked.task_order.qio} on {locked.submitted_on:%Y-%m-%d}; the "
                 f"COR approves a Provider Assessment within 5 business days.",
            url=locked.get_absolute_url(), idempotency_key=f"{key}:escalated")
    return len(sent)
