"""The e-mail outbox: a row per e-mail, a claimed send, a sweep that re-sends what is late.

- `queue_email` writes the row inside the caller's transaction (the notification's), and asks
  the broker for a fast send only after commit. If the broker is down then, nothing is lost:
  the row waits for `resend_unsent`.
- `send_claimed` claims the row first (one UPDATE ... WHERE status = pending, or a claim older
  than OUTBOX_CLAIM_TIMEOUT), so two workers never send it at the same time; the message keeps
  the row's Message-ID. A worker killed after the SMTP server took the message but before it
  marked the row leaves a claim that goes stale, and the sweep sends it once more, with the
  same Message-ID: at most one repeat, never a loss.
- `resend_unsent` (a beat sweep) re-queues rows not sent within OUTBOX_RESEND_AFTER and rows
  whose claim went stale, a bounded batch per run so the sweep stays short.
"""

import logging
from datetime import datetime
from email.utils import make_msgid
from urllib.parse import urlsplit

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError

from qis_portal.models import Notification, OutboundEmail

logger = logging.getLogger(__name__)
Status = OutboundEmail.Status


def _message_id() -> str:
    return make_msgid(domain=urlsplit(settings.PORTAL_BASE_URL).hostname or "portal.local")


def queue_email(*, to: str, subject: str, body: str, notification=None) -> OutboundEmail:
    """Write one e-mail to the outbox (call inside the transaction that causes it)."""
    row = OutboundEmail.objects.create(notification=notification, to=to, subject=subject[:300],
                                       body=body, message_id=_message_id())
    transaction.on_commit(lambda: enqueue([row.pk]))
    return row


def enqueue(outbound_ids: list[int]) -> int:
    """Ask the broker to send these rows; how many it took. A broker that cannot be reached
    is logged, not raised: the rows stay pending and the sweep offers them again."""
    from qis_portal.tasks import send_outbound_email

    queued = 0
    try:
        with current_app.connection_for_write() as connection:
            for pk in outbound_ids:
                send_outbound_email.apply_async(args=[pk], connection=connection, retry=False)
                queued += 1
    except (OperationalError, OSError) as exc:
        logger.warning("The broker is unreachable; %d e-mail(s) wait for the outbox sweep: %s",
                       len(outbound_ids) - queued, exc)
    return queued


def claim(outbound_id: int, now: datetime) -> bool:
    stale = now - settings.OUTBOX_CLAIM_TIMEOUT
    return bool(OutboundEmail.objects.filter(pk=outbound_id).filter(
        Q(status=Status.PENDING) | Q(status=Status.SENDING, claimed_at__lt=stale),
    ).update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1))


def send_claimed(outbound_id: int) -> bool:
    """Send one outbox row if this call wins its claim; True when it was sent."""
    claimed_at = timezone.now()
    if not claim(outbound_id, claimed_at):
        return False
    row = OutboundEmail.objects.get(pk=outbound_id)
    mine = OutboundEmail.objects.filter(pk=outbound_id, status=Status.SENDING,
                                        claimed_at=claimed_at)
    message = EmailMessage(subject=row.subject, body=row.body, to=[row.to],
                           from_email=settings.DEFAULT_FROM_EMAIL,
                           headers={"Message-ID": row.message_id})
    try:
        message.send()
    except Exception as exc:  # SMTP refusals and network errors alike: try again later
        gave_up = row.attempts >= settings.OUTBOX_MAX_ATTEMPTS
        mine.update(status=Status.FAILED if gave_up else Status.PENDING,
                    last_error=f"{type(exc).__name__}: {exc}"[:500])
        logger.warning("E-mail %s not sent (attempt %d): %s", row.message_id, row.attempts, exc)
        return False
    sent_at = timezone.now()
    mine.update(status=Status.SENT, sent_at=sent_at)
    if row.notification_id:
        Notification.objects.filter(pk=row.notification_id).update(emailed_at=sent_at)
    return True


def due_for_resend(now: datetime):
    return OutboundEmail.objects.filter(
        Q(status=Status.PENDING, created_at__lt=now - settings.OUTBOX_RESEND_AFTER)
        | Q(status=Status.SENDING, claimed_at__lt=now - settings.OUTBOX_CLAIM_TIMEOUT),
    ).order_by("id")


def resend_unsent(now: datetime | None = None) -> int:
    """Re-queue late and abandoned rows (at most OUTBOX_SWEEP_BATCH a run)."""
    now = now or timezone.now()
    ids = list(due_for_resend(now).values_list("id", flat=True)[:settings.OUTBOX_SWEEP_BATCH])
    return enqueue(ids) if ids else 0
