"""The one business-day calendar: weekends and US federal holidays with observed dates.

Holidays come from the `holidays` package (federal holidays, observed=True), never retyped.
Every "N business days" rule of the portal goes through this module.
"""

import calendar
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

# CMS is in Baltimore: a deadline day ends at midnight Eastern.
DEADLINE_TZ = ZoneInfo("America/New_York")


@lru_cache(maxsize=64)
def _federal_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("US", years=year, observed=True).keys())


def federal_holiday_name(day: date) -> str | None:
    return holidays.country_holidays("US", years=day.year, observed=True).get(day)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _federal_holidays(day.year)


def add_business_days(start: date, days: int) -> date:
    """The date `days` business days after `start` (start itself never counts; days >= 0).

    With days == 0 the answer is `start` if it is a business day, else the next one.
    """
    if days < 0:
        raise ValueError("days must be zero or more")
    current = start
    if days == 0:
        while not is_business_day(current):
            current += timedelta(days=1)
        return current
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_business_day(current):
            remaining -= 1
    return current


def business_days_between(start: date, end: date) -> int:
    """Business days after `start` up to and including `end`; negative when end < start."""
    if end < start:
        return -business_days_between(end, start)
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_business_day(current):
            count += 1
    return count


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def business_days_after_month_end(year: int, month: int, days: int) -> date:
    """E.g. the monthly status report: due 5 business days after the end of the month."""
    return add_business_days(month_end(year, month), days)


def end_of_day(day: date) -> datetime:
    """The last moment of `day` in Eastern time, as an aware datetime (stored as `due_at`)."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=DEADLINE_TZ)


def add_months(day: date, months: int) -> date:
    """Same day `months` later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
