"""QIO Connect's front page: what is new, what is coming, where to go."""

from django.shortcuts import render

from qis_portal.views.common import require_perm

from .. import selectors
from ..forms import LibrarySearchForm
from ..models import Group, LibraryItem
from .common import record_view


def home(request):
    require_perm(request, "qio_connect.access")
    user = request.user
    record_view(request, "QIO Connect")
    return render(request, "qio_connect/home.html", {
        "search_form": LibrarySearchForm(),
        "items": selectors.published_items_for(user).order_by("-published_at", "-id")[:5],
        "events": selectors.upcoming_events(user, limit=5),
        "announcements": selectors.announcements_for(user)[:3],
        "community": selectors.groups_for(user).filter(
            kind=Group.Kind.COMMUNITY, organization_id=user.organization_id).first(),
        "my_drafts": selectors.items_for(user).filter(
            author=user, status__in=[LibraryItem.Status.DRAFT, LibraryItem.Status.REJECTED]
        ).count(),
        "moderator": user.has_perm("qio_connect.view_reports"),
        "to_approve": selectors.approvable_events_for(user).count(),
        "can_announce": user.has_perm("qio_connect.send_announcement"),
    })
