"""Reports answering deliverables (seed 001) and the executive dashboard template gate.

Submitting a report marks its deliverable delivered; the COR reviews it (approves, or returns
it with comments). The ELC/TELC quarterly executive dashboard report can be submitted only
once CMS approved the QIO's draft dashboard template."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from qio_program.lifecycle.choices import REPORT_KINDS, DeliverableKind, ReviewStatus
from qio_program.lifecycle.models import DashboardTemplate, Deliverable, Report, TaskOrder
from qio_program.lifecycle.models.base import EDITABLE
from qio_program.lifecycle.services.common import (
    locked_edit,
    notify_decision,
    notify_submitted,
    read_only_reason,
    require_perm,
    require_text,
    review_approve,
    review_return,
    review_submit,
)
from qio_program.lifecycle.services.contract import deliverable_mark_delivered, require_active
from qis_portal.services.audit import audit_record
from qis_portal.workflow import WorkflowConflict

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
REVIEW = "qio_lifecycle.review_report"
TEMPLATE_CHANGE = "qio_lifecycle.change_dashboardtemplate"
TEMPLATE_REVIEW = "qio_lifecycle.review_dashboardtemplate"


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
    require_perm(actor, CHANGE, deliverable.task_order, action="report.create", request=request)
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
    return locked_edit(report, actor=actor, permission=CHANGE, request=request,
                       changes=lambda locked: {"content": {**locked.content, **cleaned}},
                       editable=lambda obj: obj.status in EDITABLE,
                       refusal=read_only_reason)


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

    def after(submitted):
        deliverable = submitted.deliverable
        deliverable_mark_delivered(task_order=submitted.task_order, kind=deliverable.kind,
                                   sequence=deliverable.sequence, state=deliverable.state,
                                   actor=actor)
        notify_submitted(submitted, label="Report")

    return review_submit(report, actor=actor, permission=CHANGE, request=request,
                         check=_complete, after=after)


def report_approve(*, actor, report: Report, note: str = "", request=None) -> Report:
    return review_approve(report, actor=actor, permission=REVIEW, note=note, request=request,
                          after=lambda obj: notify_decision(obj, label="Report"))


def report_return(*, actor, report: Report, comments: str, request=None) -> Report:
    return review_return(report, actor=actor, permission=REVIEW, comments=comments,
                         request=request, after=lambda obj: notify_decision(obj, label="Report"))


def template_start(*, actor, task_order: TaskOrder, request=None) -> DashboardTemplate:
    require_perm(actor, TEMPLATE_CHANGE, task_order, action="dashboardtemplate.create",
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
    return locked_edit(template, actor=actor, permission=TEMPLATE_CHANGE, request=request,
                       changes=fields, editable=lambda obj: obj.status in EDITABLE,
                       refusal=read_only_reason)


def template_submit(*, actor, template: DashboardTemplate, request=None):
    return review_submit(
        template, actor=actor, permission=TEMPLATE_CHANGE, request=request,
        check=lambda obj: require_text(obj, {"layout": "The layout", "measures": "The measures"}),
        after=lambda obj: notify_submitted(obj, label="Dashboard template"))


def template_approve(*, actor, template: DashboardTemplate, note: str = "", request=None):
    return review_approve(template, actor=actor, permission=TEMPLATE_REVIEW, note=note,
                          request=request,
                          after=lambda obj: notify_decision(obj, label="Dashboard template"))


def template_return(*, actor, template: DashboardTemplate, comments: str, request=None):
    return review_return(template, actor=actor, permission=TEMPLATE_REVIEW, comments=comments,
                         request=request,
                         after=lambda obj: notify_decision(obj, label="Dashboard template"))
