"""The Implementation Plan on file: stored per issuer and QIS, prefilled into the Progress
Report, every differing restatement flagged, and "target achieved?" proposed in the measure's
direction (lower is better for the NTSV C-section rate; target 23.9 %, seed 002)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from qis_portal.models import AuditEvent
from submissions.models import ImplementationPlan
from submissions.services import (
    implementation_plan_file,
    submission_check,
    submission_save_draft,
)
from submissions.validators.restated import target_proposals
from tests.submissions.conftest import PLAN_DATA

pytestmark = pytest.mark.django_db


def test_a_new_progress_report_restates_the_plan_and_the_issuer_details(
        make_progress_report, issuer_alice):
    report = make_progress_report()
    data = report.data
    assert data["qis_title"] == "Reducing NTSV C-sections"
    assert data["goal_1"] == PLAN_DATA["goal_1"]
    assert (data["m1a_baseline_rate"], data["m1a_baseline_numerator"],
            data["m1a_baseline_denominator"]) == ("27.4", 1370, 5000)
    assert (data["m1a_baseline_start"], data["m1a_baseline_end"]) == ("01/2023", "12/2023")
    assert data["m1a_target"] == "23.9" and data["m1a_cbe_id"] == "0471"
    assert data["hios_issuer_id"] == "12345"
    assert data["issuer_legal_name"] == "Sunrise Health Plans"
    assert data["primary_email"] == issuer_alice.email
    assert "m1a_direction" not in data  # the direction is the plan's, not a form element


def test_a_restated_value_that_differs_from_the_plan_is_flagged_before_submission(
        draft_report, issuer_alice):
    changed = submission_save_draft(submission=draft_report, actor=issuer_alice,
                                    expected_version=draft_report.version,
                                    data={"m1a_baseline_rate": "27.5",
                                          "m1a_baseline_numerator": 1375})
    flags = submission_check(changed)["discrepancies"]
    assert [(f.element, f.on_file, f.restated) for f in flags] == [
        ("16b Measure 1a baseline, calculated rate", "27.4 %", "27.5 %"),
        ("16b Measure 1a baseline, numerator", "1370", "1375"),
    ]


def test_the_check_page_lists_the_differences(client, draft_report, issuer_alice):
    submission_save_draft(submission=draft_report, actor=issuer_alice,
                          expected_version=draft_report.version, data={"m1a_target": "22"})
    client.force_login(issuer_alice)
    body = client.get(reverse("submissions:submit", args=[draft_report.pk])).content.decode()
    assert "Restated values that differ from the Implementation Plan on file" in body
    assert "16f Measure 1a performance target" in body


def test_the_flags_are_kept_in_the_frozen_copy(submitted_report):
    assert submitted_report.snapshot["plan_discrepancies"] == []


@pytest.mark.parametrize(("progress", "proposed"), [("24.1", "no"), ("23.9", "yes"),
                                                    ("21.0", "yes")])
def test_target_achieved_is_proposed_with_lower_is_better_for_the_ntsv_rate(progress, proposed):
    data = {"m1a_target": "23.9", "m1a_progress_rate": progress,
            "m1a_progress_numerator": 1, "m1a_progress_denominator": 1}
    (proposal,) = target_proposals(data, {"m1a_direction": "lower"})
    assert proposal.proposed == proposed
    assert "lower is better" in proposal.reason


def test_target_achieved_is_proposed_with_higher_is_better_by_default():
    data = {"m2a_target": "50", "m2a_progress_data_point": "45"}
    (proposal,) = target_proposals(data, {})
    assert (proposal.element, proposal.proposed) == ("16u Measure 2a target achieved", "no")


def test_an_answer_that_differs_from_the_proposal_is_pointed_out(draft_report, issuer_alice):
    changed = submission_save_draft(submission=draft_report, actor=issuer_alice,
                                    expected_version=draft_report.version,
                                    data={"m1a_target_achieved": "yes"})
    (proposal,) = submission_check(changed)["proposals"]
    assert proposal.proposed == "no" and proposal.differs
    assert proposal.reason == ("Progress result 24.1 % is not at or below the target 23.9 % "
                               "(lower is better).")


def test_an_issuer_files_a_plan_with_the_same_rules_as_the_form(issuer_alice):
    plan = implementation_plan_file(actor=issuer_alice, qis_title="Diabetes control",
                                    plan_year=2025, data={**PLAN_DATA})
    assert plan.issuer == issuer_alice.organization
    assert plan.data["m1a_direction"] == "lower"
    assert AuditEvent.objects.filter(action="implementationplan.file").exists()
    with pytest.raises(ValidationError) as exc:
        implementation_plan_file(actor=issuer_alice, qis_title="Bad", plan_year=2025,
                                 data={**PLAN_DATA, "m1a_baseline_rate": "30",
                                       "m1a_cbe_id": "12"})
    assert exc.value.message_dict["m1a_cbe_id"] == [
        "16a Measure 1a CBE-ID: must be exactly 4 digits (you entered “12”)."]
    assert "calculate to 27.4 %" in exc.value.message_dict["m1a_baseline_rate"][0]


def test_a_plan_needs_goal_1_and_measure_1a(issuer_alice):
    with pytest.raises(ValidationError) as exc:
        implementation_plan_file(actor=issuer_alice, qis_title="Empty", plan_year=2025, data={})
    assert {"goal_1", "m1a_name", "m1a_target", "m1a_baseline_rate",
            "m1a_baseline_start"} <= set(exc.value.message_dict)


def test_an_issuer_files_a_plan_through_the_browser(client, issuer_alice):
    client.force_login(issuer_alice)
    post = {"qis_title": "Diabetes control", "plan_year": "2025",
            "goal_1": "Lower HbA1c poor control.", "m1a_name": "HbA1c poor control",
            "m1a_baseline_rate": "35.2", "m1a_baseline_numerator": "352",
            "m1a_baseline_denominator": "1000", "m1a_baseline_start": "01/2023",
            "m1a_baseline_end": "12/2023", "m1a_target": "30", "m1a_direction": "lower"}
    response = client.post(reverse("submissions:plan_new"), post)
    plan = ImplementationPlan.objects.get(qis_title="Diabetes control")
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    bad = client.post(reverse("submissions:plan_new"), {**post, "qis_title": "Other",
                                                        "m1a_baseline_end": "12/2022"})
    assert bad.status_code == 200
    assert "cannot be after the end" in bad.content.decode()
