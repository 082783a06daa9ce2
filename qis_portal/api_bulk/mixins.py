"""Viewset mixins of the bulk read path: plain-row lists, conditional GET, streamed export.

A viewset names the columns of its list (`list_values`, given to `.values()`) and turns a
chunk of those rows into its output rows (`list_rows`), reading what a row needs from other
tables once per chunk. Scoping, filters, `updated_since` and permissions are the viewset's
own, unchanged: the rows come from `filter_queryset(get_queryset())` as before.
"""

import hashlib

from django.core.exceptions import ImproperlyConfigured
from django.utils.cache import get_conditional_response, quote_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation

from qis_portal.api_base import UPDATED_SINCE
from qis_portal.api_bulk.export import EXPORT_FORMATS, export_response


class ConditionalGetMixin:
    """A GET answered 200 carries a strong ETag of its body; the same If-None-Match answers
    304 with no body, so a client polling an unchanged page downloads nothing."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (request.method not in ("GET", "HEAD") or response.status_code != 200
                or response.streaming or not hasattr(response, "render")):
            return response
        response.render()
        response["ETag"] = quote_etag(hashlib.blake2b(response.content,
                                                      digest_size=16).hexdigest())
        return get_conditional_response(request, etag=response["ETag"], response=response)


class _AnyAccept(DefaultContentNegotiation):
    """The export picks its format from `output`, whatever the client's Accept header says."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


EXPORT_OUTPUT = OpenApiParameter("output", OpenApiTypes.STR, enum=sorted(EXPORT_FORMATS),
                                 description="ndjson (one JSON object a line, the default) "
                                             "or csv.")


class BulkListMixin(ConditionalGetMixin):
    """`list` from plain rows, and `export`: the whole scoped, filtered list streamed as
    NDJSON or CSV in keyset chunks (constant memory, whatever the row count)."""

    list_values: tuple[str, ...] = ()
    export_name = "export"

    def list_rows(self, rows: list[dict]) -> list[dict]:
        """Output rows for a chunk of `.values()` rows, in the same order; every concrete
        viewset defines it (abstract here)."""
        raise ImproperlyConfigured(f"{type(self).__name__} must define list_rows().")

    def list_queryset(self):
        rows = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        return rows.values(*self.list_values)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.list_queryset())
        return self.get_paginated_response(self.list_rows(page))

    @extend_schema(parameters=[EXPORT_OUTPUT, UPDATED_SINCE],
                   responses={(200, "application/x-ndjson"): OpenApiTypes.STR,
                              (200, "text/csv"): OpenApiTypes.STR})
    @action(detail=False, methods=["get"], content_negotiation_class=_AnyAccept)
    def export(self, request, *args, **kwargs):
        return export_response(self.list_queryset(), self.list_rows,
                               request.query_params.get("output", ""), self.export_name)
