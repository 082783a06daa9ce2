"""Any plan year (issue 16, item 4): CMS opens a plan year's window with its form version,
OMB number (seed 000: 2025 Plan Year, OMB 0938-1286) and due date; a second draft for the same
year and QIS links to the first; a one-month period (01/2024-01/2024) is a period; the 23.9 %
NTSV cap (seed 002) applies only when Measure 1a is a rate."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qis_portal.models import AuditEvent
from submissions.models import FormType, SubmissionWindow
from submissions.services import DuplicateDraft, submission_create, submission_window_open
from submissions.services.plans import plan_errors
from tests.submissions.conftest import PLAN_DATA
from tests.submissions.test_validation_conditionals import plan_errors as work_plan_errors

pytestmark = pytest.mark.django_db


def open_2025(actor, **changes):
    values = {"plan_year": 2025, "opens_on": date(2026, 3, 1), "due_date": date(2026, 6, 30),
              "form_version": "2025 Plan Year Draft QIS Progress Report Form",
              "omb_number": "0938-1286", **changes}
    return submission_window_open(actor=actor, **values)


def test_a_cms_reviewer_opens_the_2025_plan_year_with_its_form_and_omb_number(reviewer_quinn):
    window = open_2025(reviewer_quinn)
    assert (window.plan_year, window.omb_number, window.due_date) == (
        2025, "0938-1286", date(2026, 6, 30))
    assert window.form_label == "2025 Plan Year Draft QIS Progress Report Form"
    event = AuditEvent.objects.get(action="submissionwindow.open")
    assert event.details["omb_number"] == "0938-1286" and event.actor_id == reviewer_quinn.pk


def test_an_issuer_cannot_open_a_plan_year_and_the_refusal_is_recorded_once(issuer_alice):
    with pytest.raises(PermissionDenied):
        open_2025(issuer_alice)
    [denial] = AuditEvent.objects.filter(outcome="denied")
    assert denial.action == "submissionwindow.open"
    assert not SubmissionWindow.objects.exists()


def test_a_plan_year_opens_once_before_its_due_date_with_a_real_omb_number(reviewer_quinn):
    open_2025(reviewer_quinn)
    with pytest.raises(ValidationError, match="The 2025 plan year is already open"):
        open_2025(reviewer_quinn)
    with pytest.raises(ValidationError, match="must be after the opening date 03/01/2026"):
        open_2025(reviewer_quinn, plan_year=2026, due_date=date(2026, 3, 1))
    with pytest.raises(ValidationError, match="four digits, a hyphen, four digits"):
        open_2025(reviewer_quinn, plan_year=2026, omb_number="938-1286")


def test_two_plan_years_are_offered_and_the_cms_page_opens_a_third(client, reviewer_quinn,
                                                                   issuer_alice, window):
    client.force_login(reviewer_quinn)
    response = client.post(reverse("submissions:window_list"), {
        "plan_year": "2027", "form_version": "2027 Plan Year QIS Progress Report Form",
        "omb_number": "0938-1286", "opens_on": "03/01/2026", "due_date": "06/30/2026"})
    assert response.status_code == 302
    assert list(SubmissionWindow.objects.values_list("plan_year", flat=True)) == [2027, 2025]
    client.force_login(issuer_alice)
    start = client.get(reverse("submissions:start")).content.decode()
    assert ">2025 plan year<" in start and ">2027 plan year<" in start
    page = client.get(reverse("submissions:window_list")).content.decode()
    assert "2027 Plan Year QIS Progress Report Form" in page and "Open a plan year" not in page
    assert client.post(reverse("submissions:window_list"), {"plan_year": "2028"}).status_code \
        == 403


def test_a_second_draft_for_the_same_year_and_qis_links_to_the_first(client, issuer_alice,
                                                                     window, plan):
    first = submission_create(actor=issuer_alice, form_type=FormType.PROGRESS_REPORT,
                              window=window, implementation_plan=plan)
    with pytest.raises(DuplicateDraft) as refused:
        submission_create(actor=issuer_alice, form_type=FormType.PROGRESS_REPORT,
                          window=window, implementation_plan=plan)
    assert refused.value.existing == first
    assert first.get_absolute_url() in refused.value.message
    client.force_login(issuer_alice)
    again = client.post(reverse("submissions:start"), {
        "form_type": "progress_report", "window": window.pk, "implementation_plan": plan.pk})
    assert f'href="{first.get_absolute_url()}"' in again.content.decode()


def test_a_second_work_plan_draft_of_the_year_links_to_the_first(issuer_alice, window):
    first = submission_create(actor=issuer_alice, form_type=FormType.WORK_PLAN, window=window)
    with pytest.raises(DuplicateDraft) as refused:
        submission_create(actor=issuer_alice, form_type=FormType.WORK_PLAN, window=window)
    assert refused.value.existing == first


def test_a_one_month_baseline_period_is_a_period():
    one_month = {**PLAN_DATA, "m1a_baseline_start": "01/2024", "m1a_baseline_end": "01/2024"}
    assert plan_errors(one_month) == {}
    backwards = {**PLAN_DATA, "m1a_baseline_start": "02/2024", "m1a_baseline_end": "01/2024"}
    assert "cannot be after the end" in plan_errors(backwards)["m1a_baseline_start"][0]


def test_the_23_9_percent_cap_applies_only_when_measure_1a_is_a_rate():
    count = {"m1a_baseline_rate": "", "m1a_baseline_numerator": None,
             "m1a_baseline_denominator": None, "m1a_baseline_data_point": "12"}
    # A count of 40 hospitals is a target above 23.9 and is the issuer's own.
    assert "m1a_target" not in work_plan_errors(**count, m1a_name="Hospitals above 23.9 %",
                                                m1a_target="40")
    # The prefilled 23.9 % rate target does not carry over to a count: it asks for its own.
    assert work_plan_errors(**count, m1a_target="23.9")["m1a_target"] == [
        "9 Measure 1a performance target: Measure 1a is a data point, not a rate, so the 23.9 % "
        "rate target does not apply; give the data point this QIS intends to achieve."]
    assert "is higher" in work_plan_errors(m1a_target="24")["m1a_target"][0]
