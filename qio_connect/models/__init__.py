"""QIO Connect data (seed 001, "QIO Connect"): library, discussion groups, events, targeted
announcements, and the cheap view and search records the reports aggregate."""

from .analytics import PageView, SearchLog
from .announcements import Announcement
from .events import Event, EventFeedback, EventSubscription
from .groups import Group, GroupMember, Post
from .library import Category, ChangeRequest, LibraryItem, Tag
from .reactions import Reaction, ReactionKind

__all__ = [
    "Announcement", "Category", "ChangeRequest", "Event", "EventFeedback", "EventSubscription",
    "Group", "GroupMember", "LibraryItem", "PageView", "Post", "Reaction", "ReactionKind",
    "SearchLog", "Tag",
]
