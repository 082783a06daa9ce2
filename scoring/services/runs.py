"""Batch scoring: start a run (browser or API), plan it into chunks, score the chunks.

A run fans out: the ``score_run`` task plans it (``scoring_run_plan``: the year's entities in
chunks of about ``CHUNK_ROWS`` measure rows) and enqueues one ``score_chunk`` task per chunk,
so every worker process on every machine takes chunks. Each chunk is one transaction
(``run_chunks.chunk_score``) and idempotent: a task delivered twice, or redelivered after its
worker died, stores nothing twice and loses nothing; the run's done / total are exact. The run
finishes when its last chunk is scored, whichever worker scores it. Without Redis the same
tasks run in the embedded worker (the SQLite-file broker).
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from qis_portal.services.audit import audit_record
from qis_portal.workflow import SystemActor, WorkflowConflict, run_transition
from scoring.choices import PERFORMANCE_YEAR
from scoring.models import ApmEntity, ScoringChunk, ScoringRun
from scoring.services.run_chunks import chunk_score

logger = logging.getLogger(__name__)
CHUNK_ROWS = 5_000  # measure rows per chunk: about a second of engine time
CHUNK_MAX_ENTITIES = 500
SYSTEM = SystemActor("scoring.execute_scoringrun")  # the worker, audited as "system"
PERMISSION = "scoring.execute_scoringrun"


def scoring_run_start(*, actor, performance_year: int = PERFORMANCE_YEAR,
                      request=None) -> ScoringRun:
    """Queue a run over every entity of the year; the task starts once this commits."""
    from scoring import tasks

    if not actor.has_perm("scoring.start_scoringrun"):
        raise PermissionDenied("You do not have permission to start a scoring run.")
    total = ApmEntity.objects.filter(performance_year=performance_year).count()
    try:
        with transaction.atomic():
            run = ScoringRun.objects.create(performance_year=performance_year, total=total,
                                            created_by=actor)
    except IntegrityError as exc:
        raise WorkflowConflict(f"A {performance_year} scoring run is already queued or "
                               "running; wait for it to finish.",
                               current_state=ScoringRun.Status.RUNNING) from exc
    audit_record(action="scoringrun.start", actor=actor, target=run, request=request,
                 to_state=run.status, details={"total": total})
    transaction.on_commit(lambda: tasks.score_run.delay(run.pk))
    return run


def split_chunks(sizes, chunk_rows: int, max_entities: int = CHUNK_MAX_ENTITIES
                 ) -> list[tuple[list[int], int]]:
    """(entity pks, measure rows) per chunk from (pk, rows) in order; whole entities only."""
    chunks, pks, rows = [], [], 0
    for pk, count in sizes:
        pks.append(pk)
        rows += count
        if rows >= chunk_rows or len(pks) >= max_entities:
            chunks.append((pks, rows))
            pks, rows = [], 0
    if pks:
        chunks.append((pks, rows))
    return chunks


def _plan(run_id: int, chunk_rows: int) -> None:
    with transaction.atomic():
        run = ScoringRun.objects.select_for_update().get(pk=run_id)
        if run.chunks.exists():
            return  # planned by an earlier delivery of the task
        sizes = (ApmEntity.objects.filter(performance_year=run.performance_year)
                 .annotate(rows=Count("submissions")).order_by("pk").values_list("pk", "rows"))
        chunks = split_chunks(sizes, chunk_rows)
        ScoringChunk.objects.bulk_create(
            ScoringChunk(run=run, number=n, entity_pks=pks, measure_rows=rows)
            for n, (pks, rows) in enumerate(chunks, start=1))
        ScoringRun.objects.filter(pk=run_id).update(total=sum(len(p) for p, _ in chunks))


def _fail(run_id: int, exc: Exception) -> ScoringRun:
    logger.exception("Scoring run %s failed", run_id)
    message = f"{type(exc).__name__}: {exc}"[:500]

    def record(locked: ScoringRun) -> None:
        locked.error = message
        locked.finished_at = timezone.now()

    try:
        return run_transition(obj=ScoringRun.objects.get(pk=run_id), transition="fail",
                              actor=SYSTEM, permission=PERMISSION, before=record)
    except WorkflowConflict:
        return ScoringRun.objects.get(pk=run_id)  # another chunk recorded the failure first


def scoring_run_finish_if_complete(*, run_id: int) -> ScoringRun:
    """Finish the run once no chunk is left; a no-op while chunks remain or once finished."""
    run = ScoringRun.objects.get(pk=run_id)
    if run.status != ScoringRun.Status.RUNNING or run.chunks.filter(
            scored_at__isnull=True).exists():
        return run

    def finished(locked: ScoringRun) -> None:
        if locked.chunks.filter(scored_at__isnull=True).exists():
            raise WorkflowConflict("Chunks of this run are still being scored.")
        locked.finished_at = timezone.now()

    try:
        return run_transition(obj=run, transition="finish", actor=SYSTEM,
                              permission=PERMISSION, before=finished,
                              details={"done": run.done, "invalid": run.invalid})
    except WorkflowConflict:
        return ScoringRun.objects.get(pk=run_id)  # a parallel chunk finished it first


def scoring_run_plan(*, run_id: int, chunk_rows: int | None = None) -> list[int]:
    """Start the run (once) and cut it into chunks (once); return the chunks not yet scored."""
    run = ScoringRun.objects.get(pk=run_id)
    if run.status == ScoringRun.Status.QUEUED:

        def started(locked: ScoringRun) -> None:
            locked.started_at = timezone.now()

        try:
            run = run_transition(obj=run, transition="start", actor=SYSTEM,
                                 permission=PERMISSION, before=started)
        except WorkflowConflict:
            run = ScoringRun.objects.get(pk=run_id)  # another delivery of the task started it
    if run.status != ScoringRun.Status.RUNNING:
        return []
    try:
        _plan(run_id, chunk_rows or CHUNK_ROWS)
    except Exception as exc:
        _fail(run_id, exc)
        return []
    pending = list(ScoringChunk.objects.filter(run_id=run_id, scored_at__isnull=True)
                   .order_by("number").values_list("pk", flat=True))
    if not pending:
        scoring_run_finish_if_complete(run_id=run_id)
    return pending


def scoring_chunk_execute(*, chunk_id: int) -> int:
    """Score one chunk (the ``score_chunk`` task's body); finish the run if it was the last.
    An unexpected error fails the run with its message; a lost worker (not an Exception)
    leaves the chunk unscored for the redelivered task."""
    run_id = ScoringChunk.objects.values_list("run_id", flat=True).get(pk=chunk_id)
    try:
        stored = chunk_score(chunk_id)
    except Exception as exc:
        _fail(run_id, exc)
        return 0
    scoring_run_finish_if_complete(run_id=run_id)
    return stored


def scoring_run_execute(*, run_id: int, chunk_rows: int | None = None) -> ScoringRun:
    """Plan and score a whole run in this process (the demo seed, ``manage.py`` and tests);
    the workers do the same chunk by chunk through the tasks."""
    for chunk_id in scoring_run_plan(run_id=run_id, chunk_rows=chunk_rows):
        scoring_chunk_execute(chunk_id=chunk_id)
    return ScoringRun.objects.get(pk=run_id)
