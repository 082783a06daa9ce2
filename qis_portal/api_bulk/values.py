"""Values from `.values()` written exactly as the DRF fields of the serializers write them, so a
list built from plain rows is the page a serializer would give, value for value."""

from datetime import date, datetime

from django.utils import timezone


def iso_datetime(value: datetime | None) -> str | None:
    """DRF's DateTimeField: in the current time zone, ISO 8601, UTC spelled `Z`."""
    if value is None:
        return None
    text = value.astimezone(timezone.get_current_timezone()).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
