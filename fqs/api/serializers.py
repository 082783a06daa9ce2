"""Small Input/Output serializers. Status, region and the QIO are never read from a body.

Survey responses appear only in SurveyResponseOutput, served to the COR and CMS read-only.
"""

from rest_framework import serializers

from fqs.models import (
    Activation,
    ActivationProvider,
    CloseoutReason,
    FqsRequest,
    MedicareVerification,
    Referral,
    ReferralIntervention,
    ReferralOutcome,
    RequestAttachment,
    RequestSource,
    SprintDays,
    SprintRequest,
    SprintRequestKind,
    SupportHandoff,
    SurveyResponse,
)
from fqs.models.choices import EARLY_CLOSEOUT_REASONS
from qio_program.models import Provider, ProviderSetting
from qis_portal.models import User
from qis_portal.regions import Region


class AttachmentOutput(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = RequestAttachment
        fields = ["id", "original_name", "content_type", "size", "uploaded_at", "download_url"]

    def get_download_url(self, row) -> str:
        return f"/fqs/requests/{row.request_id}/files/{row.pk}/"


class FqsRequestOutput(serializers.ModelSerializer):
    submitted_by = serializers.EmailField(source="submitted_by.email", read_only=True)
    provider_name = serializers.CharField(source="provider.name", default="", read_only=True)
    on_spl = serializers.BooleanField(source="facility_on_spl", read_only=True)
    attachments = AttachmentOutput(many=True, read_only=True)
    route_cors = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    route_smes = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    activation = serializers.SerializerMethodField()

    class Meta:
        model = FqsRequest
        fields = ["id", "status", "source", "provider", "provider_name", "facility_name",
                  "facility_ccn", "facility_state", "region", "on_spl", "description", "aims",
                  "sub_aims", "work_description", "route_cors", "route_smes",
                  "decision_reason", "submitted_by", "reviewed_at", "activation",
                  "attachments", "created_at", "updated_at"]
        read_only_fields = fields

    def get_activation(self, obj) -> int | None:
        activation = getattr(obj, "activation", None)
        return activation.pk if activation is not None else None


class FqsRequestCreateInput(serializers.Serializer):
    source = serializers.ChoiceField(choices=RequestSource.choices)
    provider = serializers.PrimaryKeyRelatedField(queryset=Provider.objects.all(),
                                                  required=False, allow_null=True)
    facility_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    facility_ccn = serializers.CharField(max_length=10, required=False, allow_blank=True)
    facility_state = serializers.CharField(max_length=2, required=False, allow_blank=True)
    description = serializers.CharField(max_length=5000)


class FqsRequestUpdateInput(serializers.Serializer):
    source = serializers.ChoiceField(choices=RequestSource.choices, required=False)
    provider = serializers.PrimaryKeyRelatedField(queryset=Provider.objects.all(),
                                                  required=False, allow_null=True)
    facility_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    facility_ccn = serializers.CharField(max_length=10, required=False, allow_blank=True)
    facility_state = serializers.CharField(max_length=2, required=False, allow_blank=True)
    description = serializers.CharField(max_length=5000, required=False)
    aims = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    sub_aims = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    work_description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    route_cors = serializers.PrimaryKeyRelatedField(many=True, required=False,
                                                    queryset=User.objects.filter(is_active=True))
    route_smes = serializers.PrimaryKeyRelatedField(many=True, required=False,
                                                    queryset=User.objects.filter(is_active=True))


class NoteInput(serializers.Serializer):
    body = serializers.CharField(max_length=5000)


class FileInput(serializers.Serializer):
    file = serializers.FileField()


class MedicareVerificationInput(serializers.Serializer):
    source = serializers.CharField(max_length=200, allow_blank=True)
    verified_on = serializers.DateField(allow_null=True)
    document = serializers.FileField()


class MedicareVerificationOutput(serializers.ModelSerializer):
    verified_by = serializers.EmailField(source="verified_by.email", read_only=True)
    document_url = serializers.SerializerMethodField()

    class Meta:
        model = MedicareVerification
        fields = ["id", "fqs_request", "provider", "source", "verified_on", "verified_by",
                  "recorded_at", "original_name", "content_type", "size", "document_url"]
        read_only_fields = fields

    def get_document_url(self, row) -> str:
        return f"/fqs/medicare-verifications/{row.pk}/document/"


class ApproveInput(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RejectInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ActivationProviderOutput(serializers.ModelSerializer):
    provider_name = serializers.CharField(source="provider.name", default="", read_only=True)

    class Meta:
        model = ActivationProvider
        fields = ["id", "provider", "provider_name", "facility_name", "facility_ccn",
                  "facility_state", "region", "baseline_metric", "baseline_value"]
        read_only_fields = fields


class ActivationOutput(serializers.ModelSerializer):
    providers = ActivationProviderOutput(many=True, read_only=True)
    referrals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Activation
        fields = ["id", "status", "request", "focus_area", "onsite_required", "sprint_days",
                  "quality_issue", "inclusion_criteria", "closeout_metrics",
                  "reporting_requirements", "submit_comment", "decision_reason",
                  "submitted_at", "decided_at", "providers", "referrals", "created_at",
                  "updated_at"]
        read_only_fields = fields


class ActivationUpdateInput(serializers.Serializer):
    focus_area = serializers.CharField(max_length=200, required=False, allow_blank=True)
    onsite_required = serializers.BooleanField(required=False, allow_null=True)
    sprint_days = serializers.ChoiceField(choices=SprintDays.choices, required=False,
                                          allow_null=True)
    quality_issue = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    inclusion_criteria = serializers.CharField(max_length=5000, required=False,
                                               allow_blank=True)
    closeout_metrics = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    reporting_requirements = serializers.CharField(max_length=5000, required=False,
                                                   allow_blank=True)


class ActivationProviderInput(serializers.Serializer):
    provider = serializers.PrimaryKeyRelatedField(queryset=Provider.objects.all(),
                                                  required=False, allow_null=True)
    facility_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    facility_ccn = serializers.CharField(max_length=10, required=False, allow_blank=True)
    facility_state = serializers.CharField(max_length=2, required=False, allow_blank=True)
    region = serializers.ChoiceField(choices=Region.choices, required=False, allow_blank=True)
    baseline_metric = serializers.CharField(max_length=200)
    baseline_value = serializers.DecimalField(max_digits=12, decimal_places=4)


class SubmitInput(serializers.Serializer):
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True,
                                    default="")


class InterventionOutput(serializers.ModelSerializer):
    class Meta:
        model = ReferralIntervention
        fields = ["id", "performed_on", "description", "recorded_at"]
        read_only_fields = fields


class OutcomeOutput(serializers.ModelSerializer):
    change_from_baseline = serializers.DecimalField(max_digits=13, decimal_places=4,
                                                    read_only=True)

    class Meta:
        model = ReferralOutcome
        fields = ["id", "measured_on", "value", "change_from_baseline", "note", "recorded_at"]
        read_only_fields = fields


class ReferralOutput(serializers.ModelSerializer):
    qio = serializers.CharField(source="organization.name", read_only=True)
    facility = serializers.CharField(source="facility_label", read_only=True)
    assigned_to = serializers.EmailField(source="assigned_to.email", default=None,
                                         read_only=True, allow_null=True)
    closeout_reason = serializers.ChoiceField(choices=CloseoutReason.choices, read_only=True,
                                              allow_blank=True)
    baseline_metric = serializers.CharField(source="activation_provider.baseline_metric",
                                            read_only=True)
    baseline_value = serializers.DecimalField(source="activation_provider.baseline_value",
                                              max_digits=12, decimal_places=4, read_only=True)
    days_left = serializers.SerializerMethodField()
    interventions = InterventionOutput(many=True, read_only=True)
    outcomes = OutcomeOutput(many=True, read_only=True)

    class Meta:
        model = Referral
        fields = ["id", "status", "activation", "provider", "facility", "organization", "qio",
                  "region", "assigned_to", "assigned_at", "launch_due_date", "launched_at",
                  "sprint_days", "sprint_start", "sprint_end", "days_left", "extension_count",
                  "hold_started_on", "held_days_total", "provider_engaged_on", "root_causes",
                  "action_plans", "baseline_metrics", "baseline_metric", "baseline_value",
                  "planned_interventions", "sustainability_plan", "qap_agreed_on",
                  "interventions", "outcomes", "closed_at", "closeout_reason",
                  "closeout_metric", "closeout_baseline_value", "closeout_final_value",
                  "closeout_final_measured_on", "created_at", "updated_at"]
        read_only_fields = fields

    def get_days_left(self, obj) -> int | None:
        from fqs import sprint

        return obj.days_left(sprint.today())


class AssignInput(serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))


class InitiationInput(serializers.Serializer):
    provider_engaged_on = serializers.DateField(required=False, allow_null=True)
    root_causes = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    action_plans = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    baseline_metrics = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class QapInput(serializers.Serializer):
    planned_interventions = serializers.CharField(max_length=5000, required=False,
                                                  allow_blank=True)
    sustainability_plan = serializers.CharField(max_length=5000, required=False,
                                                allow_blank=True)
    qap_agreed_on = serializers.DateField(required=False, allow_null=True)


class InterventionInput(serializers.Serializer):
    performed_on = serializers.DateField()
    description = serializers.CharField(max_length=5000)


class OutcomeInput(serializers.Serializer):
    measured_on = serializers.DateField()
    value = serializers.DecimalField(max_digits=12, decimal_places=4)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ProviderCreateInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    setting = serializers.ChoiceField(choices=ProviderSetting.choices)
    ccn = serializers.CharField(max_length=10)
    state = serializers.CharField(min_length=2, max_length=2)
    address_line1 = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                          default="")
    city = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    zip_code = serializers.CharField(max_length=10, required=False, allow_blank=True,
                                     default="")
    attested = serializers.BooleanField()
    verification_source = serializers.CharField(max_length=200, allow_blank=True)
    verified_on = serializers.DateField(allow_null=True)


class ProviderOutput(serializers.ModelSerializer):
    on_spl = serializers.BooleanField(source="spl_eligible", read_only=True)

    class Meta:
        model = Provider
        fields = ["id", "name", "setting", "ccn", "state", "region", "medicare_status",
                  "medicare_verified_at", "on_spl"]
        read_only_fields = fields


class SprintRequestOutput(serializers.ModelSerializer):
    requested_by = serializers.EmailField(source="requested_by.email", read_only=True)
    decided_by = serializers.EmailField(source="decided_by.email", default=None,
                                        read_only=True, allow_null=True)
    closeout_reason = serializers.ChoiceField(choices=CloseoutReason.choices, read_only=True,
                                              allow_blank=True)

    class Meta:
        model = SprintRequest
        fields = ["id", "referral", "kind", "status", "closeout_reason", "justification",
                  "requested_by", "decided_by", "decided_at", "decision_reason", "escalated_at",
                  "created_at", "updated_at"]
        read_only_fields = fields


class SprintRequestCreateInput(serializers.Serializer):
    referral = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=SprintRequestKind.choices)
    closeout_reason = serializers.ChoiceField(
        choices=[(c.value, c.label) for c in EARLY_CLOSEOUT_REASONS], required=False,
        allow_blank=True, default="")
    justification = serializers.CharField(max_length=2000)


class SurveyResponseOutput(serializers.ModelSerializer):
    referral = serializers.IntegerField(source="survey.referral_id", read_only=True)
    provider = serializers.CharField(source="survey.provider.name", read_only=True)

    class Meta:
        model = SurveyResponse
        fields = ["id", "survey", "referral", "provider", "overall_satisfaction",
                  "issue_resolved", "would_recommend", "comments", "submitted_at"]
        read_only_fields = fields


class SupportHandoffOutput(serializers.ModelSerializer):
    qio = serializers.CharField(source="organization.name", read_only=True)
    facility = serializers.CharField(source="provider.name", read_only=True)
    decided_by = serializers.EmailField(source="decided_by.email", default=None,
                                        read_only=True, allow_null=True)

    class Meta:
        model = SupportHandoff
        fields = ["id", "status", "fqs_request", "provider", "facility", "organization", "qio",
                  "task", "decided_by", "decided_at", "decision_reason", "created_at",
                  "updated_at"]
        read_only_fields = fields
