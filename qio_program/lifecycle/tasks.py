"""Celery sweeps: thin, idempotent wrappers over services (registered in apps.py)."""

from celery import shared_task

from qio_program.lifecycle.services.assessment import pa_deadline_sweep
from qio_program.lifecycle.services.completion import task_orders_close_accounts_due
from qio_program.lifecycle.services.psa import ahqt_tasks_queue_due


@shared_task
def provider_assessment_deadlines() -> dict:
    """Reminders (2 and 1 business days left) and escalation of Provider Assessments."""
    return pa_deadline_sweep()


@shared_task
def close_ended_task_order_accounts() -> int:
    """Close the accounts of QIOs whose ended task order's last day has passed."""
    return task_orders_close_accounts_due()


@shared_task
def queue_ahqt_tasks() -> int:
    """AHQT task for every provider with an active PSA and an active Medicare certification."""
    return ahqt_tasks_queue_due()
