"""The scoring API: evaluate the JSON contract; entities, participation lists and measure
data pushed by REST clients; the catalogue; batch runs and stored scores."""

from django.db import transaction
from django_filters import rest_framework as filters
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiRequest,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from qis_portal import api_base
from qis_portal.api_errors import error_body
from qis_portal.api_parsers import JSONParser
from qis_portal.api_schema import ErrorSerializer
from qis_portal.pagination import PortalCursorPagination
from qis_portal.permissions import RulePermission
from scoring import selectors
from scoring.api import serializers as s
from scoring.api.schemas import EXAMPLE_INPUT, SCORING_INPUT, SCORING_OUTPUT
from scoring.choices import ApmType, SubmissionMethod
from scoring.engine import ContractError, evaluate
from scoring.models import ApmEntity, EntityScore, Measure, Participant, QualitySubmission
from scoring.models import ScoringRun as Run
from scoring.services import entities as services
from scoring.services.contract import entity_evaluate
from scoring.services.reference import get_reference
from scoring.services.runs import scoring_run_start

INVALID = OpenApiResponse(ErrorSerializer, description="Invalid input: every bad field path is "
                                                       "listed in error.fields.")


def contract_error_response(exc: ContractError, message: str) -> Response:
    fields: dict[str, list[str]] = {}
    for path, msg in exc.errors:
        fields.setdefault(path or "$", []).append(msg)
    return Response(error_body("invalid", message, fields), status=status.HTTP_400_BAD_REQUEST)


class EvaluateView(APIView):
    """Score one APM Entity from the JSON contract (nothing is stored)."""

    permission_classes = [RulePermission]
    rule_permissions = {"post": "scoring.evaluate"}
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="scoring_evaluate",
        request={"application/json": OpenApiRequest(SCORING_INPUT, examples=[
            OpenApiExample("An OCM entity reporting at the entity level", EXAMPLE_INPUT)])},
        responses={200: OpenApiResponse(SCORING_OUTPUT, description="The scores, each measure "
                                        "explained, and the final-score formula."),
                   400: INVALID},
    )
    def post(self, request):
        try:
            output = evaluate(request.data, get_reference())
        except ContractError as exc:
            return contract_error_response(exc, "The scoring input is invalid.")
        return Response(output)


class MeasureFilter(filters.FilterSet):
    """The catalogue's filters; ``selectors.filter_measures`` applies them for both pages."""

    q = filters.CharFilter(field_name="title", help_text="Quality ID or title contains.")
    measure_type = filters.CharFilter(field_name="measure_type")
    high_priority = filters.BooleanFilter(field_name="is_high_priority")
    submission_method = filters.ChoiceFilter(choices=SubmissionMethod.choices)
    topped_out = filters.BooleanFilter(help_text="Any 2020 benchmark of the measure is "
                                                 "topped out.")

    class Meta:
        model = Measure
        fields: list[str] = []

    def filter_queryset(self, queryset):
        values = {k: v for k, v in self.form.cleaned_data.items() if v not in ("", None)}
        return selectors.filter_measures(queryset, **values)


class MeasurePagination(PortalCursorPagination):
    ordering = ("measure_id",)


class MeasureViewSet(viewsets.ReadOnlyModelViewSet):
    """The 2020 quality measure catalogue (qpp-measures-data) with its benchmarks."""

    permission_classes = [RulePermission]
    rule_permissions = {"list": "scoring.view_measure", "retrieve": "scoring.view_measure"}
    queryset = Measure.objects.none()
    lookup_field = "measure_id"
    lookup_value_regex = "[^/]+"
    filterset_class = MeasureFilter
    pagination_class = MeasurePagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.measure_catalogue().prefetch_related("benchmarks")

    def get_serializer_class(self):
        return s.MeasureDetailOutput if self.action == "retrieve" else s.MeasureOutput


class UpdatedSinceFilter(filters.FilterSet):
    updated_since = api_base.UpdatedSinceFilter()


class EntityFilter(UpdatedSinceFilter):
    q = filters.CharFilter(method="search", help_text="ID or name contains")
    apm_type = filters.ChoiceFilter(choices=ApmType.choices)

    class Meta:
        model = ApmEntity
        fields: list[str] = []

    def search(self, queryset, name, value):
        return queryset.filter(entity_id__icontains=value) | queryset.filter(
            name__icontains=value)


class EntityViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin,
                    viewsets.ReadOnlyModelViewSet):
    """APM Entities; a REST client sees and pushes its own organization's entities."""

    permission_classes = [RulePermission]
    rule_permissions = {"list": "scoring.view_apmentity", "retrieve": "scoring.view_apmentity",
                        "create": "scoring.push_data", "update": "scoring.push_data",
                        "partial_update": "scoring.push_data", "score": "scoring.evaluate"}
    queryset = ApmEntity.objects.none()
    serializer_class = s.EntityOutput
    filterset_class = EntityFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.entities_for_user(self.request.user).order_by("-id")

    @extend_schema(request=s.EntityInput, responses={201: s.EntityOutput, 400: INVALID})
    def create(self, request, *args, **kwargs):
        data = s.EntityInput(data=request.data)
        data.is_valid(raise_exception=True)
        entity = services.entity_save(actor=request.user, data=data.validated_data,
                                      permission="scoring.push_data", request=request)
        return Response(s.EntityOutput(entity).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.EntityInput, responses={200: s.EntityOutput, 400: INVALID})
    def update(self, request, *args, **kwargs):
        entity = self.get_object()
        data = s.EntityInput(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        entity = services.entity_save(actor=request.user, data=data.validated_data,
                                      entity=entity, permission="scoring.push_data",
                                      request=request)
        return Response(s.EntityOutput(entity).data)

    @extend_schema(request=s.EntityInput, responses={200: s.EntityOutput, 400: INVALID})
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(request=None, responses={
        200: OpenApiResponse(SCORING_OUTPUT, description="The entity scored from its stored "
                                                         "data now, fully explained."),
        400: INVALID})
    @action(detail=True, methods=["get"])
    def score(self, request, pk=None):
        entity = self.get_object()
        try:
            return Response(entity_evaluate(entity))
        except ContractError as exc:
            return contract_error_response(exc, "The entity's stored data cannot be scored.")


class EntityChildFilter(filters.FilterSet):
    entity = filters.NumberFilter(field_name="entity_id")


class ParticipantFilter(EntityChildFilter):
    class Meta:
        model = Participant
        fields: list[str] = []


PARTICIPANTS_ADDED = {"type": "array",
                      "items": {"$ref": "#/components/schemas/ParticipantOutput"}}


class ParticipantViewSet(mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Participation lists: one row per TIN/NPI; POST adds NPIs under a TIN."""

    permission_classes = [RulePermission]
    rule_permissions = {"list": "scoring.view_apmentity", "retrieve": "scoring.view_apmentity",
                        "create": "scoring.push_data", "destroy": "scoring.push_data"}
    queryset = Participant.objects.none()
    serializer_class = s.ParticipantOutput
    filterset_class = ParticipantFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return Participant.objects.filter(
            entity__in=selectors.entities_for_user(self.request.user)).order_by("-id")

    # The rows added come back as one plain array: spectacular would wrap a many=True
    # serializer in this view's cursor page, which the response is not.
    @extend_schema(request=s.ParticipantsInput,
                   responses={201: OpenApiResponse(response=PARTICIPANTS_ADDED,
                                                   description="The participants added."),
                              400: INVALID})
    def create(self, request):
        data = s.ParticipantsInput(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        entity = data.validated_data["entity"]
        services.participants_add(actor=request.user, entity=entity,
                                  tin=data.validated_data["tin"],
                                  npis=data.validated_data["npis"],
                                  prior_year_percent=data.validated_data.get(
                                      "prior_year_achievement_percent"),
                                  permission="scoring.push_data", request=request)
        rows = entity.participants.filter(tin=data.validated_data["tin"],
                                          npi__in=data.validated_data["npis"])
        return Response(s.ParticipantOutput(rows, many=True).data,
                        status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.participant_delete(actor=self.request.user, participant=instance,
                                    permission="scoring.push_data", request=self.request)


class SubmissionFilter(EntityChildFilter, UpdatedSinceFilter):
    class Meta:
        model = QualitySubmission
        fields: list[str] = []


class SubmissionViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin,
                        mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Quality measure data, checked by the engine's own rules on the way in."""

    permission_classes = [RulePermission]
    rule_permissions = {"list": "scoring.view_apmentity", "retrieve": "scoring.view_apmentity",
                        "create": "scoring.push_data", "update": "scoring.push_data",
                        "partial_update": "scoring.push_data", "destroy": "scoring.push_data"}
    queryset = QualitySubmission.objects.none()
    serializer_class = s.SubmissionOutput
    filterset_class = SubmissionFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return QualitySubmission.objects.filter(
            entity__in=selectors.entities_for_user(self.request.user)).order_by("-id")

    def _save(self, request, submission=None, partial=False):
        current = {}
        if submission is not None:
            current = s.SubmissionOutput(submission).data
            current["entity"] = submission.entity_id
        data = s.SubmissionInput(data={**current, **request.data} if partial else request.data,
                                 context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        entity = values.pop("entity")
        if submission is not None and entity.pk != submission.entity_id:
            return Response(error_body("invalid", "A submission cannot move to another "
                                       "entity.", {"entity": ["cannot change"]}),
                            status=status.HTTP_400_BAD_REQUEST)
        with transaction.atomic():
            saved = services.submission_save(actor=request.user, entity=entity, data=values,
                                             submission=submission,
                                             permission="scoring.push_data", request=request)
        code = status.HTTP_201_CREATED if submission is None else status.HTTP_200_OK
        return Response(s.SubmissionOutput(saved).data, status=code)

    @extend_schema(request=s.SubmissionInput, responses={201: s.SubmissionOutput,
                                                         400: INVALID})
    def create(self, request, *args, **kwargs):
        return self._save(request)

    @extend_schema(request=s.SubmissionInput, responses={200: s.SubmissionOutput,
                                                         400: INVALID})
    def update(self, request, *args, **kwargs):
        return self._save(request, self.get_object(), partial=kwargs.get("partial", False))

    @extend_schema(request=s.SubmissionInput, responses={200: s.SubmissionOutput,
                                                         400: INVALID})
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def perform_destroy(self, instance):
        services.submission_delete(actor=self.request.user, submission=instance,
                                   permission="scoring.push_data", request=self.request)


class RunViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Batch scoring runs: POST queues one over every entity of the year (409 while another
    is queued or running)."""

    permission_classes = [RulePermission]
    rule_permissions = {"list": "scoring.view_scoringrun", "retrieve": "scoring.view_scoringrun",
                        "create": "scoring.start_scoringrun"}
    queryset = Run.objects.none()
    serializer_class = s.RunOutput

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.runs_for_user(self.request.user).order_by("-id")

    @extend_schema(request=s.RunInput, responses={201: s.RunOutput, 409: OpenApiResponse(
        ErrorSerializer, description="A run of that year is already queued or running.")})
    def create(self, request, *args, **kwargs):
        data = s.RunInput(data=request.data)
        data.is_valid(raise_exception=True)
        run = scoring_run_start(actor=request.user,
                                performance_year=data.validated_data["performance_year"],
                                request=request)
        return Response(s.RunOutput(run).data, status=status.HTTP_201_CREATED)


class ScoreFilter(filters.FilterSet):
    run = filters.NumberFilter(field_name="run_id")
    entity = filters.NumberFilter(field_name="entity_id")
    result = filters.ChoiceFilter(field_name="status", choices=EntityScore.Status.choices)
    apm_type = filters.ChoiceFilter(field_name="entity__apm_type", choices=ApmType.choices)
    min_final = filters.NumberFilter(field_name="final_score", lookup_expr="gte")
    max_final = filters.NumberFilter(field_name="final_score", lookup_expr="lte")

    class Meta:
        model = EntityScore
        fields: list[str] = []


class ScoreViewSet(viewsets.ReadOnlyModelViewSet):
    """Stored results of batch runs; each carries the engine's full explanation."""

    permission_classes = [RulePermission]
    rule_permissions = {"list": "scoring.view_entityscore",
                        "retrieve": "scoring.view_entityscore"}
    queryset = EntityScore.objects.none()
    filterset_class = ScoreFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        qs = selectors.scores_for_user(self.request.user).order_by("-id")
        return qs.defer("output") if self.action == "list" else qs

    def get_serializer_class(self):
        return s.ScoreDetailOutput if self.action == "retrieve" else s.ScoreOutput

