"""The API's bulk read path: lists built from `.values()` rows, orjson rendering, conditional
GET, and streamed NDJSON/CSV exports in keyset chunks (issue 20).

A full pull through DRF serializers spent its time building one model instance and one
serializer per row, then one round trip per 50 rows; these pieces let a viewset answer the
same field set, scoped and filtered as before, without either.
"""
