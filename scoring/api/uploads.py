"""POST a QPP Submissions API JSON or QRDA Category III file for one APM Entity.

The body is the file itself (``application/json``, ``application/xml``) or a multipart form
with a ``file`` field. Every measure is imported (201), or nothing is and every problem is
listed by the path of its element (400, ``error.fields``; ``upload`` is the stored report).
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from qis_portal.api_errors import error_body
from qis_portal.api_schema import ErrorSerializer
from qis_portal.permissions import RulePermission
from scoring import selectors
from scoring.services.format_import import MAX_BYTES, format_import


class FileBodyParser(BaseParser):
    """The request body as bytes, at most the upload cap (a longer body is cut and refused)."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return {"body": stream.read(MAX_BYTES + 1) if stream is not None else b""}


class UploadOutput(serializers.Serializer):
    upload = serializers.IntegerField(source="pk")
    status = serializers.CharField()
    measures = serializers.IntegerField(source="row_count")
    created = serializers.IntegerField(source="created_count")
    updated = serializers.IntegerField(source="updated_count")


class FormatUploadView(APIView):
    permission_classes = [RulePermission]
    rule_permissions = {"post": "scoring.push_data"}
    parser_classes = [MultiPartParser, FileBodyParser]

    @extend_schema(
        operation_id="scoring_entity_file_upload",
        parameters=[OpenApiParameter("file_format", str, OpenApiParameter.PATH,
                                     enum=["qpp_json", "qrda3"])],
        request={"application/json": {"type": "object"},
                 "application/xml": {"type": "string"},
                 "multipart/form-data": {"type": "object", "properties": {
                     "file": {"type": "string", "format": "binary"}}}},
        responses={201: UploadOutput, 400: OpenApiResponse(
            ErrorSerializer, description="Nothing imported; every problem by its element path.")},
    )
    def post(self, request, pk: int, file_format: str):
        entity = get_object_or_404(selectors.entities_for_user(request.user), pk=pk)
        upload = request.data.get("file") if "file" in request.data else None
        data = upload.read(MAX_BYTES + 1) if upload is not None else request.data.get("body",
                                                                                    b"")
        name = getattr(upload, "name", "") or f"api.{'xml' if file_format == 'qrda3' else 'json'}"
        record = format_import(actor=request.user, fmt=file_format, entity=entity, data=data,
                               filename=name, request=request, permission="scoring.push_data")
        if record.errors:
            fields: dict[str, list[str]] = {}
            for problem in record.errors:
                fields.setdefault(problem["column"], []).append(problem["rule"])
            body = error_body("invalid", f"Nothing was imported: {len(record.errors)} "
                                         "problem(s) in the file.", fields)
            return Response({**body, "upload": record.pk}, status=status.HTTP_400_BAD_REQUEST)
        return Response(UploadOutput(record).data, status=status.HTTP_201_CREATED)
