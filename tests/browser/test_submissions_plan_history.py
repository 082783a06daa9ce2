"""Issue 16 in the browser: an issuer files a Modification Summary Supplement, CMS accepts it,
the issuer's next Progress Report is compared with the new version, and the reviewer's Interim
Meets Correction Report appears beside 17c; Covered California reviews a Work Plan with the
seed 002 checklist; CMS opens a plan year. axe-core finds nothing on any new page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from qis_portal.models import OrgType, Role
from submissions.elements.work_plan import CHECKLIST
from submissions.models import FormType, SubmissionWindow
from submissions.services import (
    submission_create,
    submission_determine,
    submission_save_draft,
    submission_start_review,
    submission_submit,
)
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import (
    PASSWORD,
    CmsFactory,
    IssuerFactory,
    OrganizationFactory,
    sunrise_issuer_and_reviewer,
    user_with_role,
)
from tests.submissions.conftest import (
    PLAN_DATA,
    PROGRESS_ANSWERS,
    WORK_PLAN_ANSWERS,
    plan_on_file,
)


def go(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def click(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)
    page.wait_for_load_state("networkidle")


def switch_to(page, live_url, user) -> None:
    page.context.clear_cookies()
    sign_in(page, live_url, user.email, PASSWORD)


@pytest.fixture
def history(transactional_db):
    alice, quinn = sunrise_issuer_and_reviewer()
    today = timezone.localdate()
    this_year = SubmissionWindow.objects.create(
        plan_year=2025, opens_on=today - timedelta(days=5), due_date=today + timedelta(days=30),
        form_version="2025 Plan Year Draft QIS Progress Report Form")
    SubmissionWindow.objects.create(plan_year=2026, opens_on=today - timedelta(days=5),
                                    due_date=today + timedelta(days=30))
    plan = plan_on_file(alice, "Reducing NTSV C-sections", 2024, PLAN_DATA)
    # The 2025 Progress Report, judged Interim Meets: its Correction Report is 2026's 17c.
    report = submission_create(actor=alice, form_type=FormType.PROGRESS_REPORT,
                               window=this_year, implementation_plan=plan)
    report = submission_save_draft(submission=report, actor=alice, data=PROGRESS_ANSWERS,
                                   expected_version=1)
    report = submission_start_review(submission=submission_submit(submission=report,
                                                                  actor=alice), actor=quinn)
    submission_determine(submission=report, actor=quinn, outcome="interim_meets",
                         findings=[{"element": "16f", "note": "Restate the target on file."}],
                         correction_report="Restate the performance target of Measure 1a.")
    return alice, quinn, plan, report


def test_a_supplement_accepted_by_cms_is_the_version_next_years_report_restates(
        page, live_url, history):
    alice, quinn, plan, interim = history
    sign_in(page, live_url, alice.email, PASSWORD)
    go(page, f"{live_url}/submissions/plans/{plan.pk}/")
    assert "Version 1" in page.inner_text("table")
    assert_no_axe_violations(page)

    click(page, f"a[href='/submissions/plans/{plan.pk}/supplement/']")
    assert_no_axe_violations(page)
    page.fill("#id_m1a_target", "22.5")
    page.fill("#id_effective_year", "2026")
    click(page, "button[name=file]")
    # The change is listed element by element and its reason is asked for.
    assert "23.9" in page.inner_text("#modifications") and "22.5" in page.inner_text(
        "#modifications")
    assert "give the reason for this modification" in page.inner_text("#modifications")
    assert_no_axe_violations(page)
    page.fill("#reason_m1a_target", "Eleven hospitals already reached 23.9 %.")
    click(page, "button[name=file]")
    assert "Modification Summary Supplement #" in page.inner_text("h1")
    assert_no_axe_violations(page)
    supplement_url = page.url

    switch_to(page, live_url, quinn)
    go(page, supplement_url)
    assert "Eleven hospitals already reached 23.9 %." in page.inner_text("table")
    assert_no_axe_violations(page)
    click(page, "form[action$='/decide/'] button[type=submit]")
    assert "accepted by cms" in page.inner_text("main").casefold()
    go(page, f"{live_url}/submissions/plans/{plan.pk}/")
    assert "Version 2" in page.inner_text("table")
    assert_no_axe_violations(page)
    go(page, f"{live_url}/submissions/{interim.pk}/correction-report/")
    assert "16f Measure 1a performance target" in page.inner_text("#correction-items")
    assert_no_axe_violations(page)

    switch_to(page, live_url, alice)
    go(page, f"{live_url}/submissions/new/")
    page.click("label[for=id_form_type_0]")
    page.select_option("#id_window", label="2026 plan year")
    page.select_option("#id_implementation_plan", label=str(plan))
    click(page, "main form.usa-form button[type=submit]")
    assert page.url.endswith("/part/a/"), page.inner_text("main")[:500]
    go(page, page.url.replace("/part/a/", "/part/c/"))
    assert page.input_value("#id_m1a_target") == "22.5"
    assert "version 2" in page.inner_text("#compared-version")
    assert "Restate the target on file." in page.inner_text("#correction-17c")
    assert_no_axe_violations(page)


@pytest.fixture
def work_plan_review(transactional_db):
    issuer = IssuerFactory(name="Sunrise Health Plans", hios_issuer_id="12345", state="CA")
    alice = user_with_role(Role.ISSUER_USER, issuer, email="alice@sunrise.test")
    covered_ca = OrganizationFactory(name="Covered California", org_type=OrgType.STATE_EXCHANGE,
                                     state="CA")
    cal = user_with_role(Role.COVERED_CA_REVIEWER, covered_ca, email="cal@coveredca.test")
    quinn = user_with_role(Role.CMS_QIS_REVIEWER, CmsFactory(), email="quinn@cms.test")
    today = timezone.localdate()
    window = SubmissionWindow.objects.create(plan_year=2025, opens_on=today - timedelta(days=5),
                                             due_date=today + timedelta(days=30))
    draft = submission_create(actor=alice, form_type=FormType.WORK_PLAN, window=window)
    draft = submission_save_draft(submission=draft, actor=alice, data=WORK_PLAN_ANSWERS,
                                  expected_version=1)
    filed = submission_start_review(submission=submission_submit(submission=draft, actor=alice),
                                    actor=cal)
    return alice, cal, quinn, filed


def test_covered_california_reviews_a_work_plan_with_its_checklist(page, live_url,
                                                                   work_plan_review):
    alice, cal, quinn, filed = work_plan_review
    sign_in(page, live_url, cal.email, PASSWORD)
    go(page, f"{live_url}/submissions/{filed.pk}/determine/")
    assert "Covered California Work Plan checklist" in page.inner_text("main")
    assert_no_axe_violations(page)
    page.click("label[for=id_outcome_0]")  # USWDS radios: the label is what one clicks
    for key, *_ in CHECKLIST:
        page.click(f"label[for=id_checklist-{key}_met_0]")
    click(page, "main form.usa-form button[type=submit]")
    assert "This workplan must address the following: 7: Met" in page.inner_text(
        "#determination")
    assert "Applicant must:" in page.inner_text("#work-plan-rules")
    assert_no_axe_violations(page)

    switch_to(page, live_url, quinn)
    go(page, f"{live_url}/submissions/plan-years/")
    assert_no_axe_violations(page)
    page.fill("#id_plan_year", "2027")
    page.fill("#id_opens_on", "03/01/2026")
    page.fill("#id_due_date", "06/30/2026")
    click(page, "main form.usa-form button[type=submit]")
    assert "2027" in page.inner_text("table")
    assert_no_axe_violations(page)
