"""Every write of the QPP app (one function per step, keyword-only arguments)."""

from .contractors import contractor_register, contractor_types_ensure, qin_qio_contractors_ensure
from .escalation import inquiry_escalate_overdue, overdue_inquiry_ids
from .handoffs import inquiry_hand_off, inquiry_override_route
from .inquiries import inquiry_respond, inquiry_submit
from .practices import assistance_record, practice_add

__all__ = [
    "assistance_record", "contractor_register", "contractor_types_ensure",
    "inquiry_escalate_overdue", "inquiry_hand_off", "inquiry_override_route",
    "inquiry_respond", "inquiry_submit", "overdue_inquiry_ids", "practice_add",
    "qin_qio_contractors_ensure",
]
