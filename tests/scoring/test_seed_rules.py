"""One test per seed rule the engine once departed from (issue 14), each quoting seed 003.

Every test checks the rule's number both ways (just under and at the seed's limit) and that the
explanation states the rule it applied.
"""

import itertools
from decimal import Decimal
from pathlib import Path

from scoring.engine import (
    CategoryScores,
    MeasureSubmission,
    UnitContext,
    evaluate,
    final_score,
    improvement_score,
    load_reference_from_package,
    quality_percent_score,
    score_unit,
)
from scoring.engine import types as t
from scoring.engine.measure_set import score_unit_pairs
from scoring.engine.rounding import q4

PACKAGE = Path(__file__).resolve().parents[2] / "node_modules" / "qpp-measures-data"
REF = load_reference_from_package(PACKAGE)
SURVEY, CLAIMS, WI = "certifiedSurveyVendor", "administrativeClaims", "cmsWebInterface"


def entity(clinicians, small=False):
    return UnitContext(t.ENTITY, "E-1", clinicians, small)


def registry(mid, rate=80.0, cases=100):
    return MeasureSubmission(mid, "registry", performance_rate=rate, eligible_population=cases,
                             data_completeness=90.0)


def row_of(unit, mid):
    return next(m for m in unit.measures if m.measure_id == mid)


def test_cms_calculated_points_need_the_20_case_minimum_cahps_321_with_5_cases_scores_nothing():
    # §4.2.2: points "for each measure submitted that has a benchmark, meets the case minimum
    # requirement"; note 41: "the minimum case requirement is 20 cases".
    def unit(cases):
        cahps = MeasureSubmission("321", SURVEY, external_points=9, eligible_population=cases)
        return score_unit([cahps, registry("047")], REF, entity(30))

    five = unit(5)
    assert row_of(five, "321").status == t.EXCLUDED_CASE_MINIMUM
    assert not row_of(five, "321").counted and row_of(five, "321").points is None
    assert row_of(five, "321").bonus.high_priority == 0  # points and bonus agree now
    assert "meets the case minimum requirement" in row_of(five, "321").sentence
    twenty = unit(20)
    assert row_of(twenty, "321").counted and row_of(twenty, "321").points == 9.0
    assert twenty.high_priority_bonus_raw == 2  # CAHPS 2; 047 is the required measure
    assert twenty.achievement_points == five.achievement_points + 9


def test_readmission_458_is_a_seventh_measure_only_for_16_clinicians_and_200_cases():
    # §4.1.2: "for practices of 16 or more clinicians who meet the case minimum of 200, the
    # administrative claims-based all-cause readmission measure will be automatically scored as
    # a seventh measure"; §4.3.3: "... increase by another 10 points to be 70".
    def unit(clinicians, cases):
        readm = MeasureSubmission("458", CLAIMS, external_points=10, eligible_population=cases)
        return score_unit([readm, registry("047")], REF, entity(clinicians))

    assert unit(20, 150).available_points == 60  # 150 cases: no seventh measure
    assert "case minimum not met (150 < 200)" in row_of(unit(20, 150), "458").sentence
    assert unit(15, 200).available_points == 60  # 15 clinicians: no seventh measure
    assert "fewer than 16 clinicians (15)" in row_of(unit(15, 200), "458").sentence
    assert unit(16, 200).available_points == 70
    assert row_of(unit(16, 200), "458").counted


def test_cahps_for_mips_summary_measures_are_one_of_the_six_required_measures():
    # §4.3.3: "The CAHPS for MIPS measure, if submitted, will be considered as one of the six
    # required measures, and the total number of possible points for these entities remains
    # at 60." Eight summary measures once gave five counted rows and 14 raw bonus points.
    ssms = [MeasureSubmission(f"CAHPS_{n}", SURVEY, performance_rate=90.0,
                              eligible_population=300) for n in (1, 2, 3, 4, 5, 6, 8, 9)]
    unit = score_unit([*ssms, registry("047")], REF, entity(30))
    survey_rows = [m for m in unit.measures if m.submission_method == SURVEY]
    assert [m.measure_id for m in survey_rows] == ["321"]
    assert survey_rows[0].counted
    assert unit.available_points == 60
    assert unit.high_priority_bonus_raw == 2  # one patient-experience measure: 2 points
    assert any("considered as one of the six required measures" in n for n in unit.notes)
    as_one = score_unit([MeasureSubmission(
        "321", SURVEY, eligible_population=300,
        summary_measures=tuple((s.measure_id, 90.0) for s in ssms)), registry("047")],
        REF, entity(30))
    assert row_of(as_one, "321").points == survey_rows[0].points
    with_cms_points = score_unit([*ssms, MeasureSubmission("321", SURVEY, external_points=8,
                                                           eligible_population=300)],
                                 REF, entity(30))
    assert [m.points for m in with_cms_points.measures if m.submission_method == SURVEY] == [8]
    assert any("not used" in n for n in with_cms_points.notes)


def wi_and_cahps():
    wi = [MeasureSubmission(mid, WI, performance_rate=95.0, eligible_population=400,
                            data_completeness=100.0, end_to_end=True)
          for mid in REF.web_interface_measure_ids]
    return [*wi, MeasureSubmission("321", SURVEY, external_points=8, eligible_population=300)]


def test_web_interface_and_cahps_for_mips_are_only_for_groups_of_25_or_more_clinicians():
    # §4.1.1: "CMS Web Interface Measures (for groups with 25 or more clinicians)" and "The
    # CAHPS for MIPS survey (for groups with 25 or more clinicians)"; §4.3.2: a unit eligible
    # for the Web Interface "would not qualify as a small practice".
    ten = score_unit(wi_and_cahps(), REF, entity(10, small=True))
    assert not any(m.counted for m in ten.measures)
    assert {m.status for m in ten.measures if m.submission_method in (WI, SURVEY)} == {
        t.NOT_APPLICABLE}
    assert ten.small_practice_bonus == 0  # no small-practice bonus through them
    assert ten.total_bonus == 0 and ten.percent_score == 0
    assert "for groups with 25 or more clinicians" in row_of(ten, "321").sentence
    twenty_five = score_unit(wi_and_cahps(), REF, entity(25, small=True))
    assert twenty_five.measure_set == t.WEB_INTERFACE_SET
    assert row_of(twenty_five, "321").counted
    assert twenty_five.small_practice_bonus == 0
    assert any("would not qualify as a small practice" in n for n in twenty_five.notes)


def contract(submissions, pi=80.0):
    return {"performance_year": 2020,
            "entity": {"id": "OCM-9", "apm_requires_mips_quality_reporting": False,
                       "complex_patient_bonus": 1.5, "improvement_activities_score": 100.0,
                       "promoting_interoperability_score": pi},
            "participants": [{"tin": "123456789", "npis": ["1000000001"]}],
            "submissions": submissions}


def test_complex_patient_bonus_only_if_the_entity_submits_data_for_one_mips_category():
    # §2.5: "If the APM Entity submits data for at least one MIPS performance category during
    # the 2020 MIPS performance period, a complex patient bonus will be added".
    none = evaluate(contract([], pi=None), REF)
    assert none["final"]["complex_patient_bonus"] == 0
    assert "submits data for at least one MIPS performance category" in (
        none["final"]["sentence"])
    quality_only = evaluate(contract([{"level": "entity", "measure_id": "047",
                                       "submission_method": "registry", "numerator": 120,
                                       "denominator": 156, "data_completeness": 85.0}],
                                     pi=None), REF)
    assert quality_only["final"]["complex_patient_bonus"] == 1.5
    assert "submitted data for quality (§2.5)" in quality_only["final"]["sentence"]
    pi_only = evaluate(contract([]), REF)
    assert pi_only["final"]["complex_patient_bonus"] == 1.5


def test_the_first_reported_outcome_measure_rule_is_stated_and_independent_of_order():
    # §4.2.3: "Measure bonus points are not available for the first reported outcome measure,
    # which is required to be reported. Outcome and patient experience measures receive two
    # measure bonus points."
    subs = [registry("370", rate=30.0), registry("236"), registry("001", rate=20.0),
            registry("047")]
    results = {score_unit(list(order), REF, entity(20)) for order in itertools.permutations(subs)}
    assert len(results) == 1  # identical results, whatever the order
    unit = results.pop()
    assert unit.high_priority_bonus_raw == 2 + 2 + 1  # three outcome measures, one is required
    assert row_of(unit, "001").bonus.high_priority == 0  # lowest ID of the 2-point outcomes
    note = next(n for n in unit.notes if "first reported outcome measure" in n)
    assert "whatever the order in which the data arrived" in note


def test_scores_are_rounded_once_where_the_seed_expresses_them_to_the_fourth_decimal_place():
    # Tables 3-5 note h: "These values are expressed to the fourth decimal place." 30.0001
    # achievement points of 60 is 50.000166...%; with a 40 % prior year the improvement is
    # 2.5000416..., so the quality score is 52.500208... -> 52.5002 and the final score
    # 0.5 x 52.500208... + 20 + 24 = 70.250104... -> 70.2501. Rounding each step (50.0002,
    # then 2.50005 -> 2.5001, then 26.25015 -> 26.2502) would give 52.5003 and 70.2502.
    points = (5.0, 5.0, 5.0, 5.0, 5.0, 5.0001)
    pairs = []
    for mid, pts in zip(("110", "111", "112", "113", "128", "226"), points, strict=True):
        sub = registry(mid, rate=50.0)
        pairs.append((sub, t.MeasureAchievement(mid, "registry", t.SCORED, pts, 50.0, 100, 20,
                                                True)))
    unit = score_unit_pairs(pairs, REF, entity(20))
    assert unit.achievement_points == Decimal("30.0001")
    improvement = improvement_score(unit.achievement_percent, Decimal(40))
    quality, _ = quality_percent_score(unit.percent_score, improvement.score, Decimal(0))
    assert q4(quality) == Decimal("52.5002")
    final = final_score(CategoryScores(quality, Decimal(100), Decimal(80)))
    assert final.final_score == Decimal("70.2501")
    assert "50.0002 %" in unit.sentence  # each figure shown to four decimals
    explanation = evaluate(contract([]), REF)["explanation"]
    assert "expressed to the fourth decimal place" in explanation[-1]
