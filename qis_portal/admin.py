"""Admin for staff data fixes. Audit rows are read-only; role changes are audited."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from qis_portal.models import (
    ApiToken,
    AuditEvent,
    Notification,
    Organization,
    OutboundEmail,
    RoleAssignment,
    TrainingModule,
    User,
)
from qis_portal.services.accounts import account_access_end, role_assignment_grant
from qis_portal.services.audit import audit_record
from qis_portal.workflow import WorkflowConflict


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows every app shows to staff but lets nobody add, change or delete by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "org_type", "region", "hios_issuer_id", "state"]
    list_filter = ["org_type", "region"]
    search_fields = ["name", "hios_issuer_id"]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ["role", "region", "status", "decided_by", "decided_at"]
    # The status changes only through its transitions (the grant action below, the Security
    # Officer's decision): a new row is a pending request.
    readonly_fields = ["status", "decided_by", "decided_at"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "region", "status", "requested_at", "decided_at"]
    list_filter = ["status", "role", "region"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    fields = ["user", "role", "region", "status", "requested_at", "decided_by", "decided_at",
              "decision_note"]
    readonly_fields = fields
    actions = ["grant"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    @admin.action(description="Grant the selected pending assignments")
    def grant(self, request, queryset):
        granted = 0
        for assignment in queryset.select_related("user"):
            try:
                role_assignment_grant(assignment=assignment, actor=request.user,
                                      request=request)
            except WorkflowConflict as exc:
                self.message_user(request, f"{assignment}: {exc.message}", messages.WARNING)
            else:
                granted += 1
        self.message_user(request, f"{granted} assignment(s) granted.", messages.SUCCESS)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "organization", "is_active", "locked_until"]
    list_filter = ["is_active", "organization__org_type"]
    search_fields = ["email", "first_name", "last_name"]
    list_select_related = ["organization"]
    inlines = [RoleAssignmentInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "title", "phone", "organization")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "locked_until")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2",
                                                              "organization")}),)

    def save_model(self, request, obj, form, change):
        """Closing or locking an account here ends its sessions and tokens at once, as the
        lockout does."""
        super().save_model(request, obj, form, change)
        closed = "is_active" in form.changed_data and not obj.is_active
        locked = "locked_until" in form.changed_data and obj.is_locked()
        if change and (closed or locked):
            account_access_end(user=obj, actor=request.user, request=request,
                               reason="Closed by an administrator." if closed
                               else "Locked by an administrator.")

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for assignment in instances:
            before = RoleAssignment.objects.filter(pk=assignment.pk).values_list(
                "status", flat=True).first() if assignment.pk else ""
            assignment.save()
            audit_record(action="role_assignment.admin_change", actor=request.user,
                         target=assignment, from_state=before or "", to_state=assignment.status,
                         request=request, details={"role": assignment.role,
                                                   "user": assignment.user.email})
        for removed in formset.deleted_objects:
            audit_record(action="role_assignment.admin_delete", actor=request.user,
                         target=removed, from_state=removed.status, request=request)
            removed.delete()
        formset.save_m2m()


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "action", "outcome", "target_type", "target_id",
                    "from_state", "to_state", "ip_address"]
    list_filter = ["outcome", "action"]
    search_fields = ["actor_label", "target_id", "action"]
    show_full_result_count = False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at", "emailed_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    show_full_result_count = False


@admin.register(OutboundEmail)
class OutboundEmailAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "to", "subject", "status", "attempts", "sent_at", "message_id"]
    list_filter = ["status"]
    show_full_result_count = False


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_select_related = ["user"]


@admin.register(TrainingModule)
class TrainingModuleAdmin(admin.ModelAdmin):
    """CMS keeps each role's module here; raising the version asks every holder again."""

    list_display = ["role", "title", "version", "updated_at"]
