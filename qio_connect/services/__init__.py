"""Every QIO Connect write: one function per action, keyword-only arguments."""

from .analytics import page_view_record, search_record
from .announcements import announcement_deliver, announcement_send
from .change_requests import change_request_accept, change_request_create, change_request_decline
from .events import (
    event_approve,
    event_cancel,
    event_feedback_give,
    event_reject,
    event_reminders_send,
    event_submit,
    event_subscription_toggle,
    event_update,
)
from .groups import (
    channel_create,
    community_ensure,
    group_create,
    group_join,
    group_leave,
    group_member_add,
    group_member_remove,
    group_update,
)
from .library import (
    library_item_approve,
    library_item_create,
    library_item_delete,
    library_item_reject,
    library_item_resubmit,
    library_item_update,
)
from .posts import post_create, post_delete, post_update
from .reactions import reaction_toggle

__all__ = [
    "announcement_deliver", "announcement_send", "change_request_accept",
    "change_request_create", "change_request_decline", "channel_create", "community_ensure",
    "event_approve", "event_cancel", "event_feedback_give", "event_reject",
    "event_reminders_send", "event_submit", "event_subscription_toggle", "event_update",
    "group_create", "group_join", "group_leave", "group_member_add", "group_member_remove",
    "group_update", "library_item_approve", "library_item_create", "library_item_delete",
    "library_item_reject", "library_item_resubmit", "library_item_update", "page_view_record",
    "post_create", "post_delete", "post_update", "reaction_toggle", "search_record",
]
