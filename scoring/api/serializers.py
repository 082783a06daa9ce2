"""Small Input / Output serializers of the scoring API."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from scoring import selectors
from scoring.api.schemas import SCORING_OUTPUT
from scoring.choices import ApmType, Level, SubmissionMethod
from scoring.models import (
    ApmEntity,
    Benchmark,
    EntityScore,
    Measure,
    Participant,
    QualitySubmission,
    ScoringRun,
)
from scoring.services.csv_columns import MAX_COUNT


class BenchmarkOutput(serializers.ModelSerializer):
    class Meta:
        model = Benchmark
        fields = ["submission_method", "benchmark_year", "deciles", "is_topped_out",
                  "is_topped_out_by_program"]


class MeasureOutput(serializers.ModelSerializer):
    topped_out = serializers.BooleanField(read_only=True, help_text="Any 2020 benchmark of "
                                                                    "the measure is topped out.")

    class Meta:
        model = Measure
        fields = ["measure_id", "title", "measure_type", "metric_type", "is_high_priority",
                  "is_inverse", "submission_methods", "topped_out"]


class MeasureDetailOutput(MeasureOutput):
    benchmarks = BenchmarkOutput(many=True, read_only=True)

    class Meta(MeasureOutput.Meta):
        fields = [*MeasureOutput.Meta.fields, "description", "benchmarks"]


class EntityOutput(serializers.ModelSerializer):
    requires_mips_quality_reporting = serializers.BooleanField(read_only=True)

    class Meta:
        model = ApmEntity
        fields = ["id", "performance_year", "entity_id", "name", "apm_type",
                  "requires_mips_quality_reporting", "clinician_count", "small_practice",
                  "complex_patient_bonus", "improvement_activities_score",
                  "promoting_interoperability_score", "quality_reweighted",
                  "prior_year_quality_achievement_percent", "prior_year_identifier",
                  "improvement_score", "organization", "created_at", "updated_at"]
        read_only_fields = fields


def _count():
    """A count the integer column holds on every database (SQLite alone would take more)."""
    return serializers.IntegerField(min_value=0, max_value=MAX_COUNT, required=False,
                                    allow_null=True)


def _percent(**kwargs):
    return serializers.DecimalField(max_digits=7, decimal_places=4, min_value=0, max_value=100,
                                    required=False, allow_null=True, **kwargs)


class EntityInput(serializers.Serializer):
    entity_id = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=200)
    apm_type = serializers.ChoiceField(choices=ApmType.choices)
    clinician_count = _count()
    small_practice = serializers.BooleanField(required=False, allow_null=True)
    complex_patient_bonus = serializers.DecimalField(max_digits=6, decimal_places=4,
                                                     min_value=0, max_value=5, required=False)
    improvement_activities_score = _percent(help_text="null: reweighted to 0")
    promoting_interoperability_score = _percent(help_text="null: reweighted to 0")
    quality_reweighted = serializers.BooleanField(required=False)
    prior_year_quality_achievement_percent = _percent(
        help_text="the 2019 achievement percent (no bonus) of the identifier that submitted "
                  "in 2019")
    prior_year_identifier = serializers.CharField(
        max_length=40, required=False, allow_blank=True,
        help_text="the identifier that submitted in 2019; blank: this entity_id. When it "
                  "differs, the participants' prior_year_achievement_percent are averaged "
                  "(§4.2.4)")
    improvement_score = serializers.DecimalField(
        max_digits=7, decimal_places=4, min_value=0, max_value=10, required=False,
        allow_null=True, help_text="percentage points, as CMS provides it; instead of the "
                                   "2019 scores")


class ParticipantOutput(serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = ["id", "entity", "tin", "npi", "prior_year_achievement_percent"]
        read_only_fields = fields


@extend_schema_field(OpenApiTypes.INT)
class _EntityField(serializers.PrimaryKeyRelatedField):
    """An entity the requesting user may see; any other id is simply unknown."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return ApmEntity.objects.none()
        return selectors.entities_for_user(request.user)


class ParticipantsInput(serializers.Serializer):
    entity = _EntityField()
    tin = serializers.RegexField(r"^[0-9]{9}$", help_text="Nine digits.")
    npis = serializers.ListField(child=serializers.RegexField(r"^[0-9]{10}$"), min_length=1,
                                 max_length=5000)
    prior_year_achievement_percent = _percent(
        help_text="the 2019 achievement percent of each of these clinicians (§4.2.4); also "
                  "set on those already listed")


@extend_schema_field({"allOf": [{"type": "string", "enum": Level.values}],
                     "description": "who reported: entity, tin (a group) or npi (one "
                                    "clinician within a TIN)"})
class LevelField(serializers.ChoiceField):
    """An inline enum (wrapped in allOf so that drf-spectacular does not extract it): a shared
    ``LevelEnum`` component would collide with other apps' ``level`` fields."""

    def __init__(self, **kwargs):
        super().__init__(choices=Level.choices, **kwargs)


class SummaryMeasure(serializers.Serializer):
    measure_id = serializers.RegexField(r"^CAHPS_[A-Z0-9_]+$", max_length=20,
                                        help_text="e.g. CAHPS_1 (321) or CAHPS_ACO_1 (ACO321)")
    performance_rate = serializers.DecimalField(max_digits=7, decimal_places=4, min_value=0,
                                                max_value=100)


class SubmissionOutput(serializers.ModelSerializer):
    level = LevelField(read_only=True)
    summary_measures = SummaryMeasure(many=True, read_only=True)

    class Meta:
        model = QualitySubmission
        fields = ["id", "entity", "level", "tin", "npi", "measure_id", "submission_method",
                  "numerator", "denominator", "performance_rate", "eligible_population",
                  "data_completeness", "wi_reported_beneficiaries", "wi_sample_size",
                  "end_to_end", "external_points", "summary_measures", "created_at",
                  "updated_at"]
        read_only_fields = fields


class SubmissionInput(serializers.Serializer):
    entity = _EntityField()
    level = LevelField()
    tin = serializers.RegexField(r"^[0-9]{9}$", required=False, allow_blank=True)
    npi = serializers.RegexField(r"^[0-9]{10}$", required=False, allow_blank=True)
    measure_id = serializers.CharField(max_length=20)
    submission_method = serializers.ChoiceField(choices=SubmissionMethod.choices)
    numerator = _count()
    denominator = _count()
    performance_rate = serializers.DecimalField(max_digits=12, decimal_places=4,
                                                required=False, allow_null=True)
    eligible_population = _count()
    data_completeness = _percent()
    end_to_end = serializers.BooleanField(required=False, default=False)
    external_points = serializers.DecimalField(max_digits=6, decimal_places=4, min_value=0,
                                               max_value=10, required=False, allow_null=True)
    summary_measures = SummaryMeasure(
        many=True, required=False, help_text="CAHPS 321 / ACO321: the summary survey measure "
                                             "scores; the survey is one measure")
    wi_reported_beneficiaries = _count()
    wi_sample_size = _count()


class RunOutput(serializers.ModelSerializer):
    percent_done = serializers.IntegerField(read_only=True)

    class Meta:
        model = ScoringRun
        fields = ["id", "performance_year", "status", "total", "done", "invalid",
                  "percent_done", "created_at", "started_at", "finished_at", "error"]
        read_only_fields = fields


class RunInput(serializers.Serializer):
    performance_year = serializers.ChoiceField(choices=[2020], default=2020)


class ScoreOutput(serializers.ModelSerializer):
    entity_id = serializers.CharField(source="entity.entity_id", read_only=True)
    entity_name = serializers.CharField(source="entity.name", read_only=True)
    apm_type = serializers.CharField(source="entity.apm_type", read_only=True)
    result = serializers.ChoiceField(source="status", choices=EntityScore.Status.choices,
                                     read_only=True, help_text="scored, or invalid when the "
                                                               "engine refused the data")

    class Meta:
        model = EntityScore
        fields = ["id", "run", "entity", "entity_id", "entity_name", "apm_type", "result",
                  "reporting_level", "achievement_score", "improvement_score",
                  "quality_percent", "final_score", "created_at"]
        read_only_fields = fields


class ScoreDetailOutput(ScoreOutput):
    output = serializers.SerializerMethodField(
        help_text="The engine's output: the same explanation as POST /api/scoring/evaluate/.")
    problems = serializers.JSONField(
        source="errors", read_only=True,
        help_text="When the engine refused the entity's data: [{path, message}].")

    class Meta(ScoreOutput.Meta):
        fields = [*ScoreOutput.Meta.fields, "output", "problems"]

    @extend_schema_field({**SCORING_OUTPUT, "type": [SCORING_OUTPUT["type"], "null"]})
    def get_output(self, obj):
        return obj.output
