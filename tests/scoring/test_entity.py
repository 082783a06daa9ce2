"""Entity-level scoring and the TIN/NPI roll-up from real submissions (seed §4.2.6)."""

from decimal import Decimal
from pathlib import Path

import pytest

from scoring.engine import (
    EntityQualityInput,
    LeveledSubmission,
    MeasureSubmission,
    Participant,
    load_reference_from_package,
    score_entity_quality,
)
from scoring.engine import types as t

PACKAGE = Path(__file__).resolve().parents[2] / "node_modules" / "qpp-measures-data"
REF = load_reference_from_package(PACKAGE)
TIN_A, TIN_B = "111111111", "222222222"
NPIS_A = ("1000000001", "1000000002")
NPIS_B = ("2000000001", "2000000002")
PARTICIPANTS = (Participant(TIN_A, NPIS_A), Participant(TIN_B, NPIS_B))
TOP_SIX = ("047", "110", "112", "113", "226", "134")  # registry, 100 % -> decile 10


def top(mid, rate=100.0):
    return MeasureSubmission(mid, "registry", performance_rate=rate, eligible_population=100,
                             data_completeness=80.0)


def entity(submissions, *, requires=False, prior=None, count=None, small=False):
    return EntityQualityInput("E-1", requires, PARTICIPANTS, tuple(submissions),
                              clinician_count=count, small_practice=small,
                              prior_achievement_percent=prior)


def test_entity_level_reporting_scores_one_unit_and_adds_the_credit():
    subs = [LeveledSubmission(t.ENTITY, top(m, 100.0 if m != "226" else 0.0))
            for m in TOP_SIX]
    q = score_entity_quality(entity(subs), REF)
    assert q.reporting_level == "entity"
    unit = q.units[0]
    assert unit.available_points == 60
    assert q.quality_reporting_credit == Decimal(50)
    assert q.percent_score == min(Decimal(100), unit.percent_score + 50)


def test_entity_level_submissions_take_precedence_over_tin_submissions():
    subs = [LeveledSubmission(t.ENTITY, top("047")),
            LeveledSubmission(t.TIN, top("110"), tin=TIN_A)]
    q = score_entity_quality(entity(subs), REF)
    assert q.reporting_level == "entity"
    assert "not used" in q.notes[0]


def test_tin_npi_roll_up_averages_the_higher_score_per_clinician():
    subs = [LeveledSubmission(t.TIN, top(m), tin=TIN_A) for m in TOP_SIX[:3]]  # 30 / 60
    subs += [LeveledSubmission(t.NPI, top(m), tin=TIN_A, npi=NPIS_A[0]) for m in TOP_SIX]
    q = score_entity_quality(entity(subs, requires=True), REF)
    assert q.reporting_level == "tin_npi"
    scores = {cs.npi: (cs.score, cs.source) for cs in q.clinicians}
    assert scores[NPIS_A[0]][1] == "npi"
    assert scores[NPIS_A[1]][1] == "tin"
    assert scores[NPIS_B[0]] == (Decimal("0.0000"), "none")
    expected = sum(s for s, _ in scores.values()) / 4
    assert q.achievement_score == expected.quantize(Decimal("0.0001"))
    assert q.quality_reporting_credit == 0


def test_the_readmission_measure_is_never_scored_for_an_individual():
    subs = [LeveledSubmission(t.NPI, MeasureSubmission("458", "administrativeClaims",
                                                       performance_rate=10.0,
                                                       eligible_population=500),
                              tin=TIN_A, npi=NPIS_A[0])]
    q = score_entity_quality(entity(subs), REF)
    row = next(m for m in q.units[0].measures if m.measure_id == "458")
    assert row.status == t.NOT_APPLICABLE


def test_the_improvement_score_is_added_after_the_roll_up():
    subs = [LeveledSubmission(t.TIN, top(m), tin=TIN_A) for m in TOP_SIX]
    q = score_entity_quality(entity(subs, requires=True, prior=Decimal(40)), REF)
    # Two of four clinicians at 100 % achievement: average 50 %; (50 - 40) / 40 x 10 = 2.5.
    assert q.improvement.current_percent == Decimal("50.0000")
    assert q.improvement.score == Decimal("2.5000")
    assert q.percent_score == q.achievement_score + Decimal("2.5")


def test_nothing_reported_scores_the_entity_at_zero_plus_credit():
    q = score_entity_quality(entity([]), REF)
    assert q.reporting_level == "entity"
    assert q.achievement_score == 0
    assert not q.improvement.applied
    assert q.percent_score == Decimal("50.0000")


def test_submissions_from_outside_the_participation_list_are_refused():
    subs = [LeveledSubmission(t.TIN, top("047"), tin="999999999")]
    with pytest.raises(ValueError, match="participation list"):
        score_entity_quality(entity(subs), REF)


def test_small_practice_defaults_from_the_entity_clinician_count():
    subs = [LeveledSubmission(t.ENTITY, top("047"))]
    small = score_entity_quality(entity(subs, small=None), REF)  # 4 TIN/NPIs
    assert small.units[0].small_practice_bonus == 6
    large = score_entity_quality(entity(subs, small=None, count=16), REF)
    assert large.units[0].small_practice_bonus == 0
