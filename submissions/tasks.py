"""Celery tasks: thin wrappers over services."""

from celery import shared_task

from submissions.services.deadlines import deadline_reminders_send


@shared_task(name="submissions.tasks.send_deadline_reminders")
def send_deadline_reminders() -> int:
    """Remind issuers with open drafts 30, 7 and 1 days before the due date (idempotent)."""
    return deadline_reminders_send()
