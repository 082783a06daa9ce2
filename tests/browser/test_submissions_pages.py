"""axe-core finds no violation on the pages of the QIS forms that the journey does not pass
through: every Part of the Work Plan, error and conflict states, and the plan pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from qis_portal.models import Role
from submissions.models import FormType, SubmissionWindow
from submissions.services import submission_create, submission_save_draft
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD, CmsFactory, IssuerFactory, user_with_role
from tests.submissions.conftest import plan_on_file

PLAN = {
    "goal_1": "Engage network hospitals to reduce NTSV C-section rates to 23.9% or less.",
    "m1a_name": "NTSV Cesarean birth rate", "m1a_baseline_rate": "27.4",
    "m1a_baseline_numerator": 1370, "m1a_baseline_denominator": 5000,
    "m1a_baseline_start": "01/2023", "m1a_baseline_end": "12/2023", "m1a_target": "23.9",
    "m1a_direction": "lower",
}


@pytest.fixture
def issuer_pages(transactional_db):
    issuer = IssuerFactory(name="Sunrise Health Plans", hios_issuer_id="12345", state="CA")
    alice = user_with_role(Role.ISSUER_USER, issuer, email="alice@sunrise.test")
    user_with_role(Role.CMS_QIS_REVIEWER, CmsFactory(), email="quinn@cms.test")
    today = timezone.localdate()
    window = SubmissionWindow.objects.create(plan_year=2025, opens_on=today - timedelta(days=5),
                                             due_date=today + timedelta(days=30))
    plan = plan_on_file(alice, "Reducing NTSV C-sections", 2024, PLAN)
    work_plan = submission_create(actor=alice, form_type=FormType.WORK_PLAN, window=window)
    report = submission_create(actor=alice, form_type=FormType.PROGRESS_REPORT, window=window,
                               implementation_plan=plan)
    return alice, plan, work_plan, report


def test_every_part_of_the_work_plan_and_its_check_page_pass_axe(page, live_url, issuer_pages):
    alice, _, work_plan, _ = issuer_pages
    sign_in(page, live_url, alice.email, PASSWORD)
    for part in ("a", "b", "c", "d"):
        page.goto(f"{live_url}/submissions/{work_plan.pk}/part/{part}/")
        assert_no_axe_violations(page)
    page.goto(f"{live_url}/submissions/{work_plan.pk}/submit/")
    assert page.locator("#submit-errors").count() == 1
    assert_no_axe_violations(page)
    page.goto(f"{live_url}/submissions/{work_plan.pk}/")
    assert_no_axe_violations(page)


def test_a_word_limit_error_and_the_live_word_counter_pass_axe(page, live_url, issuer_pages):
    alice, _, work_plan, _ = issuer_pages
    sign_in(page, live_url, alice.email, PASSWORD)
    page.goto(f"{live_url}/submissions/{work_plan.pk}/part/c/")
    page.fill("#id_description", "word " * 201)
    assert "1 word over the limit of 200" in page.inner_text("#id_description-words")
    with page.expect_navigation():
        page.click("button[name=save]")
    assert "4 QIS Description: 201 words; the limit is 200 words." in page.inner_text(
        "#id_description-error")
    assert_no_axe_violations(page)


def test_an_edit_conflict_shows_both_versions_and_passes_axe(page, live_url, issuer_pages):
    alice, _, _, report = issuer_pages
    sign_in(page, live_url, alice.email, PASSWORD)
    page.goto(f"{live_url}/submissions/{report.pk}/part/a/")
    # Meanwhile, in another tab, the same draft is saved with another title.
    submission_save_draft(submission=report, actor=alice, expected_version=report.version,
                          data={"qis_title": "Title saved in the other tab"})
    page.fill("#id_qis_title", "Title typed in this tab")
    with page.expect_navigation():
        page.click("button[name=save]")
    assert "Someone else saved this draft" in page.inner_text("#edit-conflict")
    table = page.inner_text("table")
    assert "Title saved in the other tab" in table and "Title typed in this tab" in table
    assert_no_axe_violations(page)


def test_the_plan_pages_pass_axe(page, live_url, issuer_pages):
    alice, plan, _, _ = issuer_pages
    sign_in(page, live_url, alice.email, PASSWORD)
    for path in ("plans/", "plans/new/", f"plans/{plan.pk}/", f"plans/{plan.pk}/edit/"):
        page.goto(f"{live_url}/submissions/{path}")
        assert_no_axe_violations(page)
    page.goto(f"{live_url}/submissions/plans/new/")
    with page.expect_navigation():
        page.click("button[type=submit].margin-top-4")
    assert page.locator(".usa-alert--error").count() == 1
    assert_no_axe_violations(page)
