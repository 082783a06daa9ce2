"""What every QPP service shares: the response clock and the inquiry's address."""

from django.utils import timezone

from qis_portal.business_days import DEADLINE_TZ, add_business_days, business_days_between


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
