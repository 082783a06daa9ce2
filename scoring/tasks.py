"""Celery tasks: thin wrappers over scoring services."""

from celery import shared_task

from scoring.models import ScoringRun
from scoring.services.runs import CHUNKS_PER_TASK, scoring_run_execute


@shared_task(acks_late=True, reject_on_worker_lost=True)
def score_run(run_id: int) -> int:
    """Score a run's performance year, a bounded number of chunks per task (each task stays
    under the visibility timeout); safe to deliver twice (resumes)."""
    run = scoring_run_execute(run_id=run_id, max_chunks=CHUNKS_PER_TASK)
    if run.status == ScoringRun.Status.RUNNING:
        score_run.delay(run_id)
    return run.done
