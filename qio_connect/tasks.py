"""QIO Connect Celery tasks: thin wrappers over services, idempotent."""

from celery import shared_task

from .services import announcement_deliver, event_reminders_send


@shared_task
def deliver_announcement(announcement_id: int) -> int:
    return announcement_deliver(announcement_id=announcement_id)


@shared_task
def send_event_reminders() -> int:
    """Sweep (every 15 minutes): remind subscribers of events starting within a day."""
    return event_reminders_send()
