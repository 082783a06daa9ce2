"""The business-day calendar over 2020-2030: weekends, federal holidays, observed dates."""

from datetime import date

import pytest

from qis_portal.business_days import (
    add_business_days,
    add_months,
    business_days_after_month_end,
    business_days_between,
    end_of_day,
    is_business_day,
)


@pytest.mark.parametrize(
    "day",
    [
        date(2020, 7, 3),    # Independence Day 2020 fell on a Saturday: observed Friday
        date(2021, 6, 18),   # first Juneteenth, on a Saturday: observed Friday
        date(2021, 12, 31),  # New Year's Day 2022 on a Saturday: observed the Friday before
        date(2022, 12, 26),  # Christmas 2022 on a Sunday: observed Monday
        date(2023, 1, 2),    # New Year's Day 2023 on a Sunday: observed Monday
        date(2024, 11, 28),  # Thanksgiving 2024
        date(2026, 7, 3),    # Independence Day 2026 on a Saturday: observed Friday
        date(2027, 6, 18),   # Juneteenth 2027 on a Saturday: observed Friday
        date(2028, 12, 25),  # Christmas 2028, a Monday
        date(2030, 1, 21),   # Martin Luther King Jr. Day 2030
    ],
)
def test_observed_federal_holidays_are_not_business_days(day):
    assert day.weekday() < 5
    assert not is_business_day(day)


def test_weekends_are_not_business_days_and_plain_weekdays_are():
    assert not is_business_day(date(2025, 3, 8))  # Saturday
    assert not is_business_day(date(2025, 3, 9))  # Sunday
    assert is_business_day(date(2025, 3, 10))


def test_every_year_2020_to_2030_has_ten_or_eleven_weekday_holidays():
    for year in range(2020, 2031):
        weekdays = [date.fromordinal(o) for o in range(date(year, 1, 1).toordinal(),
                                                       date(year, 12, 31).toordinal() + 1)]
        off = [d for d in weekdays if d.weekday() < 5 and not is_business_day(d)]
        # 10 holidays before Juneteenth (2021), 11 after; an observed New Year's Day can fall
        # in the December before, so a year can show one more or one fewer.
        assert 9 <= len(off) <= 12, (year, off)


def test_five_business_days_skip_the_weekend():
    assert add_business_days(date(2025, 3, 7), 5) == date(2025, 3, 14)  # Friday -> Friday


def test_five_business_days_skip_thanksgiving():
    # Submitted Wednesday 2024-11-27: Thu 28 is Thanksgiving, so 29, Dec 2, 3, 4, 5.
    assert add_business_days(date(2024, 11, 27), 5) == date(2024, 12, 5)


def test_a_friday_before_a_monday_holiday_counts_from_tuesday():
    # Friday 2025-01-17, Monday 2025-01-20 is Martin Luther King Jr. Day.
    assert add_business_days(date(2025, 1, 17), 1) == date(2025, 1, 21)
    assert add_business_days(date(2025, 1, 17), 5) == date(2025, 1, 27)


def test_zero_business_days_lands_on_the_next_business_day():
    assert add_business_days(date(2025, 7, 4), 0) == date(2025, 7, 7)
    assert add_business_days(date(2025, 7, 7), 0) == date(2025, 7, 7)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_business_days(date(2025, 1, 1), -1)


def test_business_days_between_counts_the_end_but_not_the_start():
    assert business_days_between(date(2025, 3, 7), date(2025, 3, 14)) == 5
    assert business_days_between(date(2025, 3, 14), date(2025, 3, 7)) == -5
    assert business_days_between(date(2025, 3, 7), date(2025, 3, 7)) == 0
    # Over Christmas and New Year 2025/2026
    assert business_days_between(date(2025, 12, 24), date(2026, 1, 2)) == 5


def test_five_business_days_after_the_end_of_the_month():
    # November 2024 ends Saturday the 30th: Dec 2, 3, 4, 5, 6.
    assert business_days_after_month_end(2024, 11, 5) == date(2024, 12, 6)
    # December 2025 ends Wednesday the 31st; Jan 1 is a holiday: Jan 2, 5, 6, 7, 8.
    assert business_days_after_month_end(2025, 12, 5) == date(2026, 1, 8)
    # June 2027 ends Wednesday; July 2027: 1, 2, (3 Sat, 4 Sun, 5 observed holiday) 6, 7, 8.
    assert business_days_after_month_end(2027, 6, 5) == date(2027, 7, 8)
    # February 2028 is a leap month ending Tuesday the 29th: Mar 1, 2, 3, 6, 7.
    assert business_days_after_month_end(2028, 2, 5) == date(2028, 3, 7)


def test_add_months_clamps_to_the_end_of_a_shorter_month():
    assert add_months(date(2024, 11, 1), 9) == date(2025, 8, 1)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 1), 16) == date(2026, 3, 1)


def test_a_deadline_day_ends_at_midnight_eastern():
    due = end_of_day(date(2025, 1, 27))
    assert (due.hour, due.minute, due.second) == (23, 59, 59)
    assert due.utcoffset().total_seconds() == -5 * 3600  # EST in January
