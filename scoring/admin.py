"""Staff data fixes; a run's status is read-only (only the worker moves it)."""

from django.contrib import admin

from scoring.models import (
    ApmEntity,
    Benchmark,
    DataUpload,
    EntityScore,
    Measure,
    Participant,
    QualitySubmission,
    ScoringRun,
)


class BenchmarkInline(admin.TabularInline):
    model = Benchmark
    extra = 0


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["measure_id", "title", "measure_type", "is_high_priority", "is_inverse"]
    list_filter = ["measure_type", "is_high_priority"]
    search_fields = ["measure_id", "title"]
    inlines = [BenchmarkInline]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0


@admin.register(ApmEntity)
class ApmEntityAdmin(admin.ModelAdmin):
    list_display = ["entity_id", "name", "apm_type", "performance_year", "updated_at"]
    list_filter = ["apm_type", "performance_year"]
    search_fields = ["entity_id", "name"]
    inlines = [ParticipantInline]


@admin.register(QualitySubmission)
class QualitySubmissionAdmin(admin.ModelAdmin):
    list_display = ["entity", "level", "tin", "npi", "measure_id", "submission_method"]
    list_filter = ["level", "submission_method"]
    search_fields = ["entity__entity_id", "measure_id", "tin", "npi"]
    raw_id_fields = ["entity"]


@admin.register(ScoringRun)
class ScoringRunAdmin(admin.ModelAdmin):
    list_display = ["id", "performance_year", "status", "done", "total", "created_at"]
    readonly_fields = ["status", "total", "done", "invalid", "started_at", "finished_at",
                       "error", "created_by"]


@admin.register(EntityScore)
class EntityScoreAdmin(admin.ModelAdmin):
    list_display = ["entity", "run", "status", "final_score", "quality_percent"]
    list_filter = ["status", "run"]
    raw_id_fields = ["entity", "run"]
    readonly_fields = ["output", "errors"]


@admin.register(DataUpload)
class DataUploadAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "filename", "status", "row_count", "uploaded_by",
                    "created_at"]
    readonly_fields = ["errors"]
