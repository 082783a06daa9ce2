"""The input checks every service shares: each refusal is a ValidationError naming its field
and the rule, so a page shows it on the field and the API answers 400 with it."""

from django.core.exceptions import ValidationError
from django.db import models


def require_text(value, field: str, message: str, max_length: int | None = None) -> str:
    """The stripped text of a required value; `message` when it is empty, the limit when it
    is longer than `max_length`. A non-text value (a number sent to the API) counts as its
    text."""
    text = "" if value is None else (value if isinstance(value, str) else str(value)).strip()
    if not text:
        raise ValidationError({field: message})
    return _within(text, field, max_length)


def optional_text(value, field: str, max_length: int) -> str:
    """The stripped text of an optional value ("" when absent), at most `max_length` long."""
    text = "" if value is None else (value if isinstance(value, str) else str(value)).strip()
    return _within(text, field, max_length)


def _within(text: str, field: str, max_length: int | None) -> str:
    if max_length is not None and len(text) > max_length:
        raise ValidationError({field: f"Use at most {max_length:,} characters."})
    return text


def require_filled(obj: models.Model, messages: dict[str, str]) -> None:
    """Before a step: every named field of `obj` holds a value; one error per empty field,
    with its message ({field: message})."""
    missing = {name: [message] for name, message in messages.items()
               if not str(getattr(obj, name) if getattr(obj, name) is not None else "").strip()}
    if missing:
        raise ValidationError(missing)
