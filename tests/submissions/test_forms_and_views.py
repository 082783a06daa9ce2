"""Both forms on screen in the seed's order, numbering and wording, split into Parts with a
step indicator; saving at any point; live counters; errors naming the element and the rule."""

import re

import pytest
from django.urls import reverse

from submissions.elements import get_spec
from submissions.forms import PartForm
from tests.submissions.conftest import fresh

pytestmark = pytest.mark.django_db


def part_html(client, submission, part):
    response = client.get(reverse("submissions:part", args=[submission.pk, part]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_progress_report_runs_16a_to_16bb_in_order(client, issuer_alice, draft_report):
    client.force_login(issuer_alice)
    body = part_html(client, draft_report, "c")
    letters = [m for m in re.findall(r"(16(?:[a-z]{1,2}))\. ", body)]
    expected = [f"16{x}" for x in "abcdefghijklmnopqrstuvwxyz"] + ["16aa", "16bb"]
    seen = [letter for i, letter in enumerate(letters) if letter not in letters[:i]]
    assert seen == expected
    for text in ("QIS Goal 1 (500 character limit)", "Was the performance target achieved?",
                 "17. Summary of Progress (Must Pass)", "Progress Report Closeout Form",
                 "(1,500-character limit)"):
        assert text in body


def test_part_b_has_elements_2_to_15_with_the_four_payment_models(client, issuer_alice,
                                                                  draft_report):
    client.force_login(issuer_alice)
    body = part_html(client, draft_report, "b")
    for text in ("2. Issuer Legal Name", "3. Company Legal Name", "4. HIOS Issuer ID",
                 "5. Issuer State", "6–9. QIS Primary Contact", "10–13. QIS Secondary Contact",
                 "14. Date Issuer Began Offering Coverage Through the Exchange",
                 "15. Current Payment Model(s) Description",
                 "Fee for Service – No Link to Quality and Value",
                 "Fee for Service – Linked to Quality and Value",
                 "Alternative Payment Models Built on Fee for Service Architecture",
                 "Population-based Payment", "99 to 101 percent"):
        assert text in body, text


def test_the_work_plan_has_parts_a_to_d_and_elements_1_to_11(client, issuer_alice,
                                                             draft_work_plan):
    client.force_login(issuer_alice)
    texts = {
        "a": ["1. Select the relevant product types", "Exclusive Provider Organization (EPO)"],
        "b": ["2. Indicate the data sources", "Area Health Resource File (AHRF)",
              "Census data: Specify Type"],
        "c": ["3. QIS Title – QIS 2 Work Plan – Appropriate Use of C-Sections",
              "4. QIS Description", "5. QIS Goals", "23.9% or less"],
        "d": ["6. Market-based Incentive Type(s)", "7. Rationale for QIS", "8a. List the",
              "8b. Describe how", "9. Goal(s), Measure(s), and Performance Target(s)",
              "10a. QIS Initiation/Start Date", "10b. Milestone 1", "10b. Milestone 10",
              "11a. List all known", "11b. Describe the mitigation"],
    }
    for part, wanted in texts.items():
        body = part_html(client, draft_work_plan, part)
        for text in wanted:
            assert text in body, (part, text)


def test_character_limited_fields_get_the_uswds_counter_and_word_limited_ones_a_word_counter(
        client, issuer_alice, draft_report, draft_work_plan):
    client.force_login(issuer_alice)
    body = part_html(client, draft_report, "a")
    assert 'class="usa-character-count"' in body and 'maxlength="200"' in body
    body = part_html(client, draft_work_plan, "c")
    assert 'data-word-count-for="id_description" data-word-limit="200"' in body
    body = part_html(client, draft_work_plan, "d")
    assert 'data-word-count-for="id_milestone_1" data-word-limit="50"' in body
    assert 'data-word-count-for="id_in_kind_description" data-word-limit="100"' in body


def test_the_step_indicator_shows_the_parts_and_check_and_submit(client, issuer_alice,
                                                                 draft_report):
    client.force_login(issuer_alice)
    body = part_html(client, draft_report, "b")
    assert "usa-step-indicator" in body
    assert body.count("usa-step-indicator__segment-label") == 4
    assert 'aria-current="step"' in body and "Part B. Issuer Information" in body


def test_saving_a_part_keeps_the_rest_and_moves_on(client, issuer_alice, make_progress_report):
    draft = make_progress_report()
    client.force_login(issuer_alice)
    response = client.post(reverse("submissions:part", args=[draft.pk, "a"]), {
        "version": "1", "reviewed_plan": "on", "submission_type": "progress_report",
        "qis_title": "Reducing NTSV C-sections", "continue": "1"})
    assert response.status_code == 302
    assert response.url == reverse("submissions:part", args=[draft.pk, "b"])
    saved = fresh(draft)
    assert saved.version == 2 and saved.data["reviewed_plan"] is True
    assert saved.data["m1a_baseline_rate"] == "27.4"  # other parts untouched


def test_a_character_limit_error_names_the_element_and_nothing_is_saved(
        client, issuer_alice, make_progress_report):
    draft = make_progress_report()
    client.force_login(issuer_alice)
    response = client.post(reverse("submissions:part", args=[draft.pk, "c"]), {
        "version": "1", "progress_summary": "x" * 1001, "save": "1"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "17a Summary of progress: 1,001 characters; the limit is 1,000 characters." in body
    assert "This part was not saved" in body
    assert fresh(draft).version == 1


def test_the_part_form_builds_from_the_element_list():
    spec = get_spec("work_plan")
    form = PartForm(spec=spec, part=spec.part("d"))
    assert list(form.fields)[1:4] == ["incentives", "in_kind_description",
                                      "other_provider_description"]
    assert form.fields["milestone_1"].widget.attrs["data_word_limit"] == 50


def test_an_unknown_part_goes_to_the_first_part(client, issuer_alice, draft_report):
    client.force_login(issuer_alice)
    response = client.get(reverse("submissions:part", args=[draft_report.pk, "z"]))
    assert response.status_code == 302 and response.url.endswith("/part/a/")


def test_a_submitted_form_opens_as_filed_instead_of_the_editor(client, issuer_alice,
                                                               submitted_report):
    client.force_login(issuer_alice)
    response = client.get(reverse("submissions:part", args=[submitted_report.pk, "a"]))
    assert response.status_code == 302 and response.url == submitted_report.get_absolute_url()


def test_starting_a_progress_report_in_the_browser(client, issuer_alice, window, plan):
    client.force_login(issuer_alice)
    missing = client.post(reverse("submissions:start"), {"form_type": "progress_report",
                                                         "window": window.pk})
    assert "A Progress Report reports on an Implementation Plan on file" in \
        missing.content.decode()
    response = client.post(reverse("submissions:start"), {
        "form_type": "progress_report", "window": window.pk, "implementation_plan": plan.pk})
    assert response.status_code == 302 and response.url.endswith("/part/a/")
    again = client.post(reverse("submissions:start"), {
        "form_type": "progress_report", "window": window.pk, "implementation_plan": plan.pk})
    assert "This form already exists" in again.content.decode()


def test_the_check_page_links_each_error_to_its_element(client, issuer_alice,
                                                        make_progress_report):
    draft = make_progress_report()
    client.force_login(issuer_alice)
    body = client.get(reverse("submissions:submit", args=[draft.pk])).content.decode()
    assert f'href="/submissions/{draft.pk}/part/c/#id_progress_summary"' in body
    response = client.post(reverse("submissions:submit", args=[draft.pk]), {"version": "1"})
    assert "The form is not complete yet" in response.content.decode()
    assert fresh(draft).status == "draft"


def test_submitting_in_the_browser(client, issuer_alice, draft_report):
    client.force_login(issuer_alice)
    response = client.post(reverse("submissions:submit", args=[draft_report.pk]),
                           {"version": str(draft_report.version)})
    assert response.status_code == 302
    assert fresh(draft_report).status == "submitted"
    stale = client.post(reverse("submissions:submit", args=[draft_report.pk]), {"version": "1"})
    assert stale.status_code == 302 and stale.url == draft_report.get_absolute_url()


def test_the_reviewer_records_interim_meets_in_the_browser(client, reviewer_quinn,
                                                           submitted_report):
    client.force_login(reviewer_quinn)
    early = client.get(reverse("submissions:determine", args=[submitted_report.pk]))
    assert early.status_code == 302
    client.post(reverse("submissions:start_review", args=[submitted_report.pk]))
    url = reverse("submissions:determine", args=[submitted_report.pk])
    management = {"findings-TOTAL_FORMS": "4", "findings-INITIAL_FORMS": "0",
                  "findings-MIN_NUM_FORMS": "0", "findings-MAX_NUM_FORMS": "60"}
    refused = client.post(url, {**management, "outcome": "meets",
                                "findings-0-element": "16b"})
    assert "Meets is not possible: Must Pass element(s) 16b found deficient." in \
        refused.content.decode()
    done = client.post(url, {**management, "outcome": "interim_meets",
                             "findings-0-element": "17a", "findings-0-note": "Thin.",
                             "correction_report": "Describe the activities in 17a."})
    assert done.status_code == 302
    report = fresh(submitted_report)
    assert report.status == "interim_meets"
    body = client.get(report.get_absolute_url()).content.decode()
    assert "CMS determination: Interim Meets" in body and "Describe the activities" in body
