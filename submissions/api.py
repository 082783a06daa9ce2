"""REST API: list and read QIS forms with filters; create, update and submit drafts; reviewer
actions. The same selectors, services, validators and permissions as the browser. Issuer and
status are never read from a request body."""

import django_filters
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from qis_portal.api_base import UpdatedSinceFilter
from qis_portal.api_bulk.mixins import BulkListMixin
from qis_portal.api_bulk.values import iso_datetime
from qis_portal.api_errors import error_body
from qis_portal.permissions import RulePermission
from submissions import selectors
from submissions.elements import get_spec
from submissions.models import (
    Determination,
    FormType,
    ImplementationPlan,
    Submission,
    SubmissionWindow,
)
from submissions.services import (
    EditConflict,
    submission_check,
    submission_create,
    submission_determine,
    submission_save_draft,
    submission_start_review,
    submission_submit,
)
from submissions.validators import clean_values


class SubmissionFilter(django_filters.FilterSet):
    plan_year = django_filters.NumberFilter(field_name="window__plan_year")
    issuer = django_filters.NumberFilter(field_name="issuer_id")
    form_type = django_filters.ChoiceFilter(choices=FormType.choices)
    status = django_filters.ChoiceFilter(choices=Submission.Status.choices)
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = Submission
        fields = ["plan_year", "issuer", "form_type", "status", "updated_since"]


class QisSubmissionListOutput(serializers.ModelSerializer):
    issuer_name = serializers.CharField(source="issuer.name")
    hios_issuer_id = serializers.CharField(source="issuer.hios_issuer_id")
    plan_year = serializers.IntegerField(source="window.plan_year")
    qis_title = serializers.CharField(
        read_only=True, help_text="The QIS title of the filed copy (of the draft before filing).")

    class Meta:
        model = Submission
        fields = ["id", "form_type", "issuer", "issuer_name", "hios_issuer_id", "plan_year",
                  "implementation_plan", "status", "version", "qis_title", "created_at",
                  "updated_at", "submitted_at"]
        read_only_fields = fields


class QisFindingOutput(serializers.Serializer):
    element = serializers.CharField()
    label = serializers.CharField()
    must_pass = serializers.BooleanField()
    note = serializers.CharField()


class QisDeterminationOutput(serializers.ModelSerializer):
    findings = QisFindingOutput(many=True, read_only=True)
    determined_by = serializers.EmailField(source="determined_by.email")

    class Meta:
        model = Determination
        fields = ["outcome", "summary", "correction_report", "determined_by", "determined_at",
                  "findings", "checklist"]
        read_only_fields = fields


class QisSubmissionDetailOutput(QisSubmissionListOutput):
    data = serializers.SerializerMethodField()
    snapshot = serializers.JSONField(read_only=True)
    determination = serializers.SerializerMethodField()
    check = serializers.SerializerMethodField()

    class Meta(QisSubmissionListOutput.Meta):
        fields = [*QisSubmissionListOutput.Meta.fields, "data", "snapshot", "determination",
                  "check"]
        read_only_fields = fields

    def get_data(self, obj) -> dict:
        return obj.data

    def get_determination(self, obj) -> dict | None:
        determination = getattr(obj, "determination", None)
        return QisDeterminationOutput(determination).data if determination else None

    def get_check(self, obj) -> dict | None:
        """A draft's outstanding submit errors, plan discrepancies and target proposals."""
        if not obj.is_draft:
            return None
        check = submission_check(obj)
        return {
            "errors": {key: list(msgs) for key, msgs in check["errors"].items()},
            "plan_discrepancies": [d.__dict__ for d in check["discrepancies"]],
            "target_proposals": [{"element": p.element, "proposed": p.proposed,
                                  "answered": p.answered, "reason": p.reason}
                                 for p in check["proposals"]],
        }


def _check_values(form_type: str, data: dict) -> None:
    """The validators every surface shares: each value's own limits and formats."""
    _, errors = clean_values(get_spec(form_type), data)
    if errors:
        raise serializers.ValidationError({key: list(msgs) for key, msgs in errors.items()})


class QisSubmissionCreateInput(serializers.Serializer):
    form_type = serializers.ChoiceField(choices=FormType.choices)
    plan_year = serializers.IntegerField()
    implementation_plan = serializers.IntegerField(required=False, allow_null=True)
    data = serializers.DictField(required=False, default=dict,
                                 help_text="Element keys to values (see the form's elements).")

    def validate(self, attrs):
        _check_values(attrs["form_type"], attrs.get("data") or {})
        return attrs


class QisSubmissionUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(help_text="The version you read; a stale one is 409.")
    data = serializers.DictField(help_text="Element keys to new values; others are kept.")

    def validate(self, attrs):
        _check_values(self.context["form_type"], attrs["data"])
        return attrs


class QisSubmitInput(serializers.Serializer):
    version = serializers.IntegerField(required=False,
                                       help_text="The version you checked; a stale one is 409.")


class QisFindingInput(serializers.Serializer):
    element = serializers.CharField(max_length=20)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class QisChecklistAnswerInput(serializers.Serializer):
    key = serializers.CharField(max_length=20, help_text="applicant_1-3 or address_1-7.")
    met = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class QisDetermineInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Determination.Outcome.choices)
    summary = serializers.CharField(required=False, allow_blank=True, default="",
                                    max_length=5000)
    correction_report = serializers.CharField(required=False, allow_blank=True, default="",
                                              max_length=5000)
    findings = QisFindingInput(many=True, required=False, default=list)
    checklist = QisChecklistAnswerInput(
        many=True, required=False, default=list,
        help_text="Work Plan only: every item of seed 002's two lists, met or not.")


def _conflict_response(exc: EditConflict) -> Response:
    body = error_body("conflict", exc.message, {"version": [str(exc.current.version)]})
    body["current"] = {"version": exc.current.version, "data": exc.current.data,
                       "updated_at": exc.current.updated_at,
                       "last_saved_by": (exc.current.last_saved_by.email
                                         if exc.current.last_saved_by else None)}
    return Response(body, status=status.HTTP_409_CONFLICT)


class SubmissionViewSet(BulkListMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        viewsets.GenericViewSet):
    """QIS Progress Reports and Covered California Work Plans. The list's rows are
    `QisSubmissionListOutput`'s fields, built from plain rows (`list_rows`)."""

    permission_classes = [RulePermission]
    rule_permissions = {
        "list": "submissions.view_submission",
        "retrieve": "submissions.view_submission",
        "create": "submissions.add_submission",
        "partial_update": "submissions.view_submission",
        "submit": "submissions.view_submission",
        "start_review": "submissions.view_submission",
        "determine": "submissions.view_submission",
        "export": "submissions.view_submission",
    }
    filterset_class = SubmissionFilter
    export_name = "qis-submissions"
    list_values = ("id", "form_type", "issuer_id", "issuer__name", "issuer__hios_issuer_id",
                   "window__plan_year", "implementation_plan_id", "status", "version",
                   "qis_title", "created_at", "updated_at", "submitted_at")

    def get_queryset(self):
        qs = selectors.submissions_for(self.request.user)
        if self.action in ("list", "export"):
            return selectors.list_rows(qs).order_by("-id")
        return selectors.with_details(qs).prefetch_related(
            "determination__findings").order_by("-id")

    def get_serializer_class(self):
        if self.action in ("list", "export"):
            return QisSubmissionListOutput
        return QisSubmissionDetailOutput

    def list_rows(self, rows: list[dict]) -> list[dict]:
        return [{"id": r["id"], "form_type": r["form_type"], "issuer": r["issuer_id"],
                 "issuer_name": r["issuer__name"],
                 "hios_issuer_id": r["issuer__hios_issuer_id"],
                 "plan_year": r["window__plan_year"],
                 "implementation_plan": r["implementation_plan_id"], "status": r["status"],
                 "version": r["version"], "qis_title": r["qis_title"],
                 "created_at": iso_datetime(r["created_at"]),
                 "updated_at": iso_datetime(r["updated_at"]),
                 "submitted_at": iso_datetime(r["submitted_at"])} for r in rows]

    def _detail(self, submission) -> Response:
        fresh = get_object_or_404(self.get_queryset(), pk=submission.pk)
        return Response(QisSubmissionDetailOutput(fresh).data)

    @extend_schema(request=QisSubmissionCreateInput, responses={201: QisSubmissionDetailOutput})
    def create(self, request):
        body = QisSubmissionCreateInput(data=request.data)
        body.is_valid(raise_exception=True)
        window = SubmissionWindow.objects.filter(
            plan_year=body.validated_data["plan_year"]).first()
        if window is None:
            raise serializers.ValidationError({"plan_year": "No submission window for that "
                                                            "plan year."})
        plan = None
        plan_id = body.validated_data.get("implementation_plan")
        if plan_id is not None:
            plan = selectors.plans_for(request.user).filter(pk=plan_id).first()
            if plan is None:
                raise serializers.ValidationError(
                    {"implementation_plan": "No such Implementation Plan of yours."})
        submission = submission_create(
            actor=request.user, form_type=body.validated_data["form_type"], window=window,
            implementation_plan=plan, data=body.validated_data["data"], request=request)
        response = self._detail(submission)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(request=QisSubmissionUpdateInput, responses=QisSubmissionDetailOutput)
    def partial_update(self, request, pk=None):
        submission = self.get_object()
        body = QisSubmissionUpdateInput(data=request.data,
                                        context={"form_type": submission.form_type})
        body.is_valid(raise_exception=True)
        try:
            saved = submission_save_draft(
                submission=submission, actor=request.user, data=body.validated_data["data"],
                expected_version=body.validated_data["version"], request=request)
        except EditConflict as exc:
            return _conflict_response(exc)
        return self._detail(saved)

    @extend_schema(request=QisSubmitInput, responses=QisSubmissionDetailOutput)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        submission = self.get_object()
        body = QisSubmitInput(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            submitted = submission_submit(submission=submission, actor=request.user,
                                          expected_version=body.validated_data.get("version"),
                                          request=request)
        except EditConflict as exc:
            return _conflict_response(exc)
        return self._detail(submitted)

    @extend_schema(request=None, responses=QisSubmissionDetailOutput)
    @action(detail=True, methods=["post"], url_path="start-review")
    def start_review(self, request, pk=None):
        submission = self.get_object()
        return self._detail(submission_start_review(submission=submission, actor=request.user,
                                                    request=request))

    @extend_schema(request=QisDetermineInput, responses=QisSubmissionDetailOutput)
    @action(detail=True, methods=["post"])
    def determine(self, request, pk=None):
        submission = self.get_object()
        body = QisDetermineInput(data=request.data)
        body.is_valid(raise_exception=True)
        result = submission_determine(
            submission=submission, actor=request.user, outcome=body.validated_data["outcome"],
            summary=body.validated_data["summary"],
            correction_report=body.validated_data["correction_report"],
            findings=body.validated_data["findings"],
            checklist=body.validated_data["checklist"], request=request)
        return self._detail(result)


class QisImplementationPlanOutput(serializers.ModelSerializer):
    class Meta:
        model = ImplementationPlan
        fields = ["id", "issuer", "qis_title", "plan_year", "data", "filed_at", "updated_at"]
        read_only_fields = fields


class ImplementationPlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                                viewsets.GenericViewSet):
    serializer_class = QisImplementationPlanOutput
    permission_classes = [RulePermission]
    rule_permissions = {"list": "submissions.view_implementationplan",
                        "retrieve": "submissions.view_implementationplan"}
    filterset_fields = ["plan_year"]

    def get_queryset(self):
        return selectors.plans_for(self.request.user).order_by("-id")


class QisSubmissionWindowOutput(serializers.ModelSerializer):
    class Meta:
        model = SubmissionWindow
        fields = ["id", "plan_year", "form_version", "omb_number", "opens_on", "due_date"]
        read_only_fields = fields


class SubmissionWindowViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = QisSubmissionWindowOutput
    permission_classes = [RulePermission]
    rule_permissions = {"list": "submissions.view_submissionwindow"}

    def get_queryset(self):
        return selectors.windows().order_by("-id")
