"""Reports answer their deliverables; the executive dashboard waits for the approved template."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qio_program.lifecycle.models import Deliverable
from qio_program.lifecycle.services import reports as services
from qis_portal.models import Notification
from qis_portal.workflow import WorkflowConflict

pytestmark = pytest.mark.django_db


def complete(kind):
    return {section.key: f"{section.label}: done." for section in services.REPORT_SECTIONS[kind]}


@pytest.fixture
def november(ne_order):
    return Deliverable.objects.get(task_order=ne_order, kind="monthly_status", sequence=1)


def test_the_monthly_report_covers_what_the_seed_lists(november):
    keys = [section.key for section in services.REPORT_SECTIONS["monthly_status"]]
    assert keys == ["serviced_providers", "engagement_progress", "assessment_progress",
                    "challenges", "solutions", "lessons_learned", "fqs_referrals",
                    "qap_implementation"]


def test_submitting_a_report_delivers_its_deliverable_and_the_cor_reviews_it(
        november, associate_ann, cor_bob, django_capture_on_commit_callbacks):
    report = services.report_start(actor=associate_ann, deliverable=november)
    assert services.report_start(actor=associate_ann, deliverable=november) == report
    with pytest.raises(ValidationError) as refused:
        services.report_submit(actor=associate_ann, report=report)
    assert "challenges" in refused.value.message_dict
    services.report_update(actor=associate_ann, report=report,
                           content=complete("monthly_status"))
    with django_capture_on_commit_callbacks(execute=True):
        submitted = services.report_submit(actor=associate_ann, report=report)
    november.refresh_from_db()
    assert submitted.status == "submitted" and november.delivered_at is not None
    assert Notification.objects.filter(recipient=cor_bob,
                                       kind="lifecycle.awaiting_approval").exists()
    approved = services.report_approve(actor=cor_bob, report=submitted, note="Reviewed.")
    assert approved.status == "approved"
    with pytest.raises(WorkflowConflict, match="approved and read-only"):
        services.report_update(actor=associate_ann, report=approved, content={"challenges": "x"})


def test_a_returned_report_keeps_its_first_delivery_time(november, associate_ann, cor_bob):
    report = services.report_start(actor=associate_ann, deliverable=november)
    services.report_update(actor=associate_ann, report=report,
                           content=complete("monthly_status"))
    services.report_submit(actor=associate_ann, report=report)
    november.refresh_from_db()
    first = november.delivered_at
    returned = services.report_return(actor=cor_bob, report=report, comments="FQS missing.")
    services.report_submit(actor=associate_ann, report=returned)
    november.refresh_from_db()
    assert november.delivered_at == first


def test_updates_merge_section_by_section_and_refuse_unknown_sections(november,
                                                                     associate_ann):
    report = services.report_start(actor=associate_ann, deliverable=november)
    services.report_update(actor=associate_ann, report=report, content={"challenges": "a"})
    updated = services.report_update(actor=associate_ann, report=report,
                                     content={"solutions": "b"})
    assert updated.content == {"challenges": "a", "solutions": "b"}
    with pytest.raises(ValidationError):
        services.report_update(actor=associate_ann, report=report, content={"poem": "x"})
    with pytest.raises(ValidationError):
        services.report_update(actor=associate_ann, report=report,
                               content={"challenges": "x" * 10_001})


def test_a_deliverable_that_is_not_a_report_has_no_report(ne_order, associate_ann):
    a3c = Deliverable.objects.filter(task_order=ne_order, kind="a3c").first()
    with pytest.raises(ValidationError):
        services.report_start(actor=associate_ann, deliverable=a3c)


def test_another_qio_cannot_write_our_report(november, associate_wes):
    with pytest.raises(PermissionDenied):
        services.report_start(actor=associate_wes, deliverable=november)


def test_the_executive_dashboard_report_waits_for_the_approved_template(
        ne_order, associate_ann, cor_bob):
    quarter = Deliverable.objects.get(task_order=ne_order, kind="exec_dashboard", sequence=1)
    report = services.report_start(actor=associate_ann, deliverable=quarter)
    services.report_update(actor=associate_ann, report=report,
                           content=complete("exec_dashboard"))
    with pytest.raises(WorkflowConflict, match="must approve the ELC executive dashboard "
                                               "template"):
        services.report_submit(actor=associate_ann, report=report)
    template = services.template_start(actor=associate_ann, task_order=ne_order)
    with pytest.raises(ValidationError):
        services.template_submit(actor=associate_ann, template=template)
    services.template_update(actor=associate_ann, template=template,
                             data={"layout": "Four tiles.", "measures": "Readmissions."})
    submitted = services.template_submit(actor=associate_ann, template=template)
    with pytest.raises(WorkflowConflict):
        services.report_submit(actor=associate_ann, report=report)
    returned = services.template_return(actor=cor_bob, template=submitted,
                                        comments="Add outcomes.")
    services.template_update(actor=associate_ann, template=returned,
                             data={"measures": "Readmissions and outcomes."})
    services.template_approve(actor=cor_bob, template=services.template_submit(
        actor=associate_ann, template=returned))
    assert services.report_submit(actor=associate_ann, report=report).status == "submitted"


def test_only_the_cor_approves_the_template(ne_order, associate_ann, readonly_pat):
    template = services.template_start(actor=associate_ann, task_order=ne_order)
    services.template_update(actor=associate_ann, template=template,
                             data={"layout": "a", "measures": "b"})
    submitted = services.template_submit(actor=associate_ann, template=template)
    with pytest.raises(PermissionDenied):
        services.template_approve(actor=readonly_pat, template=submitted)
