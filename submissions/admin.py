"""Staff data fixes. Workflow state, versions and the frozen copy are read-only here: changes
to a form go through its services, so they are audited."""

from django.contrib import admin

from submissions.models import (
    Determination,
    Finding,
    ImplementationPlan,
    Submission,
    SubmissionWindow,
)


@admin.register(SubmissionWindow)
class SubmissionWindowAdmin(admin.ModelAdmin):
    list_display = ["plan_year", "form_version", "omb_number", "opens_on", "due_date"]
    readonly_fields = ["opened_by"]


@admin.register(ImplementationPlan)
class ImplementationPlanAdmin(admin.ModelAdmin):
    list_display = ["qis_title", "issuer", "plan_year", "filed_at"]
    list_filter = ["plan_year"]
    search_fields = ["qis_title", "issuer__name"]
    readonly_fields = ["issuer", "filed_by", "filed_at", "updated_at"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["id", "form_type", "issuer", "window", "status", "version", "updated_at"]
    list_filter = ["form_type", "status", "window"]
    search_fields = ["issuer__name"]
    readonly_fields = ["form_type", "issuer", "window", "implementation_plan", "status",
                       "version", "data", "snapshot", "created_by", "last_saved_by",
                       "created_at", "updated_at", "submitted_at", "submitted_by", "reviewer",
                       "review_started_at"]

    def has_add_permission(self, request):
        return False


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    readonly_fields = ["element", "label", "must_pass", "note"]
    can_delete = False


@admin.register(Determination)
class DeterminationAdmin(admin.ModelAdmin):
    list_display = ["submission", "outcome", "determined_by", "determined_at"]
    readonly_fields = ["submission", "outcome", "summary", "correction_report",
                       "determined_by", "determined_at"]
    inlines = [FindingInline]

    def has_add_permission(self, request):
        return False
