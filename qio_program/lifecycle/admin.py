"""Admin for staff data fixes: reference aims are editable; workflow state is read-only."""

from django.contrib import admin

from qio_program.lifecycle import models

WORKFLOW_READONLY = ["status", "submitted_at", "submitted_by", "decided_at", "decided_by",
                     "created_by", "created_at", "updated_at"]


class SubAimInline(admin.TabularInline):
    model = models.SubAim
    extra = 0


@admin.register(models.Aim)
class AimAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "active", "order"]
    list_filter = ["kind", "active"]
    inlines = [SubAimInline]


@admin.register(models.TaskOrder)
class TaskOrderAdmin(admin.ModelAdmin):
    list_display = ["number", "qio", "award_date", "status", "ended_on", "accounts_closed_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "ended_on", "accounts_closed_at", "created_by", "created_at",
                       "updated_at"]
    list_select_related = ["qio"]


@admin.register(models.Deliverable)
class DeliverableAdmin(admin.ModelAdmin):
    list_display = ["title", "task_order", "kind", "due_date", "delivered_at"]
    list_filter = ["kind", "contract_year"]
    search_fields = ["title"]
    readonly_fields = ["task_order", "kind", "sequence", "state", "due_date", "contract_year",
                       "delivered_at", "delivered_by", "updated_at"]
    list_select_related = ["task_order__qio"]


@admin.register(models.PsaTarget)
class PsaTargetAdmin(admin.ModelAdmin):
    list_display = ["task_order", "target", "set_by", "updated_at"]
    readonly_fields = ["set_by", "updated_at"]


class ReviewedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "submitted_at", "decided_at"]
    list_filter = ["status"]
    readonly_fields = WORKFLOW_READONLY


@admin.register(models.A3C)
class A3CAdmin(ReviewedAdmin):
    readonly_fields = [*WORKFLOW_READONLY, "task_order", "state", "version", "previous"]


@admin.register(models.ProviderAssessment)
class ProviderAssessmentAdmin(ReviewedAdmin):
    readonly_fields = [*WORKFLOW_READONLY, "task_order", "provider", "sequence", "submitted_on",
                       "due_date", "submission_count", "escalated_at"]


@admin.register(models.QualityActionPlan)
class QualityActionPlanAdmin(ReviewedAdmin):
    readonly_fields = [*WORKFLOW_READONLY, "task_order", "provider", "version", "previous"]


@admin.register(models.Report)
class ReportAdmin(ReviewedAdmin):
    readonly_fields = [*WORKFLOW_READONLY, "deliverable", "task_order", "kind"]


@admin.register(models.DashboardTemplate)
class DashboardTemplateAdmin(ReviewedAdmin):
    readonly_fields = [*WORKFLOW_READONLY, "task_order"]


@admin.register(models.ProviderEngagementStrategy)
class PesAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "signed_on", "reevaluation_due"]
    list_filter = ["status"]
    readonly_fields = ["task_order", "provider", "version", "previous", "status", "presented_at",
                       "signed_on", "signed_by", "reevaluation_due", "created_by"]


@admin.register(models.ProviderServiceAgreement)
class PsaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "signed_on", "terminated_on"]
    list_filter = ["status"]
    readonly_fields = ["task_order", "provider", "status", "sent_at", "signed_on", "signed_by",
                       "terminated_on", "terminated_by", "termination_reason", "created_by"]


@admin.register(models.HandoffNote)
class HandoffNoteAdmin(admin.ModelAdmin):
    list_display = ["task_order", "topic", "provider", "created_at"]
    list_filter = ["topic"]
    readonly_fields = ["author", "created_at", "updated_at"]
