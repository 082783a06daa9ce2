"""Celery tasks: thin wrappers over scoring services. A run fans out into one task per chunk;
each is safe to deliver twice (a scored chunk is skipped)."""

from celery import shared_task

from scoring.services.runs import scoring_chunk_execute, scoring_run_plan


@shared_task(acks_late=True, reject_on_worker_lost=True)
def score_run(run_id: int) -> int:
    """Start and plan the run, then enqueue every chunk not scored yet."""
    chunk_ids = scoring_run_plan(run_id=run_id)
    for chunk_id in chunk_ids:
        score_chunk.delay(chunk_id)
    return len(chunk_ids)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def score_chunk(chunk_id: int) -> int:
    """Score one chunk of a run in one transaction; the last one finishes the run."""
    return scoring_chunk_execute(chunk_id=chunk_id)
