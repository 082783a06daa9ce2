"""Quality improvement score (seed §4.2.4)."""

from decimal import Decimal

from scoring.engine import improvement_score
from scoring.engine.rounding import q4


def test_improvement_is_the_relative_increase_times_10_percent():
    res = improvement_score(Decimal(60), Decimal(50))
    assert res.applied
    assert res.score == Decimal("2.0000")  # (60 - 50) / 50 x 10 %


def test_a_prior_score_of_30_percent_or_less_is_compared_as_30_percent():
    low = improvement_score(Decimal(45), Decimal(12))
    assert low.prior_used == Decimal(30)
    assert low.score == Decimal("5.0000")  # (45 - 30) / 30 x 10 %
    assert improvement_score(Decimal(45), Decimal(30)).score == Decimal("5.0000")
    assert "counted as 30 %" in low.sentence


def test_improvement_is_capped_at_10_percentage_points():
    res = improvement_score(Decimal(100), Decimal(40))  # 15 uncapped
    assert res.score == Decimal("10.0000")
    assert res.caps


def test_improvement_cannot_be_negative():
    res = improvement_score(Decimal(40), Decimal(80))
    assert res.score == Decimal("0.0000")
    assert res.caps


def test_without_a_prior_score_no_improvement_applies():
    res = improvement_score(Decimal(70), None)
    assert not res.applied and res.score == 0
    assert "no comparable prior-year" in res.sentence


def test_without_submissions_this_year_no_improvement_applies():
    res = improvement_score(Decimal(0), Decimal(50), submitted=False)
    assert not res.applied and res.score == 0


def test_improvement_is_exact_and_rounded_once_when_shown():
    res = improvement_score(Decimal(50), Decimal(45))  # 1.11111...
    assert res.score == Decimal(5) / Decimal(45) * 10
    assert q4(res.score) == Decimal("1.1111")
    assert "Improvement score 1.1111 percentage points" in res.sentence
    assert q4(improvement_score(Decimal("40.00015"), Decimal(40)).score) == Decimal("0.0000")
