"""Parsing and limits of single values, the same for forms, the API and the submit service.

Every message names the element (its number on the paper and what it is) and the rule broken.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from qis_portal.regions import STATE_NAMES
from submissions import elements as k
from submissions.elements import Element

STATES = frozenset(STATE_NAMES)
_MONTH = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{4})\s*$")
_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_US_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
MAX_DECIMAL_PLACES = 4


class FieldError(Exception):
    """One value breaks one rule; the message names the element and the rule."""


def count_words(text: str) -> int:
    """Words as the seed counts them (seed 002: "Word limits are words, not characters")."""
    return len(text.split())


def normalize_text(value) -> str:
    """Form posts send CRLF; the browser's counter counts one character per line break."""
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def is_blank(value) -> bool:
    return value is None or value == "" or value == [] or value is False


def blank_value(element: Element):
    if element.kind == k.MULTI:
        return []
    if element.kind == k.CONFIRM:
        return False
    if element.kind == k.COUNT:
        return None
    return ""


def parse_decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise InvalidOperation
    text = str(value).strip().replace(",", "")
    number = Decimal(text)
    if not number.is_finite():
        raise InvalidOperation
    return number


def format_decimal(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def month_key(value: str) -> tuple[int, int]:
    """"MM/YYYY" → (year, month), for ordering periods."""
    month, year = value.split("/")
    return int(year), int(month)


def clean_value(element: Element, value):
    """Parse one raw value (a form string or an API JSON value) into its stored form.

    Raises FieldError with the element named. Blank values are returned as the kind's blank.
    """
    if isinstance(value, dict):
        raise FieldError(f"{element.code}: give a single value, not an object.")
    if element.kind == k.MULTI:
        return _clean_multi(element, value)
    if element.kind == k.CONFIRM:
        return _clean_confirm(element, value)
    if isinstance(value, list):
        raise FieldError(f"{element.code}: give a single value, not a list.")
    if value is None or (isinstance(value, str) and not value.strip()):
        return blank_value(element)
    parser = _PARSERS.get(element.kind, _clean_text)
    return parser(element, value)


def _clean_text(element: Element, value) -> str:
    if isinstance(value, bool):
        raise FieldError(f"{element.code}: give text, not true or false.")
    text = normalize_text(value)
    if element.max_chars and len(text) > element.max_chars:
        raise FieldError(f"{element.code}: {len(text):,} characters; the limit is "
                         f"{element.max_chars:,} characters.")
    if element.max_words:
        words = count_words(text)
        if words > element.max_words:
            raise FieldError(f"{element.code}: {words:,} words; the limit is "
                             f"{element.max_words:,} words.")
    return text


def _clean_multi(element: Element, value) -> list[str]:
    if value is None or value == "":
        return []
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list | tuple):
        raise FieldError(f"{element.code}: give a list of choices.")
    allowed = [code for code, _ in element.choices]
    unknown = [str(v) for v in values if v not in allowed]
    if unknown:
        raise FieldError(f"{element.code}: “{', '.join(unknown)}” is not one of the choices "
                         f"({', '.join(allowed)}).")
    return [code for code in allowed if code in values]


def _clean_confirm(element: Element, value) -> bool:
    if isinstance(value, bool):
        return value
    if value in (None, "", 0, "0", "false", "False", "off"):
        return False
    if value in (1, "1", "true", "True", "on"):
        return True
    raise FieldError(f"{element.code}: answer true or false.")


def _clean_choice(element: Element, value) -> str:
    allowed = [code for code, _ in element.choices]
    if value not in allowed:
        raise FieldError(f"{element.code}: choose one of {', '.join(allowed)}.")
    return value


def _clean_decimal(element: Element, value) -> str:
    text = str(value).strip()
    if element.kind == k.PERCENT:
        text = text.rstrip("%").strip()
    if element.key.endswith("_target") and text[:1] in "+-":
        raise FieldError(f"{element.code}: give the target rate (%) or data point itself, not "
                         "a percentage change (no + or − sign).")
    try:
        number = parse_decimal(text)
    except (InvalidOperation, ValueError):
        raise FieldError(f"{element.code}: “{text}” is not a number.") from None
    if -number.as_tuple().exponent > MAX_DECIMAL_PLACES:
        raise FieldError(f"{element.code}: use at most {MAX_DECIMAL_PLACES} decimal places.")
    if element.kind == k.PERCENT and not Decimal(0) <= number <= Decimal(100):
        raise FieldError(f"{element.code}: a percentage must be between 0 and 100.")
    return format_decimal(number)


def _clean_count(element: Element, value) -> int:
    if isinstance(value, bool):
        raise FieldError(f"{element.code}: give a whole number.")
    text = str(value).strip().replace(",", "")
    if not text.isdigit():
        raise FieldError(f"{element.code}: “{value}” is not a whole number of 0 or more.")
    number = int(text)
    if number > 10**12:
        raise FieldError(f"{element.code}: the number is too large.")
    return number


def _clean_month(element: Element, value) -> str:
    text = str(value)
    match = _MONTH.match(text)
    if match:
        month, year = int(match.group(1)), int(match.group(2))
    elif (iso := _ISO_MONTH.match(text)) is not None:
        year, month = int(iso.group(1)), int(iso.group(2))
    else:
        raise FieldError(f"{element.code}: give the month and year as MM/YYYY (for example "
                         "01/2024).")
    if not 1 <= month <= 12 or not 1990 <= year <= 2100:
        raise FieldError(f"{element.code}: “{text.strip()}” is not a real month (MM/YYYY).")
    return f"{month:02d}/{year}"


def parse_date(text: str) -> date | None:
    match = _US_DATE.match(text)
    try:
        if match:
            return date(int(match.group(3)), int(match.group(1)), int(match.group(2)))
        iso = _ISO_DATE.match(text)
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    except ValueError:
        return None
    return None


def _clean_date(element: Element, value) -> str:
    parsed = parse_date(str(value))
    if parsed is None or not 1900 <= parsed.year <= 2100:
        raise FieldError(f"{element.code}: give a real date as mm/dd/yyyy (for example "
                         "01/15/2024).")
    return parsed.isoformat()


def _clean_email(element: Element, value) -> str:
    text = _clean_text(element, value)
    try:
        validate_email(text)
    except ValidationError:
        raise FieldError(f"{element.code}: “{text}” is not an email address.") from None
    return text.lower()


def _clean_phone(element: Element, value) -> str:
    text = _clean_text(element, value)
    digits = re.sub(r"\D", "", text)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        raise FieldError(f"{element.code}: give a 10-digit phone number (for example "
                         "916-555-0100); put an extension in Ext.")
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def _clean_digits(element: Element, value) -> str:
    if isinstance(value, bool):
        raise FieldError(f"{element.code}: give digits.")
    text = str(value).strip()
    if element.digits:
        if not (text.isascii() and text.isdigit() and len(text) == element.digits):
            raise FieldError(f"{element.code}: must be exactly {element.digits} digits "
                             f"(you entered “{text}”).")
    elif not (text.isascii() and text.isdigit()) or len(text) > (element.max_chars or 10):
        raise FieldError(f"{element.code}: digits only, at most {element.max_chars} of them.")
    return text


def _clean_state(element: Element, value) -> str:
    text = str(value).strip().upper()
    if text not in STATES:
        raise FieldError(f"{element.code}: give the two-letter postal code of a state or "
                         "territory (for example CA).")
    return text


_PARSERS = {
    k.TEXT: _clean_text, k.TEXTAREA: _clean_text, k.CHOICE: _clean_choice,
    k.YESNO: _clean_choice, k.DECIMAL: _clean_decimal, k.PERCENT: _clean_decimal,
    k.COUNT: _clean_count, k.MONTH: _clean_month, k.DATE: _clean_date, k.EMAIL: _clean_email,
    k.PHONE: _clean_phone, k.DIGITS: _clean_digits, k.STATE: _clean_state,
}


def display_value(element: Element, value) -> str:
    """How a stored value reads on the page, the print view, the PDF and the CSV."""
    if is_blank(value) and element.kind != k.CONFIRM:
        return ""
    if element.kind == k.MULTI:
        labels = dict(element.choices)
        return "; ".join(labels.get(v, v) for v in value)
    if element.kind in (k.CHOICE, k.YESNO):
        return dict(element.choices).get(value, value)
    if element.kind == k.CONFIRM:
        return "Yes" if value else "No"
    if element.kind == k.DATE:
        parsed = parse_date(str(value))
        return parsed.strftime("%m/%d/%Y") if parsed else str(value)
    if element.kind == k.PERCENT:
        return f"{value} %"
    return str(value)


def form_value(element: Element, value):
    """The value to put back into an input (dates as mm/dd/yyyy, as the user typed them)."""
    if element.kind == k.DATE and value:
        parsed = parse_date(str(value))
        return parsed.strftime("%m/%d/%Y") if parsed else value
    if element.kind == k.COUNT and value is None:
        return ""
    return value
