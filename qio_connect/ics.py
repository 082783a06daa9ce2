"""An event as an iCalendar file (RFC 5545), so a user adds it to a personal calendar (seed 001:
"Can or how do they add events to their personal calendars?"). Written here rather than with a
library: TEXT values escaped (§3.3.11), lines folded at 75 octets (§3.1), CRLF line endings."""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from .models import Event

CRLF = "\r\n"
MAX_OCTETS = 75


def escape_text(value: str) -> str:
    """RFC 5545 §3.3.11: backslash, semicolon and comma escaped; every line break as \\n."""
    value = (value or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """RFC 5545 §3.1: lines longer than 75 octets continue on a line starting with a space,
    never splitting a multi-octet UTF-8 character."""
    parts, current, size = [], "", 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size = " ", 1
            limit = MAX_OCTETS
        current += char
        size += width
    parts.append(current)
    return CRLF.join(parts)


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    return urlsplit(settings.PORTAL_BASE_URL).hostname or "portal.localhost"


def event_calendar(event: Event, *, url: str = "", now: datetime | None = None) -> str:
    status = "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED"
    location = event.location or event.online_url
    description = event.description
    if event.online_url:
        description = f"{description}\n\nJoin: {event.online_url}".strip()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//CMS//QIO Connect//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:qio-connect-event-{event.pk}@{_host()}",
        f"DTSTAMP:{utc_stamp(now or timezone.now())}",
        f"DTSTART:{utc_stamp(event.starts_at)}",
        f"DTEND:{utc_stamp(event.ends_at)}",
        f"SEQUENCE:{event.sequence}",
        f"STATUS:{status}",
        f"SUMMARY:{escape_text(event.title)}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if url:
        # URL is a URI value (§3.8.4.6), not TEXT: it is not backslash-escaped.
        lines.append(f"URL:{url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return CRLF.join(fold(line) for line in lines) + CRLF
