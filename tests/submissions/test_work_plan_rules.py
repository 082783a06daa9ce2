"""The Work Plan's own rules (issue 16, item 3): seed 002's "Applicant must" (1-3) and "This
workplan must address" (1-7) lists, verbatim, at the top of the form and as the reviewer's
checklist; Covered California reviews Work Plans (CMS reads them); Work Plans only for
issuers offering coverage in California."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qis_portal.models import AuditEvent
from submissions.elements.work_plan import APPLICANT_MUST, CHECKLIST, WORKPLAN_MUST_ADDRESS
from submissions.models import Determination, FormType
from submissions.services import (
    submission_create,
    submission_determine,
    submission_start_review,
    submission_submit,
)
from tests.submissions.conftest import all_met, fresh

pytestmark = pytest.mark.django_db

# Lines 5-23 of seed 002 (002_35612e77196f3f17.txt), copied unchanged.
SEED = Path(__file__).with_name("seed_002_lists.txt")


def seed_list(after: str, count: int) -> list[str]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == after)
    items = [line for line in lines[start + 1:] if line.strip()][:count]
    return [item.split(". ", 1)[1].rstrip() for item in items]


def test_the_two_lists_are_the_seeds_words_verbatim():
    assert list(APPLICANT_MUST) == seed_list("Applicant must:", 3)
    assert list(WORKPLAN_MUST_ADDRESS) == seed_list("This workplan must address the following:",
                                                    7)


def test_the_lists_are_counted_and_numbered_as_on_the_paper():
    assert [key for key, *_ in CHECKLIST] == [
        "applicant_1", "applicant_2", "applicant_3", *[f"address_{n}" for n in range(1, 8)]]
    assert "23.9% or lower" in APPLICANT_MUST[1]
    assert WORKPLAN_MUST_ADDRESS[6].startswith("List any known or anticipated barriers")


def test_every_part_of_the_work_plan_shows_the_two_lists_at_the_top(client, issuer_alice,
                                                                    draft_work_plan):
    client.force_login(issuer_alice)
    for part in "abcd":
        body = client.get(reverse("submissions:part", args=[draft_work_plan.pk, part])
                          ).content.decode()
        top = body.index('id="work-plan-rules"')
        assert top < body.index('class="usa-form usa-form--large maxw-tablet-lg"')
        assert "Applicant must:" in body and "This workplan must address the following:" in body
        assert "Consider a hospital’s NTSV C-section rate, improvement trajectory" in body


def test_a_progress_report_does_not_show_the_work_plan_lists(client, issuer_alice,
                                                             draft_report):
    client.force_login(issuer_alice)
    body = client.get(reverse("submissions:part", args=[draft_report.pk, "a"])).content.decode()
    assert "work-plan-rules" not in body


def test_a_new_hampshire_issuer_cannot_start_a_work_plan(issuer_gina, window):
    with pytest.raises(ValidationError) as refused:
        submission_create(actor=issuer_gina, form_type=FormType.WORK_PLAN, window=window)
    assert refused.value.message_dict["form_type"] == [
        "A Covered California QIS 2 Work Plan is only for issuers offering coverage in "
        "California; Granite State Mutual is an issuer of New Hampshire."]


@pytest.fixture
def filed_work_plan(draft_work_plan, issuer_alice):
    return submission_submit(submission=draft_work_plan, actor=issuer_alice)


def test_covered_california_reviews_work_plans_and_cms_only_reads_them(
        client, filed_work_plan, reviewer_quinn, reviewer_cal):
    with pytest.raises(PermissionDenied):
        submission_start_review(submission=filed_work_plan, actor=reviewer_quinn)
    [denial] = AuditEvent.objects.filter(outcome="denied")
    assert denial.target_id == str(filed_work_plan.pk)
    client.force_login(reviewer_quinn)
    assert client.get(reverse("submissions:detail", args=[filed_work_plan.pk])).status_code \
        == 200
    assert client.get(reverse("submissions:determine", args=[filed_work_plan.pk])
                      ).status_code == 403
    started = submission_start_review(submission=filed_work_plan, actor=reviewer_cal)
    assert fresh(started).status == "under_review" and started.reviewer == reviewer_cal


def test_covered_california_sees_filed_work_plans_only(client, reviewer_cal, filed_work_plan,
                                                       submitted_report):
    client.force_login(reviewer_cal)
    assert client.get(reverse("submissions:detail", args=[submitted_report.pk])).status_code \
        == 404
    listed = client.get(reverse("submissions:list")).content.decode()
    assert f"Covered California QIS 2 Work Plan #{filed_work_plan.pk}" in listed
    assert f"QIS Progress Report #{submitted_report.pk}" not in listed


def test_the_review_answers_every_checklist_item_and_an_item_not_met_cannot_meet(
        filed_work_plan, reviewer_cal):
    plan = submission_start_review(submission=filed_work_plan, actor=reviewer_cal)
    with pytest.raises(ValidationError) as missing:
        submission_determine(submission=plan, actor=reviewer_cal, outcome="meets",
                             checklist=all_met()[:9])
    assert missing.value.message_dict["checklist"] == [
        "This workplan must address the following: 7: mark it met or not met."]
    answers = all_met()
    answers[4] = {"key": "address_2", "met": "not_met",
                  "note": "No blended case rate for physicians yet."}
    with pytest.raises(ValidationError, match="checklist item\\(s\\) not met: This workplan "
                                              "must address the following: 2"):
        submission_determine(submission=plan, actor=reviewer_cal, outcome="meets",
                             checklist=answers)
    submission_determine(submission=plan, actor=reviewer_cal, outcome="interim_meets",
                         findings=[{"element": "6", "note": "Payment strategy missing."}],
                         correction_report="Describe the physician payment strategy.",
                         checklist=answers)
    stored = Determination.objects.get(submission=plan).checklist
    assert len(stored) == 10
    assert stored[4] == {"key": "address_2", "list": "This workplan must address the following:",
                         "number": 2, "text": WORKPLAN_MUST_ADDRESS[1], "met": False,
                         "note": "No blended case rate for physicians yet."}


def test_the_checklist_is_saved_from_the_review_page_and_shown_with_the_determination(
        client, filed_work_plan, reviewer_cal, issuer_alice):
    plan = submission_start_review(submission=filed_work_plan, actor=reviewer_cal)
    client.force_login(reviewer_cal)
    page = client.get(reverse("submissions:determine", args=[plan.pk])).content.decode()
    assert "Covered California Work Plan checklist" in page
    post = {"outcome": "meets", "findings-TOTAL_FORMS": "4", "findings-INITIAL_FORMS": "0"}
    for key, *_ in CHECKLIST:
        post[f"checklist-{key}_met"] = "met"
    post["checklist-address_6_note"] = "Coaching referrals each quarter."
    response = client.post(reverse("submissions:determine", args=[plan.pk]), post)
    assert response.status_code == 302
    assert fresh(plan).status == "meets"
    client.force_login(issuer_alice)
    detail = client.get(reverse("submissions:detail", args=[plan.pk])).content.decode()
    assert "This workplan must address the following: 6: Met" in detail
    assert "Coaching referrals each quarter." in detail
