"""Background jobs of the QIO program: thin wrappers over services, safe to run twice."""

from celery import shared_task

from qio_program.services.interventions import intervention_report_reminders
from qio_program.services.spl import spl_upload_process


@shared_task(acks_late=True, reject_on_worker_lost=True)
def spl_import(upload_id: int) -> str:
    """Check and import one SPL upload (a finished upload is left as it is)."""
    return spl_upload_process(upload_id=upload_id).status


@shared_task
def intervention_report_reminder_sweep() -> int:
    """Remind associates of intervention reports past their 5-day due date (once each)."""
    return intervention_report_reminders()
