"""draft → submitted (frozen JSON copy, timestamp) → under review → Meets / Interim Meets /
Does Not Meet, every step audited and notified; illegal steps are conflicts."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from qis_portal.models import AuditEvent, Notification
from qis_portal.workflow import WorkflowConflict
from submissions.models import Determination, FormType, ImplementationPlan, SubmissionWindow
from submissions.services import (
    submission_create,
    submission_determine,
    submission_save_draft,
    submission_start_review,
    submission_submit,
)
from tests.submissions.conftest import PLAN_DATA, PROGRESS_ANSWERS, all_met, fresh

pytestmark = pytest.mark.django_db


def test_submitting_freezes_a_json_copy_with_the_submission_time(
        draft_report, issuer_alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = submission_submit(submission=draft_report, actor=issuer_alice)
    report = fresh(report)
    assert report.status == "submitted"
    assert report.submitted_at is not None and report.submitted_by == issuer_alice
    assert report.snapshot["data"] == report.data
    assert report.snapshot["submitted_at"] == report.submitted_at.isoformat()
    assert report.snapshot["plan_year"] == 2025
    event = AuditEvent.objects.get(action="submission.submit")
    assert (event.from_state, event.to_state, event.actor) == ("draft", "submitted",
                                                               issuer_alice)
    assert Notification.objects.filter(kind="submissions.submitted",
                                       recipient=issuer_alice).exists()


def test_the_submitted_copy_cannot_be_changed(submitted_report, issuer_alice):
    with pytest.raises(WorkflowConflict, match="a filed form cannot be changed"):
        submission_save_draft(submission=submitted_report, actor=issuer_alice,
                              expected_version=submitted_report.version,
                              data={"qis_title": "Changed after filing"})
    assert fresh(submitted_report).snapshot["data"]["qis_title"] == "Reducing NTSV C-sections"


def test_submitting_twice_is_a_conflict(submitted_report, issuer_alice):
    with pytest.raises(WorkflowConflict, match="Cannot submit: the submission is submitted"):
        submission_submit(submission=submitted_report, actor=issuer_alice)


def test_an_incomplete_draft_cannot_be_submitted_and_says_why(make_progress_report,
                                                              issuer_alice):
    draft = make_progress_report({"qis_title": "x" * 10})
    with pytest.raises(ValidationError) as exc:
        submission_submit(submission=draft, actor=issuer_alice)
    assert exc.value.message_dict["progress_summary"] == [
        "17a Summary of progress: required before you submit."]
    assert fresh(draft).status == "draft"


def test_a_draft_may_be_incomplete(make_progress_report):
    draft = make_progress_report({"qis_title": "Only a title so far"})
    assert draft.data["qis_title"] == "Only a title so far" and draft.version == 2


def test_submission_is_refused_outside_the_window(draft_report, issuer_alice, window):
    today = timezone.localdate()
    SubmissionWindow.objects.filter(pk=window.pk).update(opens_on=today - timedelta(days=60),
                                                         due_date=today - timedelta(days=1))
    with pytest.raises(WorkflowConflict, match="submission window closed on"):
        submission_submit(submission=fresh(draft_report), actor=issuer_alice)
    SubmissionWindow.objects.filter(pk=window.pk).update(opens_on=today + timedelta(days=1),
                                                         due_date=today + timedelta(days=9))
    with pytest.raises(WorkflowConflict, match="submission window opens on"):
        submission_submit(submission=fresh(draft_report), actor=issuer_alice)


def test_a_reviewer_starts_the_review_and_the_issuer_is_told(
        submitted_report, reviewer_quinn, issuer_alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = submission_start_review(submission=submitted_report, actor=reviewer_quinn)
    assert fresh(report).status == "under_review" and fresh(report).reviewer == reviewer_quinn
    assert Notification.objects.filter(kind="submissions.review_started",
                                       recipient=issuer_alice).exists()


def test_an_issuer_cannot_start_a_review(submitted_report, issuer_alice):
    with pytest.raises(PermissionDenied):
        submission_start_review(submission=submitted_report, actor=issuer_alice)
    assert fresh(submitted_report).status == "submitted"


def test_a_determination_cannot_come_before_the_review_starts(submitted_report,
                                                              reviewer_quinn):
    with pytest.raises(WorkflowConflict):
        submission_determine(submission=submitted_report, actor=reviewer_quinn,
                             outcome="meets")


def test_meets_with_no_deficient_element(report_under_review, reviewer_quinn, issuer_alice,
                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = submission_determine(submission=report_under_review, actor=reviewer_quinn,
                                      outcome="meets", summary="All elements meet.")
    assert fresh(report).status == "meets"
    assert Determination.objects.get().outcome == "meets"
    assert Notification.objects.filter(kind="submissions.determined",
                                       recipient=issuer_alice).exists()
    event = AuditEvent.objects.get(action="submission.determine_meets")
    assert (event.from_state, event.to_state) == ("under_review", "meets")


@pytest.mark.parametrize("element", ["16b", "16bb", "17a", "17c"])
def test_a_must_pass_element_found_deficient_cannot_yield_meets(
        report_under_review, reviewer_quinn, element):
    with pytest.raises(ValidationError) as exc:
        submission_determine(submission=report_under_review, actor=reviewer_quinn,
                             outcome="meets", findings=[{"element": element, "note": "x"}])
    assert exc.value.message_dict["outcome"] == [
        f"Meets is not possible: Must Pass element(s) {element} found deficient."]
    assert fresh(report_under_review).status == "under_review"


def test_a_deficient_element_that_is_not_must_pass_still_allows_meets(report_under_review,
                                                                      reviewer_quinn):
    submission_determine(submission=report_under_review, actor=reviewer_quinn,
                         outcome="meets", findings=[{"element": "18b", "note": "Thin."}])
    assert Determination.objects.get().findings.get().must_pass is False


def test_interim_meets_needs_a_deficient_element_and_a_correction_report(
        report_under_review, reviewer_quinn):
    with pytest.raises(ValidationError) as exc:
        submission_determine(submission=report_under_review, actor=reviewer_quinn,
                             outcome="interim_meets")
    assert set(exc.value.message_dict) == {"findings", "correction_report"}
    report = submission_determine(
        submission=report_under_review, actor=reviewer_quinn, outcome="interim_meets",
        correction_report="Restate the baseline of Measure 1a as on file.",
        findings=[{"element": "16b", "note": "Baseline differs from the plan."}])
    assert fresh(report).status == "interim_meets"
    finding = Determination.objects.get().findings.get()
    assert (finding.element, finding.label, finding.must_pass) == (
        "16b", "Measure 1a baseline results", True)


def test_does_not_meet_names_the_deficient_elements(report_under_review, reviewer_quinn):
    report = submission_determine(submission=report_under_review, actor=reviewer_quinn,
                                  outcome="does_not_meet",
                                  findings=[{"element": "17a"}, {"element": "16d"}])
    assert fresh(report).status == "does_not_meet"
    assert Determination.objects.get().deficient_elements == ["17a", "16d"]


def test_an_unknown_or_repeated_element_is_refused(report_under_review, reviewer_quinn):
    with pytest.raises(ValidationError) as exc:
        submission_determine(submission=report_under_review, actor=reviewer_quinn,
                             outcome="does_not_meet",
                             findings=[{"element": "99z"}, {"element": "17a"},
                                       {"element": "17a"}])
    assert exc.value.message_dict["findings"] == [
        "“99z” is not an element of the QIS Progress Report.", "Element 17a is named twice."]


def test_a_determined_form_cannot_be_determined_again(report_under_review, reviewer_quinn):
    submission_determine(submission=report_under_review, actor=reviewer_quinn, outcome="meets")
    with pytest.raises(WorkflowConflict):
        submission_determine(submission=fresh(report_under_review), actor=reviewer_quinn,
                             outcome="does_not_meet", findings=[{"element": "17a"}])


def test_next_years_17c_answers_an_interim_meets(report_under_review, reviewer_quinn,
                                                 issuer_alice, plan):
    submission_determine(submission=report_under_review, actor=reviewer_quinn,
                         outcome="interim_meets", correction_report="Fix 17a.",
                         findings=[{"element": "17a"}])
    today = timezone.localdate()
    next_year = SubmissionWindow.objects.create(plan_year=2026, opens_on=today,
                                                due_date=today + timedelta(days=30))
    report = submission_create(actor=issuer_alice, form_type=FormType.PROGRESS_REPORT,
                               window=next_year, implementation_plan=plan)
    report = submission_save_draft(submission=report, actor=issuer_alice, expected_version=1,
                                   data=PROGRESS_ANSWERS)
    with pytest.raises(ValidationError) as exc:
        submission_submit(submission=report, actor=issuer_alice)
    assert exc.value.message_dict == {"correction_changes": [
        "17c Changes made after the Correction Report: required, because the previous plan "
        "year's determination was Interim Meets (deficient elements: 17a)."]}
    report = submission_save_draft(submission=report, actor=issuer_alice,
                                   expected_version=report.version,
                                   data={"correction_changes": "17a now lists the activities."})
    assert fresh(submission_submit(submission=report, actor=issuer_alice)).status == "submitted"


def test_a_closeout_is_submitted_once_a_new_implementation_plan_is_on_file(
        draft_report, issuer_alice):
    closeout = submission_save_draft(
        submission=draft_report, actor=issuer_alice, expected_version=draft_report.version,
        data={"submission_type": "closeout", "closeout_rationale": "Moving to a new QIS."})
    with pytest.raises(ValidationError) as exc:
        submission_submit(submission=closeout, actor=issuer_alice)
    assert "requires a new Implementation Plan" in exc.value.message_dict["submission_type"][0]
    ImplementationPlan.objects.create(issuer=issuer_alice.organization, qis_title="New QIS",
                                      plan_year=2025, data=PLAN_DATA, filed_by=issuer_alice)
    assert fresh(submission_submit(submission=closeout, actor=issuer_alice)).status == \
        "submitted"


def test_a_work_plan_goes_through_the_same_lifecycle_with_covered_california(
        draft_work_plan, issuer_alice, reviewer_cal):
    plan = submission_submit(submission=draft_work_plan, actor=issuer_alice)
    plan = submission_start_review(submission=plan, actor=reviewer_cal)
    with pytest.raises(ValidationError, match="Must Pass"):
        submission_determine(submission=plan, actor=reviewer_cal, outcome="meets",
                             findings=[{"element": "6"}], checklist=all_met())
    plan = submission_determine(submission=plan, actor=reviewer_cal, outcome="meets",
                                findings=[{"element": "10b", "note": "Add dates."}],
                                checklist=all_met())
    assert fresh(plan).status == "meets"


def test_only_one_progress_report_per_plan_and_year(make_progress_report):
    make_progress_report()
    with pytest.raises(WorkflowConflict, match="already exists"):
        make_progress_report()


def test_a_progress_report_must_name_the_issuers_own_plan(issuer_gina, window, plan):
    with pytest.raises(ValidationError, match="not yours"):
        submission_create(actor=issuer_gina, form_type=FormType.PROGRESS_REPORT,
                          window=window, implementation_plan=plan)
