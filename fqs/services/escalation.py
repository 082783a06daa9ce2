"""Extensions and holds the COR has not decided by the sprint's end date: the referral stays
open (fqs/services/closeout.py), and 1 business day after the end date the CORs are told once
(seed 001, Closeout Phase: the COR "Approves/rejects the requests for: Extension, Place on
hold"; the end of a sprint decides nothing a person still has to decide)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from fqs import sprint
from fqs.models import Referral, SprintRequest
from fqs.models.choices import KEEPS_REFERRAL_OPEN
from qis_portal.models import Role
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify
from qis_portal.workflow import lock

from .common import cors, users_with_role


def undecided_past_end(today: date):
    """Pending extensions and holds of running referrals whose end date has come."""
    return SprintRequest.objects.filter(
        kind__in=KEEPS_REFERRAL_OPEN, status=SprintRequest.Status.PENDING,
        referral__status__in=Referral.RUNNING, referral__sprint_end__lte=today)


def undecided_requests_escalate(*, today: date | None = None) -> int:
    """Escalate each request still undecided 1 business day after its referral's end date.

    Idempotent: `escalated_at` is set once under the row lock, and the notice's key names the
    request, so a doubled beat sends nothing twice. Returns the notices sent."""
    today = today or sprint.today()
    sent = 0
    rows = undecided_past_end(today).select_related("referral").filter(escalated_at__isnull=True)
    for row in list(rows):
        if today < sprint.escalation_date(row.referral.sprint_end):
            continue
        sent += _escalate(row.pk)
    return sent


def _escalate(pk: int) -> int:
    with transaction.atomic():
        locked = lock(SprintRequest, pk)
        if locked.status != SprintRequest.Status.PENDING or locked.escalated_at is not None:
            return 0
        referral = Referral.objects.select_related("organization").get(pk=locked.referral_id)
        locked.escalated_at = timezone.now()
        locked.save(update_fields=["escalated_at", "updated_at"])
        end = f"{referral.sprint_end:%B %-d, %Y}"
        audit_record(action="sprintrequest.escalate", target=locked, actor_label="system",
                     note=f"Undecided {sprint.ESCALATE_AFTER_BUSINESS_DAYS} business day after "
                          f"the sprint end date ({end}).")
        recipients = [*cors(), *users_with_role(Role.QIO_MANAGER, referral.organization)]
        return len(notify(
            recipients=recipients, kind="fqs.sprint_request",
            title=f"Overdue: the {locked.get_kind_display().lower()} request for FQS referral "
                  f"#{referral.pk} awaits the COR",
            body=f"The sprint ended on {end}; the referral stays open until the COR decides.",
            url=f"/fqs/referrals/{referral.pk}/", awaiting=locked,
            idempotency_key=f"fqs:sprint-request-escalated:{locked.pk}"))
