"""Measure-set selection: best six, the readmission 7th, the Web Interface set (seed §4.1-§4.3)."""

from decimal import Decimal
from pathlib import Path

from scoring.engine import MeasureSubmission, UnitContext, load_reference_from_package, score_unit
from scoring.engine import types as t
from scoring.engine.measure_set import score_unit_pairs

PACKAGE = Path(__file__).resolve().parents[2] / "node_modules" / "qpp-measures-data"
REF = load_reference_from_package(PACKAGE)
GROUP = UnitContext(t.TIN, "123456789", 20, False)


def reg(mid, rate, method="registry", **kw):
    return MeasureSubmission(mid, method, performance_rate=rate, eligible_population=100,
                             data_completeness=80.0, **kw)


def test_only_the_best_six_measures_count():
    subs = [reg(m, 100.0) for m in ("047", "110", "112", "113", "226", "134")]
    subs.append(reg("438", 0.0))  # a 3-point floor measure
    unit = score_unit(subs, REF, GROUP)
    assert unit.available_points == 60
    assert unit.achievement_points == Decimal("60.0000")
    extra = next(m for m in unit.measures if m.measure_id == "438")
    assert extra.status == t.NOT_NEEDED and not extra.counted


def test_fewer_than_six_measures_still_leave_60_available_points():
    unit = score_unit([reg("047", 100.0), reg("110", 100.0)], REF, GROUP)
    assert unit.available_points == 60
    assert unit.achievement_points == Decimal("20.0000")
    assert "4 of the 6 required measures not reported" in unit.notes[0]


def test_a_measure_reported_by_two_collection_types_counts_once_with_its_best_score():
    unit = score_unit([reg("047", 100.0), reg("047", 100.0, method="claims")], REF, GROUP)
    kept = [m for m in unit.measures if m.counted]
    assert [(m.measure_id, m.submission_method, m.points) for m in kept] == [
        ("047", "registry", 10.0)]
    claims = next(m for m in unit.measures if m.submission_method == "claims")
    assert claims.status == t.SUPERSEDED  # 7 points: topped out by program


def _readmission_pair(points, cases=300):
    s = MeasureSubmission("458", "administrativeClaims", performance_rate=12.0,
                          eligible_population=cases)
    a = t.MeasureAchievement("458", "administrativeClaims", t.SCORED, points, 12.0, cases, 200,
                             True, decile=8)
    return s, a


def test_readmission_is_an_automatic_seventh_measure_for_16_or_more_clinicians():
    pairs = [(s, _ach(s)) for s in (reg(m, 100.0) for m in ("047", "110", "112"))]
    pairs.append(_readmission_pair(8.0))
    unit = score_unit_pairs(pairs, REF, UnitContext(t.ENTITY, "E", 16, False))
    assert unit.available_points == 70
    assert unit.achievement_points == Decimal("38.0000")
    small = score_unit_pairs(pairs, REF, UnitContext(t.ENTITY, "E", 15, False))
    assert small.available_points == 60
    row = next(m for m in small.measures if m.measure_id == "458")
    assert row.status == t.NOT_APPLICABLE and "fewer than 16 clinicians" in row.reason


def _ach(s):
    from scoring.engine import score_submission

    return score_submission(s, REF)


def test_with_the_2020_files_the_readmission_measure_is_excluded_for_lack_of_benchmark():
    subs = [reg("047", 100.0), MeasureSubmission("458", "administrativeClaims",
                                                 performance_rate=12.0, eligible_population=300)]
    unit = score_unit(subs, REF, UnitContext(t.ENTITY, "E", 30, False))
    assert unit.available_points == 60
    row = next(m for m in unit.measures if m.measure_id == "458")
    assert row.status == t.EXCLUDED_NO_BENCHMARK
    assert "no 2020 benchmark for measure 458 by submission method administrativeClaims" in (
        row.sentence)


def test_a_missing_readmission_measure_is_noted_for_large_units():
    unit = score_unit([reg("047", 100.0)], REF, UnitContext(t.ENTITY, "E", 30, False))
    assert any("458" in n for n in unit.notes)


def test_web_interface_measures_not_reported_earn_zero_of_ten_or_are_excluded():
    subs = [MeasureSubmission("110", "cmsWebInterface", performance_rate=95.0,
                              eligible_population=300, data_completeness=100.0)]
    unit = score_unit(subs, REF, UnitContext(t.ENTITY, "ACO", 30, False))
    assert unit.measure_set == t.WEB_INTERFACE_SET
    statuses = {m.measure_id: m.status for m in unit.measures}
    assert statuses["001"] == t.NOT_REPORTED
    assert statuses["370"] == t.EXCLUDED_NO_BENCHMARK
    assert unit.available_points == 70  # seven Web Interface measures with 2020 benchmarks
    assert unit.achievement_points == Decimal("10.0000")


def test_when_both_sets_are_reported_the_higher_percent_score_is_used():
    wi = [MeasureSubmission("110", "cmsWebInterface", performance_rate=95.0,
                            eligible_population=300, data_completeness=100.0)]
    others = [reg(m, 100.0) for m in ("047", "110", "112", "113", "226", "134")]
    unit = score_unit(wi + others, REF, UnitContext(t.ENTITY, "E", 30, False))
    assert unit.measure_set == t.OTHER_SET
    assert unit.percent_score == Decimal("100.0000")
    assert any("Both measure sets scored" in n for n in unit.notes)


def test_every_measure_carries_a_sentence_with_its_reason():
    unit = score_unit([reg("047", 76.9231), reg("370", 20.0)], REF, GROUP)
    for m in unit.measures:
        assert m.sentence.startswith(f"Measure {m.measure_id} via {m.submission_method}")
    first = next(m for m in unit.measures if m.measure_id == "047")
    assert first.decile == 5 and "decile 5" in first.sentence
