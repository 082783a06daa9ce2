"""Batch scoring: start a run (browser or API) and execute it (the Celery task's body).

Execution is idempotent and resumable: each entity's result is one row keyed by (run, entity),
so a task delivered twice, or restarted after a worker died, scores only what is missing and
never writes a result twice. Progress (done / total) is counted from those rows.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from qis_portal.services.audit import audit_record
from qis_portal.workflow import SystemActor, WorkflowConflict, run_transition
from scoring.choices import PERFORMANCE_YEAR
from scoring.engine import ContractError, evaluate
from scoring.models import ApmEntity, EntityScore, QualitySubmission, ScoringRun
from scoring.services.contract import entity_contract, key_numbers
from scoring.services.reference import get_reference

logger = logging.getLogger(__name__)
CHUNK_SIZE = 200


SYSTEM = SystemActor("scoring.execute_scoringrun")  # the worker, audited as "system"


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


def _score_entity(run: ScoringRun, entity: ApmEntity, reference) -> EntityScore:
    data = entity_contract(entity, [(p.tin, p.npi) for p in entity.participants.all()],
                           entity.submissions.all())
    try:
        output = evaluate(data, reference)
    except ContractError as exc:
        return EntityScore(run=run, entity=entity, status=EntityScore.Status.INVALID,
                           errors=[{"path": path, "message": msg} for path, msg in exc.errors])
    return EntityScore(run=run, entity=entity, status=EntityScore.Status.SCORED, output=output,
                       **key_numbers(output))


def _refresh_progress(run_id: int) -> None:
    scores = EntityScore.objects.filter(run_id=run_id)
    ScoringRun.objects.filter(pk=run_id).update(
        done=scores.count(), invalid=scores.filter(status=EntityScore.Status.INVALID).count())


def scoring_run_execute(*, run_id: int, chunk_size: int = CHUNK_SIZE) -> ScoringRun:
    """Score every entity of the run's year that has no result yet, then finish the run."""
    run = ScoringRun.objects.get(pk=run_id)
    if run.status in (ScoringRun.Status.FINISHED, ScoringRun.Status.FAILED):
        return run
    if run.status == ScoringRun.Status.QUEUED:

        def started(locked: ScoringRun) -> None:
            locked.started_at = timezone.now()

        try:
            run = run_transition(obj=run, transition="start", actor=SYSTEM,
                                 permission="scoring.execute_scoringrun", before=started)
        except WorkflowConflict:
            run = ScoringRun.objects.get(pk=run_id)  # another delivery of the task started it
            if run.status != ScoringRun.Status.RUNNING:
                return run
    try:
        reference = get_reference()
        pending = list(ApmEntity.objects.filter(performance_year=run.performance_year)
                       .exclude(scores__run=run).order_by("pk").values_list("pk", flat=True))
        ScoringRun.objects.filter(pk=run.pk).update(
            total=EntityScore.objects.filter(run=run).count() + len(pending))
        submissions = QualitySubmission.objects.order_by("pk")
        for start in range(0, len(pending), chunk_size):
            entities = (ApmEntity.objects.filter(pk__in=pending[start:start + chunk_size])
                        .prefetch_related("participants",
                                          Prefetch("submissions", queryset=submissions))
                        .order_by("pk"))
            rows = [_score_entity(run, entity, reference) for entity in entities]
            EntityScore.objects.bulk_create(rows, ignore_conflicts=True)
            _refresh_progress(run.pk)
    except Exception as exc:
        logger.exception("Scoring run %s failed", run.pk)
        message = f"{type(exc).__name__}: {exc}"[:500]

        def record(locked: ScoringRun) -> None:
            locked.error = message
            locked.finished_at = timezone.now()

        return run_transition(obj=run, transition="fail", actor=SYSTEM,
                              permission="scoring.execute_scoringrun", before=record)
    _refresh_progress(run.pk)

    def finished(locked: ScoringRun) -> None:
        locked.finished_at = timezone.now()

    try:
        return run_transition(obj=run, transition="finish", actor=SYSTEM,
                              permission="scoring.execute_scoringrun", before=finished)
    except WorkflowConflict:
        return ScoringRun.objects.get(pk=run_id)  # a parallel delivery finished it first
