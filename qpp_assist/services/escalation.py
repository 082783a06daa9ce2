"""The overdue sweep's one step: flag an inquiry past its respond-by date and escalate it to
the contractor's staff and the CMS help desk, once per assignment."""

from django.db import transaction
from django.utils import timezone

from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.workflow import lock
from qpp_assist import selectors
from qpp_assist.models import Inquiry

from .common import inquiry_url


def overdue_inquiry_ids(today) -> list[int]:
    return list(Inquiry.objects.filter(status=Inquiry.Status.ROUTED, respond_by__lt=today,
                                       escalated_at__isnull=True).values_list("pk", flat=True))


def inquiry_escalate_overdue(*, inquiry_id: int, today) -> bool:
    """True when this call escalated it; False when it was answered, moved or already done."""
    with transaction.atomic():
        inquiry = lock(Inquiry, inquiry_id)
        if not inquiry.is_overdue(today) or inquiry.escalated_at is not None:
            return False
        inquiry.escalated_at = timezone.now()
        inquiry.save(update_fields=["escalated_at", "updated_at"])
        audit_record(action="inquiry.escalate_overdue", target=inquiry, actor_label="system",
                     note=f"no response by {inquiry.respond_by:%Y-%m-%d}")
        contractor = inquiry.contractor
        notify_on_commit(
            recipients=[*selectors.staff_of(contractor), *selectors.help_desk_agents()],
            kind="qpp.inquiry_overdue",
            title=f"QPP inquiry #{inquiry.pk} is overdue at {contractor.organization}",
            body=(f"It was due by {inquiry.respond_by:%A, %B %-d, %Y} "
                  f"({contractor.contractor_type.short_name} responds within "
                  f"{contractor.contractor_type.response_business_days} business day"
                  f"{'' if contractor.contractor_type.response_business_days == 1 else 's'})."),
            url=inquiry_url(inquiry),
            idempotency_key=f"qpp:overdue:{inquiry.pk}:{inquiry.assignment_count}",
        )
    return True
