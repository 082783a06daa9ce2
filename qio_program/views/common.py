"""What the QIO pages share beyond the core's view helpers: their page size, and ids read
from a query string."""

PER_PAGE = 25


def int_or_none(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None
