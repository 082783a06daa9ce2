"""Admin for staff data fixes. Workflow state is read-only here: transitions go through the
services (audited, locked), never through a form that edits `status`."""

from django.contrib import admin

from fqs.models import (
    Activation,
    ActivationProvider,
    FqsRequest,
    Referral,
    RequestAttachment,
    RequestNote,
    SprintRequest,
    Survey,
)


class StatusReadOnlyAdmin(admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return ["status", *super().get_readonly_fields(request, obj)]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NoteInline(admin.TabularInline):
    model = RequestNote
    extra = 0
    readonly_fields = ["author", "body", "created_at"]
    can_delete = False


class AttachmentInline(admin.TabularInline):
    model = RequestAttachment
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(FqsRequest)
class FqsRequestAdmin(StatusReadOnlyAdmin):
    list_display = ["id", "facility_label", "source", "status", "created_at"]
    list_filter = ["status", "source"]
    search_fields = ["facility_name", "facility_ccn", "provider__name", "description"]
    raw_id_fields = ["provider", "submitted_by", "reviewed_by"]
    filter_horizontal = ["route_cors", "route_smes"]
    inlines = [NoteInline, AttachmentInline]


class ActivationProviderInline(admin.TabularInline):
    model = ActivationProvider
    extra = 0
    raw_id_fields = ["provider"]


@admin.register(Activation)
class ActivationAdmin(StatusReadOnlyAdmin):
    list_display = ["id", "focus_area", "sprint_days", "status", "created_at"]
    list_filter = ["status", "sprint_days"]
    raw_id_fields = ["request", "prepared_by", "decided_by"]
    inlines = [ActivationProviderInline]


@admin.register(Referral)
class ReferralAdmin(StatusReadOnlyAdmin):
    list_display = ["id", "facility_label", "organization", "status", "sprint_end"]
    list_filter = ["status", "region"]
    readonly_fields = ["sprint_start", "sprint_end", "extension_count", "hold_started_on",
                       "held_days_total", "launched_at", "closed_at", "closeout_reason"]
    raw_id_fields = ["activation", "activation_provider", "provider", "organization", "task",
                     "assigned_to", "assigned_by"]


@admin.register(SprintRequest)
class SprintRequestAdmin(StatusReadOnlyAdmin):
    list_display = ["id", "referral", "kind", "status", "created_at"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["referral", "requested_by", "decided_by"]


@admin.register(Survey)
class SurveyAdmin(StatusReadOnlyAdmin):
    """Surveys only; responses are restricted to the COR and CMS read-only and not in admin."""

    list_display = ["id", "referral", "provider", "status", "sent_at"]
    list_filter = ["status"]
    exclude = ["token"]
    raw_id_fields = ["referral", "provider"]
