"""The suite never reads the real date: every test, and every module's fixtures, start at
SUITE_NOW (tests/support/clock.py), whatever the calendar says and however slow the run."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.support.clock import SUITE_NOW

SLACK = timedelta(seconds=30)


@pytest.fixture(scope="module")
def module_started_at():
    return timezone.now()


def test_each_test_starts_at_the_suite_instant():
    assert abs(timezone.now() - SUITE_NOW) < SLACK
    assert date.today() == SUITE_NOW.astimezone().date()


def test_a_test_that_moves_the_clock_does_not_move_the_next_one(suite_clock):
    suite_clock.shift(timedelta(hours=5))
    assert timezone.now() - SUITE_NOW > timedelta(hours=4)


def test_the_next_test_is_back_at_the_suite_instant():
    assert abs(timezone.now() - SUITE_NOW) < SLACK


def test_module_fixtures_start_at_the_suite_instant(module_started_at):
    assert abs(module_started_at - SUITE_NOW) < SLACK


def test_the_clock_runs_within_a_test():
    first = timezone.now()
    while timezone.now() == first:
        pass
    assert timezone.now() > first
