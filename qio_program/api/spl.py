"""/api/qio/spl-versions/ (+ upload) and /api/qio/spl-uploads/: SPLs and their imports."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from qio_program.api.common import UpdatedSinceFilterSet
from qio_program.models import SplEntry, SplUpload, SplVersion
from qio_program.selectors.scope import spl_uploads_for, spl_versions_for
from qio_program.services.spl import spl_upload_create
from qis_portal.permissions import RulePermission
from qis_portal.regions import Region

ERRORS_IN_BODY = 100


class QioSplVersionOutput(serializers.ModelSerializer):
    class Meta:
        model = SplVersion
        fields = ["id", "region", "number", "is_current", "entry_count", "created_at",
                  "superseded_at", "updated_at"]


class QioSplEntryOutput(serializers.ModelSerializer):
    provider_name = serializers.CharField(source="provider.name")

    class Meta:
        model = SplEntry
        fields = ["id", "provider", "provider_name", "row_number", "poor_performance",
                  "adi_dual_eligibility", "enforcement", "not_submitting_data", "deficits"]


class QioSplUploadOutput(serializers.ModelSerializer):
    percent = serializers.IntegerField()
    version = serializers.SerializerMethodField()
    errors = serializers.SerializerMethodField(
        help_text=f"The first {ERRORS_IN_BODY} problems (row, column, rule, value); all of "
                  "them are in the CSV report on the upload's page.")

    class Meta:
        model = SplUpload
        fields = ["id", "region", "original_name", "size", "status", "rows_total",
                  "rows_checked", "percent", "error_count", "errors", "version", "created_at",
                  "finished_at"]

    def get_version(self, upload) -> int | None:
        version = SplVersion.objects.filter(upload=upload).values_list("id", flat=True).first()
        return version

    def get_errors(self, upload) -> list[dict]:
        return [{"row": e.row_number, "column": e.column, "rule": e.rule, "value": e.value}
                for e in upload.errors.all()[:ERRORS_IN_BODY]]


class QioSplUploadInput(serializers.Serializer):
    region = serializers.ChoiceField(choices=Region.choices,
                                     help_text="One of the 7 QIN regions.")
    file = serializers.FileField()


class SplVersionFilter(UpdatedSinceFilterSet):
    class Meta:
        model = SplVersion
        fields = ["region", "is_current"]


class SplVersionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        viewsets.GenericViewSet):
    serializer_class = QioSplVersionOutput
    permission_classes = [RulePermission]
    rule_permissions = {"list": "qio_program.view_spl", "retrieve": "qio_program.view_spl",
                        "entries": "qio_program.view_spl", "upload": "qio_program.upload_spl"}
    filterset_class = SplVersionFilter

    def get_queryset(self):
        return spl_versions_for(self.request.user)

    @extend_schema(responses=QioSplEntryOutput(many=True))
    @action(detail=True, methods=["get"])
    def entries(self, request, pk=None):
        version = self.get_object()
        page = self.paginate_queryset(version.entries.select_related("provider").order_by("-id"))
        return self.get_paginated_response(QioSplEntryOutput(page, many=True).data)

    @extend_schema(request={"multipart/form-data": QioSplUploadInput},
                   responses={202: QioSplUploadOutput})
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser])
    def upload(self, request):
        """Upload a region's SPL CSV; it is checked and imported in the background."""
        data = QioSplUploadInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload = spl_upload_create(actor=request.user,
                                   region=data.validated_data["region"],
                                   upload=data.validated_data["file"], request=request)
        return Response(QioSplUploadOutput(upload).data, status=status.HTTP_202_ACCEPTED)


class SplUploadViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Poll an upload: progress while it runs, then its version or every problem found."""

    serializer_class = QioSplUploadOutput
    permission_classes = [RulePermission]
    rule_permissions = {"retrieve": "qio_program.upload_spl"}

    def get_queryset(self):
        return spl_uploads_for(self.request.user)
