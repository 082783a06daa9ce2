"""Calendar reads: the month grid (a table a keyboard and a screen reader can walk), the
upcoming list, and per-event counts."""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, QuerySet
from django.utils import timezone

from ..models import Event, EventSubscription
from .scope import events_for

SHOWN = (Event.Status.APPROVED, Event.Status.CANCELLED)


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def calendar_events(user, calendar_filter: str = "") -> QuerySet[Event]:
    """`calendar_filter`: "" every calendar the user sees, "public", or a group id."""
    qs = events_for(user).filter(status__in=SHOWN)
    if calendar_filter == "public":
        return qs.filter(group__isnull=True)
    if calendar_filter.isdigit():
        return qs.filter(group_id=int(calendar_filter))
    return qs


def month_grid(user, year: int, month: int, calendar_filter: str = "") -> list[list[Day]]:
    """Weeks (Sunday first, as US calendars are) of days with the events on each; an event
    spanning several days appears on each of them."""
    weeks = calendar.Calendar(firstweekday=calendar.SUNDAY).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    today = timezone.localdate()
    days = {d: Day(d, d.month == month, d == today) for week in weeks for d in week}
    rows = calendar_events(user, calendar_filter).filter(
        starts_at__lt=_local_midnight(last + timedelta(days=1)),
        ends_at__gt=_local_midnight(first)).order_by("starts_at", "id")
    for event in rows:
        start = max(timezone.localtime(event.starts_at).date(), first)
        # An event ending at midnight does not occupy the next day.
        end = timezone.localtime(event.ends_at - timedelta(microseconds=1)).date()
        day = start
        while day <= min(end, last):
            days[day].events.append(event)
            day += timedelta(days=1)
    return [[days[d] for d in week] for week in weeks]


def upcoming_events(user, *, limit: int | None = None, calendar_filter: str = ""):
    qs = calendar_events(user, calendar_filter).filter(
        status=Event.Status.APPROVED, ends_at__gte=timezone.now()).order_by("starts_at", "id")
    return qs[:limit] if limit else qs


def event_counts(event: Event) -> dict:
    counts = dict(event.subscriptions.values_list("kind").annotate(n=Count("id")))
    return {kind: counts.get(kind, 0) for kind in EventSubscription.Kind.values}
