"""Streamed exports of a whole list: keyset chunks newest first (`id < last`, no OFFSET, the
primary key's index), each chunk turned into rows and written as NDJSON or CSV."""

import csv
from collections.abc import Callable, Iterator

from django.http import StreamingHttpResponse
from rest_framework.exceptions import ValidationError

from qis_portal.api_bulk.renderers import dumps
from qis_portal.exports import safe_cell

CHUNK = 2000
EXPORT_FORMATS = {"ndjson": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}


def keyset_chunks(values_qs, size: int | None = None) -> Iterator[list[dict]]:
    """The rows of `values_qs` (which must read `id`) newest first, `size` (`CHUNK`) at a
    time: memory holds one chunk, whatever the row count."""
    size = size or CHUNK
    last = None
    while True:
        chunk = values_qs.order_by("-id")
        if last is not None:
            chunk = chunk.filter(id__lt=last)
        rows = list(chunk[:size])
        if not rows:
            return
        yield rows
        last = rows[-1]["id"]


def _ndjson(chunks, build) -> Iterator[bytes]:
    for rows in chunks:
        yield b"".join(dumps(row) + b"\n"
                       for row in build(rows))


class _Line:
    def write(self, value):
        return value


def _cell(value) -> str:
    """A nested value (a list of contacts, a related object) is one cell of JSON text."""
    if isinstance(value, dict | list):
        value = dumps(value).decode()
    elif isinstance(value, bool):
        value = "true" if value else "false"
    return safe_cell(value)


def _csv(chunks, build) -> Iterator[str]:
    writer = csv.writer(_Line())
    header = None
    yield "\ufeff"  # UTF-8 BOM so spreadsheet programs read accents right
    for rows in chunks:
        built = build(rows)
        if header is None:
            header = list(built[0])
            yield writer.writerow(header)
        yield "".join(writer.writerow([_cell(row[key]) for key in header]) for row in built)


def export_response(values_qs, build: Callable[[list[dict]], list[dict]], output: str,
                    name: str) -> StreamingHttpResponse:
    output = output or "ndjson"
    if output not in EXPORT_FORMATS:
        raise ValidationError({"output": [f"Choose one of: {', '.join(sorted(EXPORT_FORMATS))}."]})
    stream = (_ndjson if output == "ndjson" else _csv)(keyset_chunks(values_qs), build)
    response = StreamingHttpResponse(stream, content_type=EXPORT_FORMATS[output])
    response["Content-Disposition"] = f'attachment; filename="{name}.{output}"'
    return response
