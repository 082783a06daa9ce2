"""Reads shared by pages, the API and tasks, each scoped to the user: another QIO's private
group, calendar or content is simply not in the queryset, so it answers 404."""

from .events import event_counts, events_for, month_grid, upcoming_events
from .library import item_counts, library_search, my_items
from .scope import (
    announcements_for,
    approvable_events_for,
    can_see_group,
    groups_for,
    items_for,
    posts_for,
    published_items_for,
)

__all__ = [
    "announcements_for", "approvable_events_for", "can_see_group", "event_counts",
    "events_for", "groups_for", "item_counts", "items_for", "library_search", "month_grid",
    "my_items", "posts_for", "published_items_for", "upcoming_events",
]
