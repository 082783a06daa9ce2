"""Measure bonus points (seed §4.2.3, §4.3.1-§4.3.3)."""

import itertools
from pathlib import Path

from scoring.engine import MeasureSubmission, load_reference_from_package
from scoring.engine import types as t
from scoring.engine.bonus import bonus_eligibility, high_priority_value, unit_bonus

PACKAGE = Path(__file__).resolve().parents[2] / "node_modules" / "qpp-measures-data"
REF = load_reference_from_package(PACKAGE)


def pair(mid, method, points=5.0, *, rate=50.0, cases=100, complete=True, e2e=False):
    s = MeasureSubmission(mid, method, performance_rate=rate, eligible_population=cases,
                          data_completeness=100.0 if complete else 10.0, end_to_end=e2e)
    minimum = 200 if mid == "458" else 20
    a = t.MeasureAchievement(mid, method, t.SCORED, points, rate, cases, minimum, complete)
    return s, a


def bonus(pairs, *, measure_set=t.OTHER_SET, available=60, small=False):
    return unit_bonus(pairs, REF, measure_set=measure_set, available_points=available,
                      small_practice=small)


def test_outcome_and_patient_experience_measures_earn_2_and_other_high_priority_1():
    assert high_priority_value("outcome", True, "registry")[0] == 2
    assert high_priority_value("intermediateOutcome", True, "registry")[0] == 2
    assert high_priority_value("patientReportedOutcome", True, "registry")[0] == 2
    assert high_priority_value("patientEngagementExperience", True, "certifiedSurveyVendor")[0] == 2
    assert high_priority_value("process", True, "claims")[0] == 1
    assert high_priority_value("process", False, "claims")[0] == 0


def test_web_interface_and_cms_calculated_measures_earn_no_high_priority_bonus():
    assert high_priority_value("intermediateOutcome", True, "cmsWebInterface")[0] == 0
    assert high_priority_value("outcome", True, "administrativeClaims")[0] == 0


def test_the_first_reported_outcome_measure_earns_no_bonus_whatever_the_order_of_submissions():
    # §4.2.3: "Measure bonus points are not available for the first reported outcome measure,
    # which is required to be reported." 370 outcome (2), 236 intermediate outcome (2), 047
    # high priority process (1): both outcome measures would earn 2, so the lowest ID is first.
    pairs = [pair("370", "electronicHealthRecord"), pair("236", "registry"),
             pair("047", "registry")]
    for order in itertools.permutations(pairs):
        b = bonus(list(order))
        assert b.required_measure_id == "236"
        assert b.per_measure["236"].high_priority == 0
        assert b.per_measure["370"].high_priority == 2
        assert b.high_priority == 3
        assert "first reported outcome measure, which is required to be reported" in (
            b.required_note)


def test_an_outcome_measure_that_cannot_earn_bonus_is_the_required_one():
    b = bonus([pair("236", "registry"), pair("370", "electronicHealthRecord", rate=0.0)])
    assert b.required_measure_id == "370"
    assert b.per_measure["236"].high_priority == 2


def test_without_an_outcome_measure_the_first_high_priority_measure_is_required():
    b = bonus([pair("047", "registry"), pair("321", "certifiedSurveyVendor"),
               pair("238", "registry")])
    assert b.required_measure_id == "047"
    assert b.high_priority == 3  # CAHPS 2 + 238 1


def test_cahps_earns_2_high_priority_points_in_the_web_interface_set():
    b = bonus([pair("110", "cmsWebInterface"), pair("001", "cmsWebInterface"),
               pair("ACO321", "certifiedSurveyVendor")], measure_set=t.WEB_INTERFACE_SET,
              available=30)
    assert b.required_measure_id is None
    assert b.high_priority == 2


def test_a_measure_reported_through_several_collection_types_earns_bonus_once():
    b = bonus([pair("001", "electronicHealthRecord"),
               pair("236", "registry", e2e=True), pair("236", "electronicHealthRecord", e2e=True),
               pair("236", "claims")])
    assert b.per_measure["236"].high_priority == 2
    assert b.per_measure["236"].cehrt == 1
    assert (b.high_priority_raw, b.cehrt_raw) == (2, 1)


def test_bonus_needs_case_minimum_completeness_and_a_rate_above_zero():
    base = pair("370", "electronicHealthRecord")
    assert bonus_eligibility(base[1], inverse=False) == (True, "")
    assert not bonus_eligibility(pair("236", "registry", cases=19)[1], inverse=False)[0]
    assert not bonus_eligibility(pair("236", "registry", complete=False)[1], inverse=False)[0]
    assert not bonus_eligibility(pair("236", "registry", rate=0.0)[1], inverse=False)[0]


def test_an_inverse_measure_needs_a_rate_below_100_percent_for_bonus():
    assert bonus_eligibility(pair("001", "registry", rate=0.0)[1], inverse=True)[0]
    assert not bonus_eligibility(pair("001", "registry", rate=100.0)[1], inverse=True)[0]
    b = bonus([pair("370", "electronicHealthRecord"), pair("001", "registry", rate=100.0)])
    assert b.per_measure["001"].high_priority == 0


def test_end_to_end_cehrt_earns_1_point_but_not_through_part_b_claims():
    b = bonus([pair("110", "electronicHealthRecord", e2e=True), pair("112", "claims", e2e=True),
               pair("113", "registry", e2e=True)])
    assert b.cehrt_raw == 2
    assert any("claims cannot earn" in r for r in b.per_measure["112"].reasons)


def test_high_priority_and_cehrt_bonus_are_each_capped_at_10_percent_of_available_points():
    pairs = [pair("370", "electronicHealthRecord", e2e=True)]
    pairs += [pair(m, "registry", e2e=True) for m in ("236", "001", "047", "238", "111", "130",
                                                       "226", "134")]
    b = bonus(pairs, available=60)
    assert (b.high_priority_raw, b.high_priority) == (7, 6)
    assert b.cehrt_raw == 9 and b.cehrt == 6
    assert len(b.caps) == 2


def test_small_practices_get_6_bonus_points_when_they_submit_a_measure():
    assert bonus([pair("110", "registry")], small=True).small_practice == 6
    assert bonus([], small=True).small_practice == 0
    assert bonus([pair("458", "administrativeClaims")], small=True).small_practice == 0
    assert bonus([pair("110", "registry")], small=False).small_practice == 0


def test_bonus_counts_for_submitted_measures_outside_the_best_six():
    pairs = [pair(m, "registry", 9.0) for m in ("110", "112", "113", "226", "134", "438")]
    pairs.append(pair("047", "registry", 3.0))
    assert bonus(pairs).high_priority == 0  # 047 is the required high-priority measure
    pairs.append(pair("238", "registry", 3.0))
    assert bonus(pairs).high_priority == 1
