"""Cursor pagination by default: no COUNT(*) over large tables, stable under inserts."""

from rest_framework.pagination import CursorPagination


class PortalCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-id"
