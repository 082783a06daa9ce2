"""Admin for staff data fixes. Task status, SPL versions and audit-bearing rows stay read-only:
workflow state changes only through the services."""

from django.contrib import admin

from qio_program.models import (
    Interaction,
    InterventionReport,
    OutcomeMeasure,
    OutcomeValue,
    Provider,
    ProviderContact,
    SplEntry,
    SplUpload,
    SplVersion,
    Task,
    TaskComment,
    WorkGroup,
)
from qis_portal.admin import ReadOnlyAdmin


class ProviderContactInline(admin.TabularInline):
    model = ProviderContact
    extra = 0


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "ccn", "tin", "setting", "state", "region", "medicare_status",
                    "spl_status"]
    list_filter = ["region", "setting", "medicare_status", "on_spl"]
    search_fields = ["name", "ccn", "tin"]
    readonly_fields = ["on_spl", "created_by", "created_at", "updated_at"]
    raw_id_fields = ["organization"]
    show_full_result_count = False  # no COUNT(*) over 100,000 providers
    inlines = [ProviderContactInline]

    @admin.display(boolean=True, description="on the SPL (AIAN always)")
    def spl_status(self, provider: Provider) -> bool:
        return provider.spl_eligible


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["subject", "qio", "status", "priority", "due_date", "assigned_user",
                    "assigned_queue"]
    list_filter = ["status", "priority", "task_type", "assigned_queue"]
    search_fields = ["subject"]
    readonly_fields = ["status", "auto_key", "completed_at", "completed_by", "related_type",
                       "related_id", "created_at", "updated_at"]
    raw_id_fields = ["owner", "assigned_user", "assigned_group"]


@admin.register(WorkGroup)
class WorkGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "qio"]
    filter_horizontal = ["members"]


@admin.register(OutcomeMeasure)
class OutcomeMeasureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "applies_to", "unit", "is_active"]
    list_filter = ["applies_to", "is_active"]
    search_fields = ["code", "name"]


for model in (TaskComment, SplUpload, SplVersion, SplEntry, Interaction, InterventionReport,
              OutcomeValue):
    admin.site.register(model, ReadOnlyAdmin)
