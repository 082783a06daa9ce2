"""Core background jobs: each a thin, idempotent wrapper over a service."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from qis_portal.models import LoginAttempt
from qis_portal.services import outbox
from qis_portal.services.health import heartbeat_record


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_outbound_email(outbound_id: int) -> bool:
    """Send one outbox row, if this worker wins its claim (qis_portal.services.outbox)."""
    return outbox.send_claimed(outbound_id)


@shared_task
def resend_unsent_email() -> int:
    """The outbox sweep: re-queue e-mail the broker lost or a killed worker left claimed."""
    return outbox.resend_unsent()


@shared_task(bind=True)
def record_heartbeat(self) -> None:
    """Stamp this worker's heartbeat (read by /health/)."""
    heartbeat_record(worker=self.request.hostname or "worker")


@shared_task
def purge_expired_login_attempts() -> int:
    """Attempts older than a day no longer count toward any lockout window."""
    cutoff = timezone.now() - max(timedelta(days=1), settings.LOCKOUT_WINDOW)
    deleted, _ = LoginAttempt.objects.filter(at__lt=cutoff).delete()
    return deleted
