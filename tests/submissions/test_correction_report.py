"""The correction report as a document (issue 16, item 2): an Interim Meets determination
produces a QIS Evaluation Period Correction Report listing each deficient element with the
reviewer's finding; the next plan year's 17c shows it beside the answer, element by element,
and the reviewer sees whether each deficiency was addressed (seed 000, 17c)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from submissions.corrections import correction_answered_by, correction_items
from submissions.models import FormType, SubmissionWindow
from submissions.services import (
    submission_create,
    submission_determine,
    submission_save_draft,
    submission_submit,
)
from tests.submissions.conftest import PROGRESS_ANSWERS

pytestmark = pytest.mark.django_db

FINDINGS = [
    {"element": "16f", "note": "The target restated is not the 23.9 % on file."},
    {"element": "17a", "note": "Describe the activities that led to the 24.1 % rate."},
]


@pytest.fixture
def interim(report_under_review, reviewer_quinn):
    return submission_determine(
        submission=report_under_review, actor=reviewer_quinn, outcome="interim_meets",
        findings=FINDINGS, correction_report="Restate the target and describe the activities.")


@pytest.fixture
def next_year_report(interim, issuer_alice, plan):
    today = timezone.localdate()
    window = SubmissionWindow.objects.create(plan_year=2026, opens_on=today,
                                             due_date=today + timedelta(days=30))
    report = submission_create(actor=issuer_alice, form_type=FormType.PROGRESS_REPORT,
                               window=window, implementation_plan=plan)
    return submission_save_draft(submission=report, actor=issuer_alice, expected_version=1,
                                 data={**PROGRESS_ANSWERS, "m1a_progress_start": "01/2025",
                                       "m1a_progress_end": "12/2025",
                                       "correction_changes": "16f: the target now restates "
                                                             "the plan on file.",
                                       "m1a_target": "22"})


def test_interim_meets_produces_the_correction_report_document(client, interim, issuer_alice,
                                                               reviewer_quinn):
    items = correction_items(interim.determination)
    assert [(i.element, i.label, i.must_pass, i.finding) for i in items] == [
        ("16f", "Measure 1a performance target", True, FINDINGS[0]["note"]),
        ("17a", "Summary of progress", True, FINDINGS[1]["note"])]
    for user in (issuer_alice, reviewer_quinn):
        client.force_login(user)
        page = client.get(reverse("submissions:correction_report", args=[interim.pk]))
        body = page.content.decode()
        assert page.status_code == 200
        assert "QIS Evaluation Period Correction Report" in body
        assert "16f Measure 1a performance target (Must Pass)" in body
        assert FINDINGS[1]["note"] in body and "Element 17c of the 2026 plan year" in body
    detail = client.get(reverse("submissions:detail", args=[interim.pk])).content.decode()
    assert reverse("submissions:correction_report", args=[interim.pk]) in detail


def test_a_determination_other_than_interim_meets_has_no_correction_report(
        client, report_under_review, reviewer_quinn):
    submission_determine(submission=report_under_review, actor=reviewer_quinn, outcome="meets")
    client.force_login(reviewer_quinn)
    assert client.get(reverse("submissions:correction_report", args=[report_under_review.pk])
                      ).status_code == 404


def test_next_years_17c_shows_each_deficiency_beside_the_answer(client, issuer_alice,
                                                                next_year_report):
    client.force_login(issuer_alice)
    body = client.get(reverse("submissions:part", args=[next_year_report.pk, "c"])
                      ).content.decode()
    box = body.index('id="correction-17c"')
    assert box < body.index('id="id_correction_changes"')
    assert "17c answers the 2025 QIS Evaluation Period Correction Report" in body
    assert FINDINGS[0]["note"] in body and FINDINGS[1]["note"] in body


def test_the_reviewer_sees_which_deficiencies_were_addressed(client, next_year_report,
                                                             issuer_alice, reviewer_quinn):
    answered = correction_answered_by(next_year_report)
    by_element = {item.element: (item.named_in_17c, item.changed) for item in answered["items"]}
    # 16f is named in 17c and its target changed (23.9 -> 22); 17a is neither.
    assert by_element == {"16f": (True, True), "17a": (False, False)}
    submission_submit(submission=next_year_report, actor=issuer_alice)
    filled = next_year_report
    client.force_login(reviewer_quinn)
    body = client.get(reverse("submissions:detail", args=[filled.pk])).content.decode()
    assert "Each deficient element beside this form’s answer" in body
    row = body[body.index("<th scope=\"row\">16f Measure 1a performance target</th>"):]
    assert row.split("</tr>")[0].count("<td>Yes</td>") == 2  # named in 17c, and changed
