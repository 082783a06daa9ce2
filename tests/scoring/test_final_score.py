"""Category weights, reweighting and the final score formula (seed §2.4-§2.5)."""

from decimal import Decimal

import pytest

from scoring.engine import CategoryScores, WeightingError, final_score

D = Decimal


def test_final_score_formula_uses_quality_50_cost_0_ia_20_pi_30():
    res = final_score(CategoryScores(quality=D("76.5"), improvement_activities=D(100),
                                     promoting_interoperability=D(80), cost=D(90)), D(0))
    assert res.weights == {"quality": D("0.50"), "cost": D(0), "ia": D("0.20"),
                           "pi": D("0.30")}
    # (0.765 x 0.5 + 1.0 x 0.2 + 0.8 x 0.3) x 100 = 38.25 + 20 + 24
    assert res.final_score == D("82.2500")
    assert res.contributions["cost"] == 0


def test_the_complex_patient_bonus_is_added_after_weighting():
    res = final_score(CategoryScores(D("76.5"), D(100), D(80)), D("2.5"))
    assert res.final_score == D("84.7500")


def test_the_complex_patient_bonus_is_capped_at_5():
    res = final_score(CategoryScores(D(50), D(50), D(50)), D(7))
    assert res.complex_patient_bonus == D("5.0000")
    assert res.final_score == D("55.0000")


def test_the_final_score_is_capped_at_100():
    res = final_score(CategoryScores(D(100), D(100), D(100)), D(5))
    assert res.final_score == D("100.0000")
    assert any("capped at 100" in cap for cap in res.caps)


def test_promoting_interoperability_reweighted_gives_quality_80_and_ia_20():
    res = final_score(CategoryScores(D(90), D(100), None))
    assert (res.weights["quality"], res.weights["ia"], res.weights["pi"]) == (D("0.80"),
                                                                             D("0.20"), D(0))
    assert res.final_score == D("92.0000")


def test_quality_reweighted_gives_pi_75_and_ia_25():
    res = final_score(CategoryScores(None, D(100), D(60)))
    assert (res.weights["pi"], res.weights["ia"], res.weights["quality"]) == (D("0.75"),
                                                                             D("0.25"), D(0))
    assert res.final_score == D("70.0000")


def test_fewer_than_two_categories_scored_gives_the_45_point_performance_threshold():
    res = final_score(CategoryScores(None, D(100), None), D(5))
    assert res.rule == "performance_threshold"
    assert res.final_score == D("45.0000")
    assert res.categories_scored == 1
    assert final_score(CategoryScores(None, None, None)).final_score == D("45.0000")


def test_only_improvement_activities_reweighted_has_no_seed_weights():
    with pytest.raises(WeightingError):
        final_score(CategoryScores(D(80), None, D(80)))


def test_a_negative_complex_patient_bonus_is_refused():
    with pytest.raises(ValueError):
        final_score(CategoryScores(D(80), D(80), D(80)), D(-1))


def test_table_weights_give_the_tables_quality_contribution():
    # Table 3 hypothetical: 76.5 % quality x 0.5 = 38.25 points toward the final score.
    res = final_score(CategoryScores(D("76.5"), D(0), D(0)))
    assert res.contributions["quality"] == D("38.2500")
