"""CSV downloads a spreadsheet cannot turn into formulas (OWASP CSV injection), for every app.

A cell that starts with = + - @ or a tab / carriage return is prefixed with an apostrophe so
Excel and LibreOffice show it as text; plain numbers ("-12.5") are left as they are.
"""

import csv
import re
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


def csv_rows(header: list[str], rows: Iterable[Iterable]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # UTF-8 BOM so spreadsheet programs read the accents right
    yield writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]):
    """Stream a CSV download (constant memory, whatever the row count)."""
    response = StreamingHttpResponse(csv_rows(header, rows),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
