"""Home panels (registered in apps.py): what is new in QIO Connect, and the approval queue."""

from . import selectors
from .models import ChangeRequest, LibraryItem


def connect_panel(request) -> dict:
    user = request.user
    return {
        "connect_announcements": list(selectors.announcements_for(user)[:3]),
        "connect_events": list(selectors.upcoming_events(user, limit=3)),
        "connect_items": list(selectors.published_items_for(user)
                              .order_by("-published_at", "-id")[:3]),
    }


def review_panel(request) -> dict:
    user = request.user
    return {
        "connect_drafts": selectors.items_for(user).filter(
            status=LibraryItem.Status.DRAFT).count(),
        "connect_changes": ChangeRequest.objects.filter(
            item__in=selectors.items_for(user), status=ChangeRequest.Status.OPEN).count(),
        "connect_pending_events": selectors.approvable_events_for(user).count(),
    }
