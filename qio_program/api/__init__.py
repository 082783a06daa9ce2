"""REST API of the QIO program under /api/qio/: same scope and rules as the pages.

Thin viewsets: parse with a small Input serializer, call one service or selector, answer with
an Output serializer. Lists use cursor pagination and take `updated_since`.
"""
