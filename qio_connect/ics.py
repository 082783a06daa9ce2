"""An event as an iCalendar file (RFC 5545), so a user adds it to a personal calendar (seed 001:
"Can or how do they add events to their personal calendars?"). Written with the `icalendar`
package: it escapes TEXT values (§3.3.11), folds lines at 75 octets (§3.1) and ends them with
CRLF; times go out in UTC."""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vText
from icalendar import Event as CalendarEvent
from icalendar.parser import Contentline

from .models import Event


def escape_text(value: str) -> str:
    """A TEXT value as the file carries it (RFC 5545 §3.3.11)."""
    return vText(value or "").to_ical().decode("utf-8")


def fold(line: str) -> str:
    """One content line folded as the file carries it (RFC 5545 §3.1)."""
    return Contentline(line).to_ical().decode("utf-8")


def _host() -> str:
    return urlsplit(settings.PORTAL_BASE_URL).hostname or "portal.localhost"


def event_calendar(event: Event, *, url: str = "", now: datetime | None = None) -> str:
    location = event.location or event.online_url
    description = event.description
    if event.online_url:
        description = f"{description}\n\nJoin: {event.online_url}".strip()
    calendar = Calendar()
    for name, value in (("VERSION", "2.0"), ("PRODID", "-//CMS//QIO Connect//EN"),
                        ("CALSCALE", "GREGORIAN"), ("METHOD", "PUBLISH")):
        calendar.add(name, value)
    entry = CalendarEvent()
    entry.add("UID", f"qio-connect-event-{event.pk}@{_host()}")
    entry.add("DTSTAMP", (now or timezone.now()).astimezone(UTC))
    entry.add("DTSTART", event.starts_at.astimezone(UTC))
    entry.add("DTEND", event.ends_at.astimezone(UTC))
    entry.add("SEQUENCE", event.sequence)
    entry.add("STATUS", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    entry.add("SUMMARY", event.title)
    if description:
        entry.add("DESCRIPTION", description)
    if location:
        entry.add("LOCATION", location)
    if url:
        entry.add("URL", url)  # a URI value (§3.8.4.6), not TEXT: not backslash-escaped
    calendar.add_component(entry)
    return calendar.to_ical(sorted=False).decode("utf-8")
