"""What every QPP service shares: notify after commit, required text, the response clock."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from qis_portal.business_days import DEADLINE_TZ, add_business_days, business_days_between
from qis_portal.services.notifications import notify


def notify_on_commit(*, recipients, kind: str, title: str, body: str = "", url: str = "",
                     idempotency_key: str | None = None) -> None:
    """Notifications leave only once the step is committed (CONVENTIONS.md)."""
    people = list({user.pk: user for user in recipients if user is not None}.values())
    if not people:
        return
    transaction.on_commit(lambda: notify(recipients=people, kind=kind, title=title, body=body,
                                         url=url, idempotency_key=idempotency_key))


def require_text(value, field: str, message: str, max_length: int) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else str(value)
    if not text:
        raise ValidationError({field: message})
    if len(text) > max_length:
        raise ValidationError({field: f"Use at most {max_length} characters."})
    return text


def local_date(moment):
    return timezone.localtime(moment, DEADLINE_TZ).date()


def start_clock(inquiry, contractor) -> None:
    """Give the inquiry to `contractor` (None: the CMS help desk) and restart the response
    clock: QIN-QIO: QPP must respond within 1 business day (seed 004), stored as respond_by
    the moment the clock starts; types without a clock in the seed get none."""
    now = timezone.now()
    inquiry.contractor = contractor
    inquiry.assigned_at = now
    days = contractor.contractor_type.response_business_days if contractor else None
    inquiry.respond_by = add_business_days(local_date(now), days) if days else None
    inquiry.escalated_at = None
    inquiry.assignment_count += 1


def response_business_days(inquiry, answered_at) -> int:
    """Business days from the current owner's receipt to the answer (0: the same day)."""
    start = inquiry.assigned_at or inquiry.created_at
    return max(0, business_days_between(local_date(start), local_date(answered_at)))


def inquiry_url(inquiry) -> str:
    return f"/qpp/inquiries/{inquiry.pk}/"
