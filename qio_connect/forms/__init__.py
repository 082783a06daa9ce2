"""QIO Connect forms (USWDS through crispy). Forms validate input; services do every write."""

from .events import EventForm, FeedbackForm
from .groups import ChannelForm, GroupEditForm, GroupForm, MemberAddForm, PostForm
from .library import ChangeRequestForm, LibraryItemForm, LibrarySearchForm
from .misc import AnnouncementForm, NoteForm, PeriodForm, ReasonForm

__all__ = [
    "AnnouncementForm", "ChangeRequestForm", "ChannelForm", "EventForm", "FeedbackForm",
    "GroupEditForm", "GroupForm", "LibraryItemForm", "LibrarySearchForm", "MemberAddForm",
    "NoteForm", "PeriodForm", "PostForm", "ReasonForm",
]
