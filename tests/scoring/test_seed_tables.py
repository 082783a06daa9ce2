"""The seed's worked examples: Figure 1 and Tables 3, 4 and 5 (seed §4.2.6.1, §4.3.4).

Tables 3 and 4 run through the real 2020 Web Interface benchmarks (their bounds are 30, 40,
..., 90, so a 44 % rate, or 56 % for inverse measure 001, earns the tables' 5.4 points). The
tables assume the improvement score (10 % or 0 %), which is passed as the seed states it.
"""

from decimal import Decimal
from pathlib import Path

from scoring.engine import (
    MeasureSubmission,
    UnitContext,
    load_reference_from_package,
    quality_percent_score,
    reporting_credit,
    score_unit,
)
from scoring.engine import types as t
from scoring.engine.constants import WEIGHTS_DEFAULT
from scoring.engine.measure_set import score_unit_pairs
from scoring.engine.rounding import q4

PACKAGE = Path(__file__).resolve().parents[2] / "node_modules" / "qpp-measures-data"
REF = load_reference_from_package(PACKAGE)
SCORED_WI = ("318", "110", "226", "113", "112", "001", "236")
UNSCORED_WI = ("370", "438", "134")
ACO = UnitContext(t.ENTITY, "ACO-1", 40, False)


def wi(mid, rate):
    return MeasureSubmission(mid, "cmsWebInterface", performance_rate=rate,
                             eligible_population=400, data_completeness=100.0, end_to_end=True)


def wi_set(direct_rate, inverse_rate):
    subs = [wi(m, inverse_rate if m == "001" else direct_rate) for m in SCORED_WI]
    return subs + [wi(m, 60.0) for m in UNSCORED_WI]


def readmission(cases=400):
    return MeasureSubmission("458", "administrativeClaims", performance_rate=15.0,
                             eligible_population=cases)


def cahps(mid, points, cases=300):
    return MeasureSubmission(mid, "certifiedSurveyVendor", external_points=points,
                             eligible_population=cases)


def total(unit, improvement, requires_reporting):
    percent, _ = quality_percent_score(unit.percent_score, Decimal(improvement),
                                       reporting_credit(requires_reporting))
    return percent, q4(percent * WEIGHTS_DEFAULT["quality"])


def test_figure_1_entity_achievement_40_percent_plus_credit_is_90_percent():
    percent, caps = quality_percent_score(Decimal(40), Decimal(0), reporting_credit(False))
    assert percent == Decimal("90.0000")
    assert not caps


def test_table_3_max_points_scenario():
    unit = score_unit(wi_set(95.0, 5.0) + [cahps("ACO321", 10), readmission()], REF, ACO)
    assert unit.measure_set == t.WEB_INTERFACE_SET
    assert unit.available_points == 80  # (A)
    assert unit.achievement_points == Decimal("80.0000")  # (B)
    assert unit.high_priority_bonus == 2  # (C)
    assert (unit.cehrt_bonus_raw, unit.cehrt_bonus) == (10, 8)  # (D), capped at 10 % of (A)
    assert unit.total_bonus == 10  # (E)
    assert unit.percent_score == Decimal("112.5000")  # (F)
    percent, weighted = total(unit, 10, requires_reporting=True)  # (G) 10 %, (H) N/A
    assert percent == Decimal("100.0000")  # (I)
    assert weighted == Decimal("50.0000")


def test_table_3_hypothetical_scenario():
    unit = score_unit(wi_set(44.0, 56.0) + [cahps("ACO321", 5.4), readmission()], REF, ACO)
    scored = [m for m in unit.measures if m.counted]
    assert sorted(m.points for m in scored) == [5.4] * 8
    assert unit.available_points == 80
    assert unit.achievement_points == Decimal("43.2000")
    assert (unit.high_priority_bonus, unit.cehrt_bonus, unit.total_bonus) == (2, 8, 10)
    assert unit.achievement_points + unit.total_bonus == Decimal("53.2000")
    assert unit.percent_score == Decimal("66.5000")
    percent, weighted = total(unit, 10, requires_reporting=True)
    assert percent == Decimal("76.5000")
    assert weighted == Decimal("38.2500")


def test_table_3_lists_the_three_web_interface_measures_without_benchmark_as_not_scored():
    unit = score_unit(wi_set(44.0, 56.0) + [cahps("ACO321", 5.4)], REF, ACO)
    by_id = {m.measure_id: m for m in unit.measures}
    for mid in UNSCORED_WI:
        assert by_id[mid].status == t.EXCLUDED_NO_BENCHMARK
        assert not by_id[mid].counted
        assert by_id[mid].bonus.cehrt == 1


def test_table_4_max_points_scenario():
    unit = score_unit(wi_set(95.0, 5.0) + [cahps("321", 10), readmission()], REF, ACO)
    assert unit.available_points == 80
    assert unit.achievement_points == Decimal("80.0000")
    assert (unit.high_priority_bonus, unit.cehrt_bonus, unit.total_bonus) == (2, 8, 10)
    assert unit.percent_score == Decimal("112.5000")
    percent, weighted = total(unit, 10, requires_reporting=False)  # (H) 50 %
    assert percent == Decimal("100.0000")
    assert weighted == Decimal("50.0000")


def test_table_4_hypothetical_scenario():
    unit = score_unit(wi_set(44.0, 56.0) + [readmission()], REF, ACO)  # no CAHPS for MIPS
    assert unit.available_points == 70
    assert unit.achievement_points == Decimal("37.8000")
    assert unit.high_priority_bonus == 0
    assert (unit.cehrt_bonus_raw, unit.cehrt_bonus) == (10, 7)
    assert unit.total_bonus == 7
    assert unit.achievement_points + unit.total_bonus == Decimal("44.8000")
    assert unit.percent_score == Decimal("64.0000")
    percent, weighted = total(unit, 10, requires_reporting=False)
    assert percent == Decimal("100.0000")
    assert weighted == Decimal("50.0000")


def test_table_4_readmission_would_be_a_measure_but_has_no_2020_benchmark():
    unit = score_unit(wi_set(44.0, 56.0) + [readmission()], REF, ACO)
    row = next(m for m in unit.measures if m.measure_id == "458")
    assert not row.counted
    assert ("no 2020 benchmark for measure 458 by submission method administrativeClaims"
            in row.sentence)


# Table 5 uses illustrative measures and points (Advance Care Plan by claims at 10 points,
# the readmission measure with a benchmark), so its rows are given as scored achievements.
def row(mid, method, points, *, e2e=False, rate=50.0, cases=300):
    s = MeasureSubmission(mid, method, performance_rate=rate, eligible_population=cases,
                          data_completeness=100.0, end_to_end=e2e)
    minimum = 200 if mid == "458" else 20
    return s, t.MeasureAchievement(mid, method, t.SCORED, points, rate, cases, minimum, True)


# CAHPS for MIPS is only for groups with 25 or more clinicians (§4.1.1), so Table 5's entity has
# at least 25; its hypothetical scenario misses the readmission measure on the 200-case minimum.
MIPS_ENTITY = UnitContext(t.ENTITY, "OCM-1", 25, False)


def test_table_5_max_points_scenario():
    pairs = [
        row("370", "electronicHealthRecord", 10.0, e2e=True),  # first outcome: 0 bonus
        row("321", "certifiedSurveyVendor", 10.0),  # patient experience: 2
        row("047", "claims", 10.0),  # care coordination: 1
        row("238", "electronicHealthRecord", 10.0, e2e=True, rate=5.0),  # patient safety: 1
        row("236", "registry", 10.0, e2e=True),  # outcome: 2
        row("112", "claims", 10.0),
        row("475", "electronicHealthRecord", 6.0, e2e=True),  # not needed
        row("111", "claims", 5.0),  # not needed
        row("458", "administrativeClaims", 10.0),  # automatic 7th measure
    ]
    unit = score_unit_pairs(pairs, REF, MIPS_ENTITY)
    assert unit.available_points == 70
    assert unit.achievement_points == Decimal("70.0000")
    assert (unit.high_priority_bonus, unit.cehrt_bonus, unit.total_bonus) == (6, 4, 10)
    assert q4(unit.percent_score) == Decimal("114.2857")
    percent, weighted = total(unit, 10, requires_reporting=False)
    assert percent == Decimal("100.0000")
    assert weighted == Decimal("50.0000")
    not_needed = {m.measure_id for m in unit.measures if m.status == t.NOT_NEEDED}
    assert not_needed == {"475", "111"}


def test_table_5_hypothetical_scenario():
    pairs = [
        row("370", "electronicHealthRecord", 3.5, e2e=True),
        row("321", "certifiedSurveyVendor", 4.0),
        row("047", "claims", 3.0),
        row("238", "electronicHealthRecord", 4.0, e2e=True, rate=17.0),
        row("112", "claims", 3.0),  # not needed (lowest score)
        row("475", "electronicHealthRecord", 4.4, e2e=True),
        row("111", "claims", 3.5),
        row("458", "administrativeClaims", 5.0, cases=150),  # case minimum not met
    ]
    pairs[-1] = (pairs[-1][0], t.MeasureAchievement("458", "administrativeClaims",
                                                    t.EXCLUDED_CASE_MINIMUM, None, 15.0, 150,
                                                    200, True))
    unit = score_unit_pairs(pairs, REF, MIPS_ENTITY)
    _assert_table_5_hypothetical(unit)


def test_table_5_hypothetical_scenario_through_the_real_2020_benchmarks():
    def sub(mid, method, rate, e2e=False, **kw):
        return MeasureSubmission(mid, method, performance_rate=rate, eligible_population=300,
                                 data_completeness=90.0, end_to_end=e2e, **kw)

    subs = [
        sub("370", "electronicHealthRecord", 0.98, e2e=True),  # decile 3: 3.5
        MeasureSubmission("321", "certifiedSurveyVendor", external_points=4.0,
                          eligible_population=300),
        sub("047", "claims", 0.5),  # decile 2: 3-point floor
        sub("238", "electronicHealthRecord", 16.98, e2e=True),  # inverse, decile 4: 4.0
        sub("112", "claims", 1.0),  # decile 2: 3-point floor
        sub("475", "electronicHealthRecord", 7.19588, e2e=True),  # decile 4: 4.4
        sub("111", "claims", 20.875),  # decile 3: 3.5
        MeasureSubmission("458", "administrativeClaims", performance_rate=15.0,
                          eligible_population=150),
    ]
    unit = score_unit(subs, REF, MIPS_ENTITY)
    points = {m.measure_id: m.points for m in unit.measures}
    assert points == {"370": 3.5, "321": 4.0, "047": 3.0, "238": 4.0, "112": 3.0, "475": 4.4,
                      "111": 3.5, "458": None}
    _assert_table_5_hypothetical(unit)


def _assert_table_5_hypothetical(unit):
    assert unit.available_points == 60
    assert unit.achievement_points == Decimal("22.4000")
    assert (unit.high_priority_bonus, unit.cehrt_bonus, unit.total_bonus) == (4, 3, 7)
    assert unit.achievement_points + unit.total_bonus == Decimal("29.4000")
    assert unit.percent_score == Decimal("49.0000")
    percent, weighted = total(unit, 0, requires_reporting=False)
    assert percent == Decimal("99.0000")
    assert weighted == Decimal("49.5000")
    counted = sorted(m.measure_id for m in unit.measures if m.counted)
    assert len(counted) == 6 and "112" not in counted


def test_table_5_minimum_points_scenario():
    unit = score_unit([], REF, MIPS_ENTITY)
    assert unit.available_points == 60
    assert unit.achievement_points == Decimal("0.0000")
    assert unit.total_bonus == 0
    assert unit.percent_score == Decimal("0.0000")
    assert not unit.submitted_any  # so no improvement score applies
    percent, weighted = total(unit, 0, requires_reporting=False)
    assert percent == Decimal("50.0000")
    assert weighted == Decimal("25.0000")
