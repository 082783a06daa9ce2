"""Cursor pagination by default: no COUNT(*) over large tables, stable under inserts."""

from rest_framework.pagination import CursorPagination


class PortalCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000  # a bulk pull asks for large pages: fewer round trips (issue 20)
    ordering = "-id"

    def get_paginated_response_schema(self, schema):
        """DRF's page schema marks `next`/`previous` with OpenAPI 3.0's `nullable`, which 3.1
        (the portal's document version) ignores; here they are `["string", "null"]`."""
        page = super().get_paginated_response_schema(schema)
        for link in ("next", "previous"):
            page["properties"][link].pop("nullable", None)
            page["properties"][link]["type"] = ["string", "null"]
        return page
