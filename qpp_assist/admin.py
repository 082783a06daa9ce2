"""Admin for staff data fixes. Inquiry status, owner and clocks are read-only here: they move
through the services (audited, locked), never through a form."""

from django.contrib import admin

from qpp_assist import models


@admin.register(models.ContractorType)
class ContractorTypeAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "response_business_days", "reach_goal_percent"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Contractor)
class ContractorAdmin(admin.ModelAdmin):
    list_display = ["organization", "contractor_type", "region", "active"]
    list_filter = ["contractor_type", "region", "active"]
    search_fields = ["organization__name", "service_area"]
    raw_id_fields = ["organization"]


@admin.register(models.Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["name", "tin", "state", "region", "group_size"]
    list_filter = ["region", "rural", "underserved", "shortage_area"]
    search_fields = ["name", "tin"]
    raw_id_fields = ["created_by"]


class HandOffInline(admin.TabularInline):
    model = models.HandOff
    extra = 0
    can_delete = False
    fields = ["kind", "from_contractor", "to_contractor", "note", "by", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    list_display = ["id", "practice_name", "status", "contractor", "respond_by", "priority"]
    list_filter = ["status", "region", "priority", "channel"]
    search_fields = ["practice_name", "tin", "question"]
    raw_id_fields = ["practice", "submitted_by", "responded_by", "ptn"]
    readonly_fields = ["status", "contractor", "routing_rule", "routing_explanation",
                       "routing_verdicts", "route_overridden", "assigned_at", "respond_by",
                       "assignment_count", "escalated_at", "responded_at",
                       "response_business_days", "eligible_clinician"]
    inlines = [HandOffInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.AssistanceRecord)
class AssistanceRecordAdmin(admin.ModelAdmin):
    list_display = ["practice", "contractor", "kind", "provided_on"]
    list_filter = ["kind"]
    raw_id_fields = ["practice", "contractor", "recorded_by"]
