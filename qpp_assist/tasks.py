"""QPP sweeps (Celery beat, registered in apps.py): thin, idempotent wrappers over a service."""

from celery import shared_task

from qpp_assist import selectors
from qpp_assist.services import inquiry_escalate_overdue, overdue_inquiry_ids


@shared_task
def escalate_overdue_inquiries() -> int:
    """Flag and escalate every inquiry past its respond-by date, once per assignment
    (escalated_at, and the notification's idempotency key): a second run sends nothing."""
    today = selectors.today()
    return sum(inquiry_escalate_overdue(inquiry_id=pk, today=today)
               for pk in overdue_inquiry_ids(today))
