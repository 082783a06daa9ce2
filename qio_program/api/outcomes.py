"""/api/qio/outcomes/ and /api/qio/outcome-measures/: quarterly measure values."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from qio_program.api.common import UpdatedSinceFilterSet
from qio_program.models import OutcomeMeasure, OutcomeValue
from qio_program.selectors.scope import outcomes_for, providers_for
from qio_program.services.outcomes import outcome_query, outcome_record, outcome_validate
from qis_portal.permissions import RulePermission


class QioMeasureOutput(serializers.ModelSerializer):
    class Meta:
        model = OutcomeMeasure
        fields = ["id", "code", "name", "description", "unit", "applies_to",
                  "higher_is_better"]


class QioOutcomeOutput(serializers.ModelSerializer):
    measure = serializers.CharField(source="measure.code")
    entered_by = serializers.EmailField(source="entered_by.email")
    reviewed_by = serializers.EmailField(source="reviewed_by.email", allow_null=True,
                                         default=None)

    class Meta:
        model = OutcomeValue
        fields = ["id", "provider", "measure", "year", "quarter", "value", "numerator",
                  "denominator", "notes", "entered_by", "entered_by_qio", "status",
                  "reviewed_by", "reviewed_at", "query_note", "created_at", "updated_at"]


class QioOutcomeQueryInput(serializers.Serializer):
    question = serializers.CharField(max_length=500)


class QioOutcomeInput(serializers.Serializer):
    provider = serializers.IntegerField()
    measure = serializers.SlugRelatedField(slug_field="code",
                                           queryset=OutcomeMeasure.objects.all())
    year = serializers.IntegerField(min_value=2020, max_value=2100)
    quarter = serializers.IntegerField(min_value=1, max_value=4)
    value = serializers.DecimalField(max_digits=12, decimal_places=4)
    numerator = serializers.IntegerField(min_value=0, required=False, allow_null=True,
                                         default=None)
    denominator = serializers.IntegerField(min_value=0, required=False, allow_null=True,
                                           default=None)
    notes = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class OutcomeFilter(UpdatedSinceFilterSet):
    class Meta:
        model = OutcomeValue
        fields = ["provider", "measure", "year", "quarter", "status"]


class OutcomeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = QioOutcomeOutput
    permission_classes = [RulePermission]
    rule_permissions = {"list": "qio_program.view_directory",
                        "retrieve": "qio_program.view_outcomes",
                        "create": "qio_program.add_outcome",
                        "validate": "qio_program.review_outcome",
                        "query": "qio_program.review_outcome"}
    filterset_class = OutcomeFilter

    def get_queryset(self):
        return outcomes_for(self.request.user).select_related("measure", "entered_by",
                                                               "reviewed_by", "provider")

    @extend_schema(request=QioOutcomeInput, responses={201: QioOutcomeOutput})
    def create(self, request):
        """Report a measure value; 409 before the provider's QAP is approved (or without an
        active PSA, or off the SPL unverified), and for an outpatient clinical practice's 7th
        measure of a quarter."""
        data = QioOutcomeInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        provider = providers_for(request.user).filter(pk=values.pop("provider")).first()
        if provider is None:
            raise serializers.ValidationError({"provider": "Unknown provider."})
        record = outcome_record(actor=request.user, provider=provider,
                                request=request, **values)
        return Response(QioOutcomeOutput(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=QioOutcomeOutput)
    @action(detail=True, methods=["post"])
    def validate(self, request, pk=None):
        """The QIO or the COR validates a value awaiting validation (else 409)."""
        record = outcome_validate(actor=request.user, outcome=self.get_object(),
                                  request=request)
        return Response(QioOutcomeOutput(record).data)

    @extend_schema(request=QioOutcomeQueryInput, responses=QioOutcomeOutput)
    @action(detail=True, methods=["post"])
    def query(self, request, pk=None):
        """The QIO or the COR queries a value awaiting validation; the reporter corrects it."""
        outcome = self.get_object()
        data = QioOutcomeQueryInput(data=request.data)
        data.is_valid(raise_exception=True)
        record = outcome_query(actor=request.user, outcome=outcome,
                               question=data.validated_data["question"], request=request)
        return Response(QioOutcomeOutput(record).data)


class MeasureViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = QioMeasureOutput
    permission_classes = [RulePermission]
    rule_permissions = {"list": "qio_program.view_directory"}

    def get_queryset(self):
        return OutcomeMeasure.objects.filter(is_active=True)
