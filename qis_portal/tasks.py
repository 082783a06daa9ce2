"""Core background jobs: each a thin, idempotent wrapper over a service."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from qis_portal.models import LoginAttempt, Notification


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_notification_email(notification_id: int) -> bool:
    """Send one notification's e-mail copy, once: `emailed_at` is the idempotency mark."""
    with transaction.atomic():
        note = (
            Notification.objects.select_for_update().select_related("recipient")
            .filter(pk=notification_id, emailed_at__isnull=True, email_wanted=True).first()
        )
        if note is None:
            return False
        link = f"\n\n{settings.PORTAL_BASE_URL}{note.url}" if note.url else ""
        send_mail(
            subject=f"[QIS & QIO Portal] {note.title}",
            message=f"{note.body}{link}",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[note.recipient.email],
        )
        note.emailed_at = timezone.now()
        note.save(update_fields=["emailed_at"])
    return True


@shared_task
def purge_expired_login_attempts() -> int:
    """Attempts older than a day no longer count toward any lockout window."""
    cutoff = timezone.now() - max(timedelta(days=1), settings.LOCKOUT_WINDOW)
    deleted, _ = LoginAttempt.objects.filter(at__lt=cutoff).delete()
    return deleted
