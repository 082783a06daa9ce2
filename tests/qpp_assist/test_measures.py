"""How success is measured (seed 004): 1 business day for QIN-QIO: QPP, 75 % reach for
QPP-SURS. Pure arithmetic."""

from decimal import Decimal

import pytest

from qpp_assist.measures import (
    QIN_QIO_RESPONSE_BUSINESS_DAYS,
    SURS_REACH_GOAL_PERCENT,
    Reach,
    is_surs_practice,
    response_distribution,
    within,
)


def test_the_seed_s_numbers():
    assert QIN_QIO_RESPONSE_BUSINESS_DAYS == 1
    assert SURS_REACH_GOAL_PERCENT == 75


@pytest.mark.parametrize(("reached", "total", "met", "percent", "needed"), [
    (3, 4, True, Decimal("75.0"), 0),      # exactly 75 %: “at least 75%” is met
    (75, 100, True, Decimal("75.0"), 0),
    (74, 100, False, Decimal("74.0"), 1),
    (2, 3, False, Decimal("66.7"), 1),     # 2.25 practices needed: 3
    (0, 0, False, Decimal("0.0"), 0),      # no SURS practices: nothing to meet
    (4, 4, True, Decimal("100.0"), 0),
    (5, 7, False, Decimal("71.4"), 1),     # 5.25 needed: 6
])
def test_reach_against_the_75_percent_goal(reached, total, met, percent, needed):
    reach = Reach(reached=reached, total=total)
    assert (reach.met, reach.percent, reach.still_needed) == (met, percent, needed)


@pytest.mark.parametrize(("size", "advanced", "ptn", "surs"), [
    (15, False, False, True), (16, False, False, False), (1, False, False, True),
    (10, True, False, False), (10, False, True, False),
])
def test_a_surs_practice_is_small_and_outside_advanced_apms_and_ptns(size, advanced, ptn, surs):
    assert is_surs_practice(group_size=size, advanced_apm=advanced, ptn_enrolled=ptn) is surs


def test_response_times_fall_into_business_day_buckets_with_five_or_more_together():
    rows = response_distribution([0, 0, 1, 2, 5, 9, 1])
    assert [row["count"] for row in rows] == [2, 2, 1, 0, 0, 2]
    assert rows[0]["label"] == "Same business day"
    assert rows[-1]["label"] == "5 or more business days"


def test_within_one_business_day_counts_the_same_day_and_the_next():
    assert within([0, 1, 2, 3]) == (2, 4)
    assert within([]) == (0, 0)
