"""An issuer fills and submits a Progress Report with the keyboard only, meets a
character-limit error and fixes it; a CMS QIS reviewer records Interim Meets. axe-core finds
nothing on any page on the way."""

from datetime import timedelta

import pytest
from django.utils import timezone

from submissions.models import Submission, SubmissionWindow
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD, sunrise_issuer_and_reviewer
from tests.submissions.conftest import plan_on_file

PLAN = {
    "goal_1": "Engage network hospitals to reduce NTSV C-section rates to 23.9% or less.",
    "m1a_name": "NTSV Cesarean birth rate", "m1a_cbe_id": "0471",
    "m1a_baseline_rate": "27.4", "m1a_baseline_numerator": 1370,
    "m1a_baseline_denominator": 5000, "m1a_baseline_start": "01/2023",
    "m1a_baseline_end": "12/2023", "m1a_target": "23.9", "m1a_direction": "lower",
}


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the element matching `selector` has the focus (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def press_button(page, selector: str) -> None:
    """Focus a link or button by Tab and press Enter; wait for the next page."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")


@pytest.fixture
def journey_data(transactional_db):
    alice, quinn = sunrise_issuer_and_reviewer()
    today = timezone.localdate()
    SubmissionWindow.objects.create(plan_year=2025, opens_on=today - timedelta(days=5),
                                    due_date=today + timedelta(days=30))
    plan_on_file(alice, "Reducing NTSV C-sections", 2024, PLAN)
    return alice, quinn


def test_an_issuer_submits_a_progress_report_by_keyboard_and_a_reviewer_records_interim_meets(
        page, live_url, journey_data):
    alice, quinn = journey_data
    sign_in(page, live_url, alice.email, PASSWORD)
    page.goto(f"{live_url}/submissions/")
    assert_no_axe_violations(page)

    press_button(page, "a[href='/submissions/new/']")
    assert_no_axe_violations(page)
    tab_to(page, "#id_form_type_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_implementation_plan")
    page.keyboard.press("ArrowDown")
    press_button(page, "button[type=submit].usa-button:not(.usa-button--outline)")

    # Part A: a 201-character title meets the 200-character limit of seed 000.
    assert "Part A" in page.inner_text("h2.usa-step-indicator__heading")
    assert_no_axe_violations(page)
    tab_to(page, "#id_reviewed_plan")
    page.keyboard.press("Space")
    tab_to(page, "#id_submission_type_0")
    page.keyboard.press("Space")
    type_into(page, "#id_qis_title", "R" * 201)
    press_button(page, "button[name=continue]")
    error = page.inner_text("#id_qis_title-error")
    assert "QIS Title: 201 characters; the limit is 200 characters." in error
    assert_no_axe_violations(page)
    type_into(page, "#id_qis_title", "Reducing NTSV C-sections")
    press_button(page, "button[name=continue]")

    # Part B: issuer details are prefilled; the rest is typed.
    assert "Part B" in page.inner_text("h2.usa-step-indicator__heading")
    assert_no_axe_violations(page)
    for selector, text in (
        ("#id_company_legal_name", "Sunrise Health Plans Holding Company"),
        ("#id_primary_title", "QIS Lead"), ("#id_primary_phone", "916-555-0100"),
        ("#id_secondary_first_name", "Sam"), ("#id_secondary_last_name", "Second"),
        ("#id_secondary_title", "Quality Analyst"), ("#id_secondary_phone", "916-555-0101"),
        ("#id_secondary_email", "sam@sunrise.test"), ("#id_exchange_start_date", "01/01/2014"),
    ):
        type_into(page, selector, text)
    for index in range(4):
        tab_to(page, f"#id_payment_models_{index}")
        page.keyboard.press("Space")
    for key, percent in (("ffs_no_link", "40"), ("ffs_linked", "30"), ("apm_ffs", "20"),
                         ("population", "10")):
        type_into(page, f"#id_payment_{key}", percent)
    assert page.inner_text("[data-payment-total-value]") == "100 %"
    press_button(page, "button[name=continue]")

    # Part C: the plan's values are restated for the issuer; progress is typed.
    assert "Part C" in page.inner_text("h2.usa-step-indicator__heading")
    assert page.input_value("#id_m1a_baseline_rate") == "27.4"
    assert_no_axe_violations(page)
    for selector, text in (
        ("#id_m1a_progress_rate", "24.1"), ("#id_m1a_progress_numerator", "1205"),
        ("#id_m1a_progress_denominator", "5000"), ("#id_m1a_progress_start", "01/2024"),
        ("#id_m1a_progress_end", "12/2024"),
    ):
        type_into(page, selector, text)
    tab_to(page, "#id_m1a_target_achieved_0")
    page.keyboard.press("ArrowDown")  # No: 24.1 % is above the 23.9 % target
    type_into(page, "#id_progress_summary", "Twelve of forty hospitals joined CMQCC coaching.")
    tab_to(page, "#id_barriers_0")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_timeline_problems_0")
    page.keyboard.press("ArrowDown")
    press_button(page, "button[name=continue]")

    # Check and submit.
    assert "Check and submit" in page.inner_text("h2.usa-step-indicator__heading")
    assert page.locator("#submit-errors").count() == 0
    assert_no_axe_violations(page)
    press_button(page, "button.usa-button--big")
    assert page.get_attribute("[data-status]", "data-status") == "submitted"
    submission = Submission.objects.get()
    assert submission.status == "submitted"
    assert submission.snapshot["data"]["qis_title"] == "Reducing NTSV C-sections"
    assert_no_axe_violations(page)
    page.goto(f"{live_url}/submissions/{submission.pk}/print/")
    assert_no_axe_violations(page)

    # The reviewer starts the review and records Interim Meets with a finding on 17a.
    page.context.clear_cookies()
    sign_in(page, live_url, quinn.email, PASSWORD)
    page.goto(f"{live_url}/submissions/?status=submitted")
    assert page.locator(f"a[href='/submissions/{submission.pk}/']").count() == 1
    assert_no_axe_violations(page)
    page.goto(f"{live_url}/submissions/{submission.pk}/")
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Start review").click()
    page.wait_for_load_state("networkidle")
    assert_no_axe_violations(page)
    page.click("label[for=id_outcome_1]")  # USWDS radios are styled labels
    page.select_option("#id_findings-0-element", "17a")
    page.fill("#id_findings-0-note", "Describe the activities that led to the outcome.")
    page.fill("#id_correction_report", "Element 17a: add the activities behind the result.")
    with page.expect_navigation():
        page.get_by_role("button", name="Record determination").click()
    page.wait_for_load_state("networkidle")
    assert "Interim Meets" in page.inner_text("#determination-heading")
    assert_no_axe_violations(page)
    assert Submission.objects.get().status == "interim_meets"
