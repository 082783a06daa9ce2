"""Reports answering deliverables (seed 001) and the executive dashboard template gate.

Submitting a report marks its deliverable delivered; the COR reviews it (approves, or returns
it with comments). The ELC/TELC quarterly executive dashboard report can be submitted only
once CMS approved the QIO's draft dashboard template."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from qio_program.lifecycle.choices import REPORT_KINDS, DeliverableKind, ReviewStatus
from qio_program.lifecycle.models import DashboardTemplate, Deliverable, Report, TaskOrder
from qio_program.lifecycle.services.common import Review, required_before_step
from qio_program.lifecycle.services.contract import deliverable_mark_delivered, require_active
from qis_portal.services.audit import audit_record
from qis_portal.validation import require_filled
from qis_portal.workflow import WorkflowConflict, require_permission

REPORT_MAX_CHARS = 10_000


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    hint: str = ""


# What each report says (seed 001: "Updates may include ..." for the monthly status report).
REPORT_SECTIONS: dict[str, tuple[Section, ...]] = {
    DeliverableKind.MONTHLY_STATUS: (
        Section("serviced_providers", "Updates on serviced providers"),
        Section("engagement_progress", "Progress on engagement"),
        Section("assessment_progress", "Progress on assessments"),
        Section("challenges", "Challenges"),
        Section("solutions", "Solutions to overcome the challenges"),
        Section("lessons_learned", "Lessons learned during the performance period"),
        Section("fqs_referrals", "FQS referrals"),
        Section("qap_implementation", "Implementation of the Quality Action Plans"),
    ),
    DeliverableKind.EXEC_DASHBOARD: (
        Section("executive_summary", "Executive summary",
                "Progress made in achieving performance measures and outcomes."),
        Section("measure_progress", "Progress by performance measure"),
        Section("council_review", "Council review",
                "What the (T)ELC reviewed this quarter and its decisions."),
    ),
    DeliverableKind.ANNUAL: (
        Section("year_summary", "Summary of the year"),
        Section("success_stories", "Success stories"),
        Section("non_success_stories", "Non-success stories"),
        Section("pfs_action_plan", "Action plan based on the Performance Fact Sheet"),
    ),
    DeliverableKind.RESILIENCE: (
        Section("community_resilience", "Community resilience in the region"),
        Section("public_health_challenges", "Preparedness for public health challenges",
                "Extreme weather, infectious diseases and pandemics, human-caused events, "
                "cyber-attacks."),
        Section("partnerships", "Partners and coalitions"),
        Section("next_year", "Plans for the next year"),
    ),
    DeliverableKind.FINAL_OUTCOMES: (
        Section("outcomes_summary", "Outcomes over the period of performance"),
        Section("measure_results", "Results by measure"),
        Section("lessons_learned", "Lessons learned"),
        Section("sustainability", "Sustainability after transition off"),
    ),
}
CHANGE = "qio_lifecycle.change_report"
REVIEW = Review("Report", change=CHANGE, review="qio_lifecycle.review_report")
TEMPLATE_CHANGE = "qio_lifecycle.change_dashboardtemplate"
TEMPLATE_REVIEW = Review("Dashboard template", change=TEMPLATE_CHANGE,
                         review="qio_lifecycle.review_dashboardtemplate")


def clean_content(kind: str, content: dict) -> dict:
    """Keep the kind's sections only, as trimmed text within the length limit."""
    keys = {section.key for section in REPORT_SECTIONS[kind]}
    unknown = set(content) - keys
    if unknown:
        raise ValidationError({key: ["Not a section of this report."] for key in sorted(unknown)})
    too_long = [key for key, value in content.items() if len(str(value)) > REPORT_MAX_CHARS]
    if too_long:
        raise ValidationError({key: [f"At most {REPORT_MAX_CHARS:,} characters."]
                               for key in too_long})
    return {key: str(value or "").strip() for key, value in content.items()}


def report_start(*, actor, deliverable: Deliverable, request=None) -> Report:
    """The report of a deliverable, created as a draft on first use."""
    require_permission(actor, CHANGE, deliverable.task_order, action="report.create",
                       request=request)
    if deliverable.kind not in REPORT_KINDS:
        raise ValidationError({"deliverable": ["This deliverable is not a report."]})
    existing = Report.objects.filter(deliverable=deliverable).first()
    if existing is not None:
        return existing
    require_active(deliverable.task_order)
    try:
        with transaction.atomic():
            report = Report.objects.create(deliverable=deliverable, kind=deliverable.kind,
                                           task_order=deliverable.task_order, created_by=actor)
            audit_record(action="report.create", actor=actor, target=report,
                         to_state=report.status, request=request)
    except IntegrityError:
        return Report.objects.get(deliverable=deliverable)
    return report


def report_update(*, actor, report: Report, content: dict, request=None) -> Report:
    cleaned = clean_content(report.kind, content)
    return REVIEW.update(report, actor=actor, request=request,
                         changes=lambda locked: {"content": {**locked.content, **cleaned}})


def report_write(*, actor, deliverable: Deliverable, content: dict, request=None) -> Report:
    """Save the report of a deliverable as a draft, starting it on first use."""
    report = report_start(actor=actor, deliverable=deliverable, request=request)
    return report_update(actor=actor, report=report, content=content, request=request)


def template_approved(task_order: TaskOrder) -> bool:
    return DashboardTemplate.objects.filter(task_order=task_order,
                                            status=ReviewStatus.APPROVED).exists()


def _complete(report: Report) -> None:
    missing = {section.key: [f"{section.label} is required before submitting."]
               for section in REPORT_SECTIONS[report.kind]
               if not str(report.content.get(section.key, "")).strip()}
    if missing:
        raise ValidationError(missing)
    if report.kind == DeliverableKind.EXEC_DASHBOARD and not template_approved(report.task_order):
        raise WorkflowConflict(
            f"CMS must approve the {report.task_order.council} executive dashboard template "
            f"before the first quarterly report.", current_state=report.status)


def report_submit(*, actor, report: Report, request=None) -> Report:

    def delivered(submitted):
        deliverable = submitted.deliverable
        deliverable_mark_delivered(task_order=submitted.task_order, kind=deliverable.kind,
                                   sequence=deliverable.sequence, state=deliverable.state,
                                   actor=actor)

    return REVIEW.submit(report, actor=actor, request=request, check=_complete,
                         after=delivered)


def report_approve(*, actor, report: Report, note: str = "", request=None) -> Report:
    return REVIEW.approve(report, actor=actor, note=note, request=request)


def report_return(*, actor, report: Report, comments: str, request=None) -> Report:
    return REVIEW.send_back(report, actor=actor, comments=comments, request=request)


def template_start(*, actor, task_order: TaskOrder, request=None) -> DashboardTemplate:
    require_permission(actor, TEMPLATE_CHANGE, task_order, action="dashboardtemplate.create",
                       request=request)
    existing = DashboardTemplate.objects.filter(task_order=task_order).first()
    if existing is not None:
        return existing
    require_active(task_order)
    try:
        with transaction.atomic():
            template = DashboardTemplate.objects.create(task_order=task_order, created_by=actor)
            audit_record(action="dashboardtemplate.create", actor=actor, target=template,
                         to_state=template.status, request=request)
    except IntegrityError:
        return DashboardTemplate.objects.get(task_order=task_order)
    return template


def template_update(*, actor, template: DashboardTemplate, data: dict, request=None):
    fields = {key: value for key, value in data.items() if key in ("layout", "measures")}
    return TEMPLATE_REVIEW.update(template, actor=actor, changes=fields, request=request)


def template_write(*, actor, task_order: TaskOrder, data: dict, request=None):
    """Save the task order's dashboard template as a draft, starting it on first use."""
    template = template_start(actor=actor, task_order=task_order, request=request)
    return template_update(actor=actor, template=template, data=data, request=request)


def template_submit(*, actor, template: DashboardTemplate, request=None):
    return TEMPLATE_REVIEW.submit(
        template, actor=actor, request=request,
        check=lambda obj: require_filled(obj, required_before_step(
            {"layout": "The layout", "measures": "The measures"})))


def template_approve(*, actor, template: DashboardTemplate, note: str = "", request=None):
    return TEMPLATE_REVIEW.approve(template, actor=actor, note=note, request=request)


def template_return(*, actor, template: DashboardTemplate, comments: str, request=None):
    return TEMPLATE_REVIEW.send_back(template, actor=actor, comments=comments, request=request)
