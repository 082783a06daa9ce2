"""One chunk of a scoring run: its entities read in three queries, each scored with the full
``evaluate()``, their explained results stored in one bulk insert, in one transaction.

The reads are ``.values()`` rows for the whole chunk (entities, participants, submissions:
only the contract's columns, as named tuples), grouped in Python; the engine input of each
entity is built by ``entity_contract``, the same function that scores one entity on its page
(from an unsaved model instance built from its row, and submissions as attribute rows), so a
chunk's result equals scoring each entity alone (tests/scoring/test_django_run_chunks.py
proves it): rows are read in the models' own order, as the page reads them.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from scoring.engine import ContractError, evaluate
from scoring.models import (
    ApmEntity,
    EntityScore,
    Participant,
    QualitySubmission,
    ScoringChunk,
    ScoringRun,
)
from scoring.services.contract import SUBMISSION_FIELDS, entity_contract, key_numbers
from scoring.services.reference import get_reference

INSERT_BATCH = 500


def chunk_inputs(entity_pks: list[int]) -> list[tuple[int, dict]]:
    """(entity pk, engine input) for each entity of the chunk, in primary-key order."""
    pairs: dict[int, list] = defaultdict(list)
    priors: dict[int, list] = defaultdict(list)
    for entity_id, tin, npi, prior in (
            Participant.objects.filter(entity_id__in=entity_pks)
            .order_by("entity_id", *Participant._meta.ordering)
            .values_list("entity_id", "tin", "npi", "prior_year_achievement_percent")):
        pairs[entity_id].append((tin, npi))
        if prior is not None:
            priors[entity_id].append((tin, npi, prior))
    submissions: dict[int, list] = defaultdict(list)
    for row in (QualitySubmission.objects.filter(entity_id__in=entity_pks)
                .order_by("entity_id", *QualitySubmission._meta.ordering)
                .values_list("entity_id", *SUBMISSION_FIELDS, named=True)):
        submissions[row.entity_id].append(row)
    entities = ApmEntity.objects.filter(pk__in=entity_pks).order_by("pk").values()
    return [(entity.pk, entity_contract(entity, pairs[entity.pk], submissions[entity.pk],
                                        priors[entity.pk]))
            for entity in (ApmEntity(**values) for values in entities)]


def score_input(run_id: int, entity_pk: int, data: dict, reference) -> EntityScore:
    try:
        output = evaluate(data, reference)
    except ContractError as exc:
        return EntityScore(run_id=run_id, entity_id=entity_pk, status=EntityScore.Status.INVALID,
                           errors=[{"path": path, "message": msg} for path, msg in exc.errors])
    return EntityScore(run_id=run_id, entity_id=entity_pk, status=EntityScore.Status.SCORED,
                       output=output, **key_numbers(output))


def chunk_score(chunk_id: int) -> int:
    """Score one chunk unless it is scored already; return how many results it stored.

    The chunk row is locked first (a second delivery of the same task waits, then finds it
    scored); the run's counters grow by what this transaction stored, so progress is exact."""
    with transaction.atomic():
        chunk = (ScoringChunk.objects.select_for_update(of=("self",)).select_related("run")
                 .get(pk=chunk_id))
        if chunk.scored_at is not None or chunk.run.status != ScoringRun.Status.RUNNING:
            return 0
        reference = get_reference()
        rows = [score_input(chunk.run_id, pk, data, reference)
                for pk, data in chunk_inputs(chunk.entity_pks)]
        EntityScore.objects.bulk_create(rows, batch_size=INSERT_BATCH)
        ScoringChunk.objects.filter(pk=chunk.pk).update(scored_at=timezone.now())
        invalid = sum(row.status == EntityScore.Status.INVALID for row in rows)
        ScoringRun.objects.filter(pk=chunk.run_id).update(done=F("done") + len(rows),
                                                          invalid=F("invalid") + invalid)
    return len(rows)
