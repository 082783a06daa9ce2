"""Small input and output serializers for the QPP API. Status, owner (contractor), routing and
clocks are output only: no request body can set them."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from qpp_assist.models import Contractor, HandOff, Inquiry, MipsCategory, RequestKind


def pattern_choice(choices, **kwargs) -> serializers.ChoiceField:
    """A choice field documented by a pattern rather than an enum: the schema's enum components
    are named after the property, and another app's "kind" enum would collide with ours."""
    values = [value for value, _ in choices]

    @extend_schema_field({"type": "string", "pattern": f"^({'|'.join(values)})$",
                          "description": "One of: " + ", ".join(values) + "."})
    class PatternChoiceField(serializers.ChoiceField):
        pass

    return PatternChoiceField(choices=choices, **kwargs)


class ContractorOutput(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.name")
    type = serializers.CharField(source="contractor_type.code")
    type_name = serializers.CharField(source="contractor_type.short_name")

    class Meta:
        model = Contractor
        fields = ["id", "organization", "type", "type_name", "region", "service_area"]
        read_only_fields = fields


class HandOffOutput(serializers.ModelSerializer):
    by = serializers.EmailField(source="by.email")
    from_contractor_name = serializers.CharField(source="from_label")
    to_contractor_name = serializers.CharField(source="to_contractor.label")
    kind = pattern_choice(HandOff.Kind.choices, read_only=True)

    class Meta:
        model = HandOff
        fields = ["id", "inquiry", "kind", "from_contractor", "from_contractor_name",
                  "to_contractor", "to_contractor_name", "note", "by", "respond_by",
                  "created_at", "updated_at"]
        read_only_fields = fields


class VerdictOutput(serializers.Serializer):
    type = serializers.CharField()
    short_name = serializers.CharField()
    serves = serializers.BooleanField()
    reason = serializers.CharField()


class InquiryOutput(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner_label")
    submitted_by = serializers.EmailField(source="submitted_by.email")
    routing_verdicts = VerdictOutput(many=True)
    kind = pattern_choice(RequestKind.choices, read_only=True)
    handoffs = HandOffOutput(many=True)
    contact_email = serializers.CharField(read_only=True, help_text="Blank when none was given.")

    class Meta:
        model = Inquiry
        fields = [
            "id", "status", "channel", "submitted_by", "practice", "practice_name", "tin",
            "state", "region", "clinician_name", "contact_email", "group_size", "advanced_apm",
            "any_apm", "ptn_enrolled", "ptn", "rural", "underserved", "shortage_area",
            "medicare_charges", "medicare_patients", "eligible_clinician", "kind",
            "mips_category", "question", "contractor", "owner", "routing_rule",
            "routing_explanation", "routing_verdicts", "priority", "route_overridden",
            "assigned_at", "respond_by", "escalated_at", "response", "responded_at",
            "response_business_days", "handoffs", "created_at", "updated_at",
        ]
        read_only_fields = fields


class InquiryCreateInput(serializers.Serializer):
    practice_name = serializers.CharField(max_length=200)
    tin = serializers.CharField(max_length=20, help_text="9 digits.")
    state = serializers.CharField(max_length=2, help_text="USPS code of the practice's state.")
    clinician_name = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                           default="")
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")
    group_size = serializers.IntegerField(min_value=1, max_value=100_000)
    medicare_charges = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    medicare_patients = serializers.IntegerField(min_value=0, max_value=10_000_000)
    advanced_apm = serializers.BooleanField()
    any_apm = serializers.BooleanField()
    ptn_enrolled = serializers.BooleanField()
    ptn = serializers.IntegerField(required=False, allow_null=True, default=None,
                                   help_text="Id of the PTN (GET /api/qpp/contractors/).")
    rural = serializers.BooleanField(required=False, default=False)
    underserved = serializers.BooleanField(required=False, default=False)
    shortage_area = serializers.BooleanField(required=False, default=False)
    kind = pattern_choice(RequestKind.choices, required=False, default=RequestKind.QUESTION)
    mips_category = serializers.ChoiceField(choices=MipsCategory.choices)
    question = serializers.CharField(max_length=4000)


class RespondInput(serializers.Serializer):
    response = serializers.CharField(max_length=5000)


class RouteOverrideInput(serializers.Serializer):
    to_contractor = serializers.IntegerField()
    reason = serializers.CharField(max_length=2000)


class HandOffCreateInput(serializers.Serializer):
    inquiry = serializers.IntegerField()
    to_contractor = serializers.IntegerField()
    note = serializers.CharField(max_length=2000)
