"""Celery tasks: thin wrappers over scoring services."""

from celery import shared_task

from scoring.services.runs import scoring_run_execute


@shared_task(acks_late=True, reject_on_worker_lost=True)
def score_run(run_id: int) -> int:
    """Score every entity of a run's performance year; safe to deliver twice (resumes)."""
    return scoring_run_execute(run_id=run_id).done
