"""Conditionals of both forms: 17b only and always for a Closeout; 18a/18b descriptions when
Yes; 11a barriers or the risk assessment, exactly one; 11b blank without barriers;
descriptions for in-kind, other and enrollee incentives; census type; milestones."""

from submissions.validators import SubmitContext, submit_errors
from tests.submissions.conftest import PLAN_DATA, PROGRESS_ANSWERS, WORK_PLAN_ANSWERS

REPORT = {**PLAN_DATA, **PROGRESS_ANSWERS, "qis_title": "Reducing NTSV C-sections",
          "issuer_legal_name": "Sunrise Health Plans", "hios_issuer_id": "12345",
          "issuer_state": "CA"}


def report_errors(context=None, **changes):
    data = {**REPORT, **changes}
    data = {k: v for k, v in data.items() if v is not None}
    return submit_errors("progress_report", data, context or SubmitContext(plan_year=2025))


def plan_errors(**changes):
    from submissions.elements import get_spec
    from submissions.validators import clean_values

    prefilled = {"m1a_name": "NTSV Cesarean birth rate", "m1a_target": "23.9"}
    cleaned, found = clean_values(get_spec("work_plan"),
                                  {**prefilled, **WORK_PLAN_ANSWERS, **changes})
    assert found == {}
    return submit_errors("work_plan", {k: v for k, v in cleaned.items() if v is not None})


def test_a_closeout_requires_17b():
    closeout = SubmitContext(plan_year=2025, new_plan_on_file=True)
    assert report_errors(closeout, submission_type="closeout")["closeout_rationale"] == [
        "17b Rationale for discontinuing the QIS: required when element 1 is Progress Report "
        "Closeout Form."]
    assert "closeout_rationale" not in report_errors(
        closeout, submission_type="closeout", closeout_rationale="We are moving to a new QIS.")


def test_17b_is_only_for_a_closeout():
    assert report_errors(closeout_rationale="Not discontinuing.")["closeout_rationale"] == [
        "17b Rationale for discontinuing the QIS: only for a Progress Report Closeout Form; "
        "leave it blank for a Progress Report."]


def test_a_closeout_requires_a_new_implementation_plan_on_file():
    result = report_errors(SubmitContext(plan_year=2025, new_plan_on_file=False),
                           submission_type="closeout", closeout_rationale="New QIS.")
    assert result["submission_type"] == [
        "1 Type of QIS Submission: a Progress Report Closeout Form requires a new "
        "Implementation Plan on file for the 2025 plan year; file the new QIS's Implementation "
        "Plan first."]


def test_18a_and_18b_need_descriptions_when_yes():
    result = report_errors(barriers="yes", timeline_problems="yes")
    assert result["barriers_description"] == [
        "18a Description of barriers and mitigation: required when the answer is Yes."]
    assert result["timeline_description"] == [
        "18b Description of timeline problems and mitigation: required when the answer is Yes."]
    assert not {"barriers_description", "timeline_description"} & set(report_errors(
        barriers="yes", barriers_description="Hospital staff turnover; we paid for coaching.",
        timeline_problems="yes", timeline_description="Data arrived late; we moved a date."))


def test_17c_is_required_after_an_interim_meets_the_year_before():
    context = SubmitContext(plan_year=2025, correction_required=True,
                            deficient_elements=["16b", "17a"])
    assert report_errors(context)["correction_changes"] == [
        "17c Changes made after the Correction Report: required, because the previous plan "
        "year's determination was Interim Meets (deficient elements: 16b, 17a)."]
    assert "correction_changes" not in report_errors()


def test_the_work_plan_fixture_is_complete():
    assert dict(plan_errors()) == {}


def test_11a_needs_barriers_or_the_risk_assessment_not_both_and_not_neither():
    both = plan_errors(barriers="Staff turnover.", mitigation="Coaching.")
    assert both["barriers"] == [
        "11a Risk Assessment: list the known or anticipated barriers, or — if no barriers were "
        "identified — describe how you assessed risk; exactly one of the two."]
    neither = plan_errors(risk_assessment="")
    assert "exactly one of the two" in neither["barriers"][0]
    only_barriers = plan_errors(risk_assessment="", barriers="Staff turnover.",
                                mitigation="Coaching.")
    assert "barriers" not in only_barriers and "mitigation" not in only_barriers


def test_11b_is_blank_without_barriers_and_required_with_them():
    assert plan_errors(mitigation="Coaching.")["mitigation"] == [
        "11b Mitigation activities: leave blank when no barriers were identified in 11a."]
    assert plan_errors(risk_assessment="", barriers="Turnover.")["mitigation"] == [
        "11b Mitigation activities: required when barriers are listed in 11a."]


def test_in_kind_other_provider_and_enrollee_incentives_need_descriptions_when_checked():
    result = plan_errors(incentives=["in_kind", "other_provider", "enrollee_program"])
    assert result["in_kind_description"] == [
        "6 In-kind incentives description: required when “In-kind incentives” is checked."]
    assert result["other_provider_description"][0].startswith(
        "6 Other provider market-based incentives description: required when")
    assert result["enrollee_description"][0].startswith(
        "6 Enrollee incentive program description: required when")


def test_an_incentive_description_without_its_box_checked_is_refused():
    assert plan_errors(in_kind_description="Coaching hours.")["in_kind_description"] == [
        "6 In-kind incentives description: check “In-kind incentives” or leave this blank."]


def test_census_data_asks_for_its_type_and_other_for_a_description():
    result = plan_errors(census_type="", data_sources=["census", "other"])
    assert result["census_type"] == [
        "2 Census data type: required when “Census data” is checked."]
    assert result["data_source_other"] == [
        "2 Other data source description: required when “Other” is checked."]


def test_at_least_one_milestone_each_with_a_date():
    assert plan_errors(milestone_1="", milestone_1_date="")["milestone_1"] == [
        "10b Milestones: at least one milestone is required, each with a date."]
    assert plan_errors(milestone_1_date="")["milestone_1_date"] == [
        "10b Milestone 1: give the date for this milestone."]
    assert plan_errors(milestone_3_date="12/31/2025")["milestone_3"] == [
        "10b Milestone 3: describe the milestone for this date, or clear the date."]


def test_the_goal_1_target_of_the_work_plan_is_23_9_percent_or_lower():
    assert plan_errors(m1a_target="24")["m1a_target"] == [
        "9 Measure 1a performance target: Goal 1 is an NTSV C-section rate of 23.9 % or lower; "
        "the target 24 % is higher."]
    assert "m1a_target" not in plan_errors(m1a_target="23.9")


def test_the_work_plan_needs_a_product_type_a_data_source_and_an_incentive():
    result = plan_errors(product_types=[], data_sources=[], incentives=[], census_type="")
    assert result["product_types"] == ["1 Product types: check at least one product type."]
    assert result["data_sources"] == ["2 Data Sources: check at least one data source."]
    assert result["incentives"] == [
        "6 Market-based Incentive Type(s): check at least one market-based incentive."]


def test_both_attachment_j_confirmations_are_required():
    result = plan_errors(attachment_j_goal1=False)
    assert result["attachment_j_goal1"][0].startswith(
        "9 Goal 1 Attachment J questions 18/19/20/21.4.4.3")
