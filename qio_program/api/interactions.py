"""/api/qio/interactions/ (+ bulk, attachments) and /api/qio/intervention-reports/."""

import django_filters
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from qio_program import models
from qio_program.api.common import UpdatedSinceFilterSet
from qio_program.models.interactions import CATEGORY_CHOICES, SUBCATEGORY_CHOICES
from qio_program.selectors.scope import (
    interactions_for,
    intervention_reports_for,
    providers_for,
)
from qio_program.services.interactions import (
    MAX_BULK_PROVIDERS,
    interaction_attach,
    interaction_create,
)
from qio_program.services.interventions import REPORT_FIELDS, intervention_report_save
from qis_portal.permissions import RulePermission


class QioAttachmentOutput(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = models.Attachment
        fields = ["id", "original_name", "content_type", "size", "sha256", "url"]

    def get_url(self, attachment) -> str:
        interaction = self.context.get("interaction")
        if interaction is None:
            return ""
        return reverse("qio_program:attachment_download", args=[interaction.pk, attachment.pk])


class QioInteractionOutput(serializers.ModelSerializer):
    created_by = serializers.EmailField(source="created_by.email")
    attachments = serializers.SerializerMethodField()
    report_filed = serializers.BooleanField()

    class Meta:
        model = models.Interaction
        fields = ["id", "provider", "qio", "created_by", "date", "contacts", "other_contacts",
                  "audience_type", "mode", "category", "subcategory", "duration_minutes",
                  "details", "learnings", "intervention_delivered", "report_due_date",
                  "report_filed", "attachments", "batch", "created_at", "updated_at"]

    def get_attachments(self, interaction) -> list[dict]:
        return QioAttachmentOutput(interaction.attachments.all(), many=True,
                                context={"interaction": interaction}).data


class QioInteractionFields(serializers.Serializer):
    date = serializers.DateField()
    contacts = serializers.ListField(child=serializers.IntegerField(), required=False,
                                     default=list)
    other_contacts = serializers.CharField(max_length=300, required=False, allow_blank=True,
                                           default="")
    audience_type = serializers.ChoiceField(choices=models.AudienceType.choices)
    mode = serializers.ChoiceField(choices=models.InteractionMode.choices)
    category = serializers.ChoiceField(choices=CATEGORY_CHOICES)
    subcategory = serializers.ChoiceField(choices=SUBCATEGORY_CHOICES)
    duration_minutes = serializers.IntegerField(min_value=1, max_value=24 * 60)
    details = serializers.CharField(max_length=5000)
    learnings = serializers.CharField(max_length=5000, required=False, allow_blank=True,
                                      default="")
    intervention_delivered = serializers.BooleanField(default=True)


class QioInteractionInput(QioInteractionFields):
    provider = serializers.IntegerField()


class QioInteractionBulkInput(QioInteractionFields):
    providers = serializers.ListField(child=serializers.IntegerField(), min_length=1,
                                      max_length=MAX_BULK_PROVIDERS)


class QioAttachmentInput(serializers.Serializer):
    file = serializers.FileField()


class InteractionFilter(UpdatedSinceFilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = models.Interaction
        fields = ["provider", "subcategory", "created_by"]


def _providers(user, ids: list[int]):
    found = list(providers_for(user).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise serializers.ValidationError({"providers": "Unknown provider."})
    return found


class InteractionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                         viewsets.GenericViewSet):
    serializer_class = QioInteractionOutput
    permission_classes = [RulePermission]
    rule_permissions = {"list": "qio_program.view_interaction",
                        "retrieve": "qio_program.view_interaction",
                        "create": "qio_program.add_interaction",
                        "bulk": "qio_program.add_interaction",
                        "attachments": "qio_program.add_interaction"}
    filterset_class = InteractionFilter

    def get_queryset(self):
        return (interactions_for(self.request.user).select_related("created_by",
                                                                   "intervention_report")
                .prefetch_related("contacts", "attachments"))

    def _create(self, request, provider_ids, values):
        providers = _providers(request.user, provider_ids)
        contact_ids = values.pop("contacts", [])
        contacts = []
        if contact_ids:
            if len(providers) != 1:
                raise serializers.ValidationError(
                    {"contacts": "Contacts are given for one provider at a time."})
            contacts = list(providers[0].contacts.filter(pk__in=contact_ids))
            if len(contacts) != len(set(contact_ids)):
                raise serializers.ValidationError({"contacts": "Unknown contact."})
        return interaction_create(actor=request.user, providers=providers,
                                  data=values, contacts=contacts, request=request)

    @extend_schema(request=QioInteractionInput, responses={201: QioInteractionOutput})
    def create(self, request):
        data = QioInteractionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        created = self._create(request, [values.pop("provider")], values)
        return Response(QioInteractionOutput(created[0]).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=QioInteractionBulkInput,
                   responses={201: QioInteractionOutput(many=True)})
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        """One interaction for each provider (seed 001: "creates multiple individual
        interactions")."""
        data = QioInteractionBulkInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        created = self._create(request, values.pop("providers"), values)
        return Response(QioInteractionOutput(created, many=True).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": QioAttachmentInput},
                   responses={201: QioAttachmentOutput})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def attachments(self, request, pk=None):
        """Attach a PDF, DOCX, XLSX, PNG, JPEG or TXT file of at most 10 MB."""
        interaction = self.get_object()
        data = QioAttachmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        stored = interaction_attach(interaction=interaction, actor=request.user,
                                    files=[data.validated_data["file"]], request=request)
        return Response(QioAttachmentOutput(stored[0], context={"interaction": interaction}).data,
                        status=status.HTTP_201_CREATED)


class QioInterventionReportOutput(serializers.ModelSerializer):
    submitted_by = serializers.EmailField(source="submitted_by.email")
    submitted_late = serializers.BooleanField()

    class Meta:
        model = models.InterventionReport
        fields = ["id", "interaction", *REPORT_FIELDS, "submitted_by", "submitted_at",
                  "submitted_late", "updated_at"]


class QioInterventionReportInput(serializers.Serializer):
    interaction = serializers.IntegerField()
    mode_of_engagement = serializers.ChoiceField(choices=models.EngagementMode.choices)
    targeted_audience = serializers.ChoiceField(choices=models.AudienceType.choices)
    level_of_intensity = serializers.ChoiceField(choices=models.IntensityLevel.choices)
    progress_percent = serializers.IntegerField(min_value=0, max_value=100)
    progress_notes = serializers.CharField(max_length=1000, required=False, allow_blank=True,
                                           default="")

    def get_fields(self):
        fields = super().get_fields()
        for name, label, help_text in models.IDF_DISCIPLINES:
            fields[name] = serializers.CharField(max_length=1000, label=label,
                                                 help_text=help_text)
        return fields


class ReportFilter(UpdatedSinceFilterSet):
    class Meta:
        model = models.InterventionReport
        fields = ["interaction"]


class InterventionReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                                viewsets.GenericViewSet):
    serializer_class = QioInterventionReportOutput
    permission_classes = [RulePermission]
    rule_permissions = {"list": "qio_program.view_interaction",
                        "retrieve": "qio_program.view_interaction",
                        "create": "qio_program.add_interventionreport"}
    filterset_class = ReportFilter

    def get_queryset(self):
        return (intervention_reports_for(self.request.user)
                .select_related("submitted_by", "interaction"))

    @extend_schema(request=QioInterventionReportInput, responses={201: QioInterventionReportOutput})
    def create(self, request):
        """File the report of an interaction (or correct it: the same interaction again)."""
        data = QioInterventionReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        interaction = interactions_for(request.user).filter(pk=values.pop("interaction")).first()
        if interaction is None:
            raise serializers.ValidationError({"interaction": "Unknown interaction."})
        report = intervention_report_save(interaction=interaction,
                                          actor=request.user, data=values, request=request)
        return Response(QioInterventionReportOutput(report).data, status=status.HTTP_201_CREATED)
