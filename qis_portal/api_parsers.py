"""The API's body parsers: a JSON or form body is refused, not parsed, when it is larger than
DATA_UPLOAD_MAX_MEMORY_SIZE (413), and a JSON document nested deeper than Python's recursion
limit is a 400.

DRF's parsers read the raw stream, so Django's size limit (checked in `request.body`) never
applies to them, and DRF's JSON parser turns `ValueError` into a 400 but lets the
`RecursionError` that `"[" * 5000` raises escape as a 500. Multipart bodies keep Django's own
checks (file parts are bounded per upload field, the other fields by the same setting).
"""

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from qis_portal.api_exceptions import PayloadTooLarge


def refuse_oversized(parser_context) -> None:
    request = (parser_context or {}).get("request")
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if request is None or limit is None:
        return
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        raise PayloadTooLarge()


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        refuse_oversized(parser_context)
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError("JSON parse error - the document is nested too deeply.",
                             code="parse_error") from exc


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        refuse_oversized(parser_context)
        return super().parse(stream, media_type, parser_context)
