"""/api/qio/outcomes/ and /api/qio/outcome-measures/: quarterly measure values."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from qio_program.api.common import UpdatedSinceFilterSet
from qio_program.models import OutcomeMeasure, OutcomeValue
from qio_program.selectors.scope import outcomes_for, providers_for
from qio_program.services.outcomes import outcome_record
from qis_portal.permissions import RulePermission


class QioMeasureOutput(serializers.ModelSerializer):
    class Meta:
        model = OutcomeMeasure
        fields = ["id", "code", "name", "description", "unit", "applies_to",
                  "higher_is_better"]


class QioOutcomeOutput(serializers.ModelSerializer):
    measure = serializers.CharField(source="measure.code")
    entered_by = serializers.EmailField(source="entered_by.email")

    class Meta:
        model = OutcomeValue
        fields = ["id", "provider", "measure", "year", "quarter", "value", "numerator",
                  "denominator", "notes", "entered_by", "entered_by_qio", "created_at",
                  "updated_at"]


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
        fields = ["provider", "measure", "year", "quarter"]


class OutcomeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = QioOutcomeOutput
    permission_classes = [RulePermission]
    rule_permissions = {"list": "qio_program.view_directory",
                        "retrieve": "qio_program.view_outcomes",
                        "create": "qio_program.add_outcome"}
    filterset_class = OutcomeFilter

    def get_queryset(self):
        return outcomes_for(self.request.user).select_related("measure", "entered_by",
                                                               "provider")

    @extend_schema(request=QioOutcomeInput, responses={201: QioOutcomeOutput})
    def create(self, request):
        """Report a measure value; an outpatient clinical practice's 7th measure of a quarter
        answers 409."""
        data = QioOutcomeInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        provider = providers_for(request.user).filter(pk=values.pop("provider")).first()
        if provider is None:
            raise serializers.ValidationError({"provider": "Unknown provider."})
        record = outcome_record(actor=request.user, provider=provider,
                                request=request, **values)
        return Response(QioOutcomeOutput(record).data, status=status.HTTP_201_CREATED)


class MeasureViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = QioMeasureOutput
    permission_classes = [RulePermission]
    rule_permissions = {"list": "qio_program.view_directory"}

    def get_queryset(self):
        return OutcomeMeasure.objects.filter(is_active=True)
