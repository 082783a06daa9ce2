"""Small Output serializers (read-only) and Input serializers per write of the lifecycle API.

Status, QIO and region are never writable: states change through the transition actions."""

from rest_framework import serializers

from qio_program.lifecycle.choices import (
    DeliverableKind,
    HandoffTopic,
    QioRole,
    ReviewStatus,
    TrainingAudience,
)
from qio_program.lifecycle.models import (
    A3C,
    DashboardTemplate,
    Deliverable,
    FocusAreaAssessment,
    HandoffNote,
    ProviderAssessment,
    ProviderEngagementStrategy,
    ProviderServiceAgreement,
    QapActivity,
    QapInitiative,
    QapIntervention,
    QualityActionPlan,
    Report,
    SubAim,
    TaskOrder,
    TrainingPlanItem,
)
from qio_program.models import Provider
from qis_portal.models import QIO_ORG_TYPES, Organization, User

TEXT_MAX = 5000
REVIEW_FIELDS = ["status", "submitted_at", "decided_at", "cor_comments", "created_at",
                 "updated_at"]


def values_of(choices, what: str) -> serializers.CharField:
    """A read-only code documented with its values. (The shared review status and the
    deliverable kind are not emitted as enum components: several components share them, and
    drf-spectacular cannot name such an enum without a project-wide override.)"""
    return serializers.CharField(read_only=True,
                                 help_text=f"{what}: one of {', '.join(choices.values)}.")


def review_status():
    return values_of(ReviewStatus, "Review status")


def deliverable_kind():
    return values_of(DeliverableKind, "Deliverable kind")


def text(**kwargs):
    return serializers.CharField(max_length=TEXT_MAX, allow_blank=True, required=False,
                                 **kwargs)


class LifecycleTaskOrderOutput(serializers.ModelSerializer):
    qio = serializers.CharField(source="qio.name")
    qio_id = serializers.IntegerField(read_only=True)
    region = serializers.CharField()
    pop_end = serializers.DateField()
    psa_target = serializers.IntegerField(source="psa_target.target", default=None,
                                          allow_null=True)

    class Meta:
        model = TaskOrder
        fields = ["id", "number", "qio", "qio_id", "region", "award_date", "pop_end", "status",
                  "ended_on", "accounts_closed_at", "psa_target", "cor", "alternate_cor",
                  "created_at", "updated_at"]
        read_only_fields = fields


class LifecycleTaskOrderInput(serializers.Serializer):
    qio = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.filter(
        org_type__in=QIO_ORG_TYPES))
    number = serializers.CharField(max_length=40)
    award_date = serializers.DateField()


class LifecycleTaskOrderEndInput(serializers.Serializer):
    ended_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class LifecycleTaskOrderCorsInput(serializers.Serializer):
    """The COR and alternate (user ids); the service checks that both are CORs."""

    cor = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    alternate_cor = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True,
        default=None)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class LifecyclePsaTargetInput(serializers.Serializer):
    target = serializers.IntegerField(min_value=1, max_value=100000)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class LifecycleDeliverableOutput(serializers.ModelSerializer):
    kind = deliverable_kind()
    report = serializers.PrimaryKeyRelatedField(read_only=True, default=None, allow_null=True)

    class Meta:
        model = Deliverable
        fields = ["id", "task_order", "kind", "title", "sequence", "state", "due_date",
                  "contract_year", "period_start", "period_end", "delivered_at", "report",
                  "updated_at"]
        read_only_fields = fields


class LifecycleFocusAreaOutput(serializers.ModelSerializer):
    sub_aim = serializers.CharField(source="sub_aim.code")
    sub_aim_name = serializers.CharField(source="sub_aim.name")
    aim = serializers.CharField(source="sub_aim.aim.name")

    class Meta:
        model = FocusAreaAssessment
        fields = ["sub_aim", "sub_aim_name", "aim", "assessment", "qio_role", "rationale"]
        read_only_fields = fields


class LifecycleA3COutput(serializers.ModelSerializer):
    status = review_status()
    focus_areas = LifecycleFocusAreaOutput(many=True, read_only=True)

    class Meta:
        model = A3C
        fields = ["id", "task_order", "state", "version", "previous", "general_assessment",
                  "healthcare_scan", "quality_scan", "partner_scan", "focus_areas",
                  *REVIEW_FIELDS]
        read_only_fields = fields


class LifecycleA3CCreateInput(serializers.Serializer):
    task_order = serializers.PrimaryKeyRelatedField(queryset=TaskOrder.objects.none())
    state = serializers.CharField(max_length=2)


class LifecycleFocusAreaInput(serializers.Serializer):
    sub_aim = serializers.SlugRelatedField(slug_field="code", queryset=SubAim.objects.filter(
        active=True))
    assessment = text()
    qio_role = serializers.ChoiceField(choices=QioRole.choices, required=False,
                                       allow_blank=True)
    rationale = text()


class LifecycleA3CUpdateInput(serializers.Serializer):
    general_assessment = text()
    healthcare_scan = text()
    quality_scan = text()
    partner_scan = text()
    focus_areas = LifecycleFocusAreaInput(many=True, required=False)


class LifecycleNoteInput(serializers.Serializer):
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class LifecycleCommentsInput(serializers.Serializer):
    comments = serializers.CharField(max_length=5000)


class LifecycleProviderRef(serializers.ModelSerializer):
    class Meta:
        model = Provider
        fields = ["id", "name", "state", "setting"]
        read_only_fields = fields


class LifecyclePesOutput(serializers.ModelSerializer):
    provider = LifecycleProviderRef(read_only=True)

    class Meta:
        model = ProviderEngagementStrategy
        fields = ["id", "task_order", "provider", "version", "previous", "qi_lead_name",
                  "qi_lead_email", "needs_summary", "engagement_approach",
                  "planned_interventions", "provider_input", "status", "presented_at",
                  "signed_on", "reevaluation_due", "created_at", "updated_at"]
        read_only_fields = fields


class LifecycleProviderWorkCreateInput(serializers.Serializer):
    task_order = serializers.PrimaryKeyRelatedField(queryset=TaskOrder.objects.none())
    provider = serializers.PrimaryKeyRelatedField(queryset=Provider.objects.all())


class LifecyclePesInput(serializers.Serializer):
    qi_lead_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    qi_lead_email = serializers.EmailField(required=False, allow_blank=True)
    needs_summary = text()
    engagement_approach = text()
    planned_interventions = text()


class LifecyclePesCreateInput(LifecycleProviderWorkCreateInput, LifecyclePesInput):
    pass


class LifecycleProviderInputInput(serializers.Serializer):
    provider_input = serializers.CharField(max_length=5000)


class LifecyclePsaOutput(serializers.ModelSerializer):
    provider = LifecycleProviderRef(read_only=True)

    class Meta:
        model = ProviderServiceAgreement
        fields = ["id", "task_order", "provider", "provider_needs", "service_response",
                  "start_date", "status", "sent_at", "provider_comments", "signed_on",
                  "terminated_on", "termination_reason", "created_at", "updated_at"]
        read_only_fields = fields


class LifecyclePsaInput(serializers.Serializer):
    provider_needs = text()
    service_response = text()
    start_date = serializers.DateField(required=False, allow_null=True)


class LifecyclePsaCreateInput(LifecycleProviderWorkCreateInput, LifecyclePsaInput):
    pass


class LifecycleReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class LifecycleAssessmentOutput(serializers.ModelSerializer):
    status = review_status()
    provider = LifecycleProviderRef(read_only=True)

    class Meta:
        model = ProviderAssessment
        fields = ["id", "task_order", "provider", "sequence", "general_assessment",
                  "readiness_assessment", "needs_assessment", "resource_assessment",
                  "submitted_on", "due_date", "submission_count", "escalated_at",
                  *REVIEW_FIELDS]
        read_only_fields = fields


class LifecycleAssessmentInput(serializers.Serializer):
    general_assessment = text()
    readiness_assessment = text()
    needs_assessment = text()
    resource_assessment = text()


class LifecycleAssessmentCreateInput(LifecycleProviderWorkCreateInput, LifecycleAssessmentInput):
    pass


class LifecycleActivityOutput(serializers.ModelSerializer):
    class Meta:
        model = QapActivity
        fields = ["id", "title", "description", "target_date"]
        read_only_fields = fields


class LifecycleInterventionOutput(serializers.ModelSerializer):
    activities = LifecycleActivityOutput(many=True, read_only=True)

    class Meta:
        model = QapIntervention
        fields = ["id", "title", "description", "activities"]
        read_only_fields = fields


class LifecycleInitiativeOutput(serializers.ModelSerializer):
    aim = serializers.CharField(source="sub_aim.aim.name")
    sub_aim = serializers.CharField(source="sub_aim.code")
    interventions = LifecycleInterventionOutput(many=True, read_only=True)

    class Meta:
        model = QapInitiative
        fields = ["id", "aim", "sub_aim", "title", "description", "interventions"]
        read_only_fields = fields


class LifecycleTrainingOutput(serializers.ModelSerializer):
    class Meta:
        model = TrainingPlanItem
        fields = ["id", "plan_year", "audience", "topic", "description"]
        read_only_fields = fields


class LifecycleQapOutput(serializers.ModelSerializer):
    status = review_status()
    provider = LifecycleProviderRef(read_only=True)
    initiatives = LifecycleInitiativeOutput(many=True, read_only=True)
    training_items = LifecycleTrainingOutput(many=True, read_only=True)

    class Meta:
        model = QualityActionPlan
        fields = ["id", "task_order", "provider", "version", "previous", "quality_landscape",
                  "deficiencies", "collaborating_entities", "health_equity", "initiatives",
                  "training_items", *REVIEW_FIELDS]
        read_only_fields = fields


class LifecycleQapInput(serializers.Serializer):
    quality_landscape = text()
    deficiencies = text()
    collaborating_entities = text()
    health_equity = text()


class LifecycleQapCreateInput(LifecycleProviderWorkCreateInput, LifecycleQapInput):
    pass


class LifecycleQapItemInput(serializers.Serializer):
    """One new tree node: an initiative (under a sub-aim), an intervention (under an
    initiative), an activity (under an intervention), or a training-plan item."""

    level = serializers.ChoiceField(choices=["initiative", "intervention", "activity",
                                             "training"])
    sub_aim = serializers.SlugRelatedField(slug_field="code", required=False,
                                           queryset=SubAim.objects.filter(active=True))
    parent = serializers.IntegerField(required=False, min_value=1)
    title = serializers.CharField(max_length=200, required=False)
    description = text()
    target_date = serializers.DateField(required=False, allow_null=True)
    plan_year = serializers.IntegerField(required=False, min_value=1, max_value=5)
    audience = serializers.ChoiceField(choices=TrainingAudience.choices, required=False)

    def validate(self, attrs):
        level = attrs["level"]
        needed = {"initiative": ["sub_aim", "title"], "intervention": ["parent", "title"],
                  "activity": ["parent", "title"],
                  "training": ["plan_year", "audience", "title"]}[level]
        missing = {name: ["This field is required for this level."] for name in needed
                   if attrs.get(name) in (None, "")}
        if missing:
            raise serializers.ValidationError(missing)
        return attrs


class LifecycleReportOutput(serializers.ModelSerializer):
    status = review_status()
    kind = deliverable_kind()
    class Meta:
        model = Report
        fields = ["id", "deliverable", "task_order", "kind", "content", *REVIEW_FIELDS]
        read_only_fields = fields


class LifecycleReportCreateInput(serializers.Serializer):
    deliverable = serializers.PrimaryKeyRelatedField(queryset=Deliverable.objects.none())


class LifecycleReportUpdateInput(serializers.Serializer):
    content = serializers.DictField(child=serializers.CharField(allow_blank=True,
                                                                max_length=10_000))


class LifecycleTemplateOutput(serializers.ModelSerializer):
    status = review_status()
    class Meta:
        model = DashboardTemplate
        fields = ["id", "task_order", "layout", "measures", *REVIEW_FIELDS]
        read_only_fields = fields


class LifecycleTemplateCreateInput(serializers.Serializer):
    task_order = serializers.PrimaryKeyRelatedField(queryset=TaskOrder.objects.none())


class LifecycleTemplateInput(serializers.Serializer):
    layout = text()
    measures = text()


class LifecycleHandoffOutput(serializers.ModelSerializer):
    class Meta:
        model = HandoffNote
        fields = ["id", "task_order", "topic", "provider", "incoming_contractor",
                  "incoming_qio", "body", "created_at", "updated_at"]
        read_only_fields = fields


class LifecycleHandoffInput(serializers.Serializer):
    task_order = serializers.PrimaryKeyRelatedField(queryset=TaskOrder.objects.none())
    topic = serializers.ChoiceField(choices=HandoffTopic.choices)
    provider = serializers.PrimaryKeyRelatedField(queryset=Provider.objects.all(),
                                                  required=False, allow_null=True)
    incoming_contractor = serializers.CharField(max_length=200, required=False,
                                                allow_blank=True, default="")
    incoming_qio = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.filter(org_type__in=QIO_ORG_TYPES), required=False,
        allow_null=True, default=None)
    body = serializers.CharField(max_length=TEXT_MAX)


class LifecycleApprovalOutput(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.IntegerField(source="obj.pk")
    title = serializers.CharField(source="obj")
    qio = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    due_date = serializers.DateField(allow_null=True)
    business_days_left = serializers.IntegerField(source="days_left", allow_null=True)
    overdue = serializers.BooleanField()
    escalated = serializers.BooleanField()
    url = serializers.CharField()
