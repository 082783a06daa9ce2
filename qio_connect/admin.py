"""Admin for staff data fixes and reference data (topics, tags). Workflow state is read-only
here: approvals go through the services (audited, locked), never through a form."""

from django.contrib import admin

from .models import (
    Announcement,
    Category,
    ChangeRequest,
    Event,
    Group,
    GroupMember,
    LibraryItem,
    PageView,
    Post,
    SearchLog,
    Tag,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class StatusReadOnlyAdmin(admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return ["status", *super().get_readonly_fields(request, obj)]

    def has_add_permission(self, request):
        return False


@admin.register(LibraryItem)
class LibraryItemAdmin(StatusReadOnlyAdmin):
    list_display = ["title", "kind", "status", "author", "organization", "published_at"]
    list_filter = ["kind", "status", "audience", "category"]
    search_fields = ["title", "author__email"]
    readonly_fields = ["author", "organization", "file", "captions", "original_name",
                       "content_type", "size", "submitted_at", "published_at", "decided_by"]


@admin.register(ChangeRequest)
class ChangeRequestAdmin(StatusReadOnlyAdmin):
    list_display = ["item", "requested_by", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["item", "requested_by", "decided_by"]


class MemberInline(admin.TabularInline):
    model = GroupMember
    fk_name = "group"
    extra = 0
    raw_id_fields = ["user", "added_by"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "visibility", "organization", "facilitator"]
    list_filter = ["kind", "visibility"]
    search_fields = ["name", "organization__name"]
    raw_id_fields = ["facilitator", "co_facilitator", "created_by"]
    inlines = [MemberInline]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "group", "author", "created_at"]
    search_fields = ["body", "author__email"]
    raw_id_fields = ["group", "author", "parent"]


@admin.register(Event)
class EventAdmin(StatusReadOnlyAdmin):
    list_display = ["title", "starts_at", "status", "group", "submitted_by"]
    list_filter = ["status"]
    search_fields = ["title"]
    readonly_fields = ["submitted_by", "organization", "decided_by", "sequence",
                       "reminder_sent_at"]


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["title", "sent_by", "to_all", "created_at", "recipient_count"]
    readonly_fields = ["sent_by", "to_all", "organizations", "delivered_at", "recipient_count"]

    def has_add_permission(self, request):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PageView)
class PageViewAdmin(ReadOnlyAdmin):
    list_display = ["path", "label", "user", "viewed_at"]
    search_fields = ["path", "label"]


@admin.register(SearchLog)
class SearchLogAdmin(ReadOnlyAdmin):
    list_display = ["terms", "results", "user", "searched_at"]
    search_fields = ["terms"]
