"""Keyset ("next page") pagination for the browser lists: no COUNT(*), no OFFSET.

At 100,000 providers an OFFSET page and a total count both read the whole table; a keyset page
reads `per_page + 1` rows from an index, whatever page it is. The cursor is an opaque token of
the last row's sort values; a token that does not decode is treated as the first page.
"""

import base64
import json
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet


@dataclass
class KeysetPage:
    object_list: list
    next_cursor: str | None
    previous_cursor: str | None

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def _encode(values: list, direction: str) -> str:
    plain = [v.isoformat() if isinstance(v, date) else v for v in values]
    raw = json.dumps({"v": plain, "d": direction}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(token: str | None, size: int) -> tuple[list, str] | None:
    if not token or len(token) > 1000:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        values, direction = data["v"], data["d"]
    except (ValueError, KeyError, TypeError):
        return None
    if (not isinstance(values, list) or len(values) != size or direction not in ("n", "p")
            or not all(isinstance(v, str | int | float) and not isinstance(v, bool)
                       for v in values)):
        return None
    return values, direction


def _after(keys: list[tuple[str, bool]], values: list, forward: bool) -> Q:
    """Rows strictly after `values` in the (possibly mixed-direction) key order."""
    condition = Q()
    for index, (field, descending) in enumerate(keys):
        greater = descending != forward  # ascending and forward: "gt"
        step = Q(**{f"{field}__{'gt' if greater else 'lt'}": values[index]})
        for prior in range(index):
            step &= Q(**{keys[prior][0]: values[prior]})
        condition |= step
    return condition


def keyset_page(queryset: QuerySet, *, ordering: list[str], cursor: str | None,
                per_page: int = 25, any_of: list[Q] | None = None) -> KeysetPage:
    """One page of `queryset` ordered by `ordering` (the last key must be unique, e.g. "id").

    `any_of`: the rows are those of `queryset` matching any of these conditions. An OR of
    conditions on different columns ("assigned to me, or to one of my groups") defeats every
    index, so the database would sort all matching rows for each page. Instead each condition
    reads its own next `per_page + 1` ids from its index, and the page is the first of their
    union: one short query per condition and one for the rows.
    """
    keys = [(name.lstrip("-"), name.startswith("-")) for name in ordering]
    decoded = _decode(cursor, len(keys))
    forward = True
    qs = queryset
    if decoded is not None:
        values, direction = decoded
        try:
            qs = queryset.filter(_after(keys, values, direction == "n"))
            forward = direction == "n"
        except (ValidationError, ValueError, TypeError):  # a forged token: the first page
            decoded = None
    order = ordering if forward else [
        (name[1:] if name.startswith("-") else f"-{name}") for name in ordering]
    if any_of is not None:
        ids = set()
        for condition in any_of:
            ids.update(qs.filter(condition).order_by(*order)
                       .values_list("pk", flat=True)[: per_page + 1])
        qs = qs.filter(pk__in=ids)
    rows = list(qs.order_by(*order)[: per_page + 1])
    more = len(rows) > per_page
    rows = rows[:per_page]
    if not rows:
        return KeysetPage([], None, None)
    if not forward:
        rows.reverse()

    def token(row, direction: str) -> str:
        return _encode([_value(row, field) for field, _ in keys], direction)

    if forward:
        next_cursor = token(rows[-1], "n") if more else None
        previous_cursor = token(rows[0], "p") if decoded is not None else None
    else:
        next_cursor = token(rows[-1], "n")
        previous_cursor = token(rows[0], "p") if more else None
    return KeysetPage(rows, next_cursor, previous_cursor)


def _value(row, field: str):
    value = row
    for part in field.split("__"):
        value = getattr(value, part)
    if hasattr(value, "pk"):
        value = value.pk
    return value
