"""One chunk of a national run: idempotent, exact progress, a bounded number of queries, and
results equal to scoring each entity alone."""

import pytest

from scoring.choices import Level
from scoring.models import EntityScore, QualitySubmission, ScoringChunk, ScoringRun
from scoring.services import runs as run_services
from scoring.services.contract import entity_evaluate
from scoring.services.run_chunks import chunk_score
from tests.scoring.conftest import NPIS, TIN, add_047, add_458, make_entity

pytestmark = pytest.mark.django_db


@pytest.fixture
def entities(db):
    """Eight entities of the seed's 047 / 458 example, each with clinician-level rows too,
    and one whose TIN is not on its participation list (refused by the engine)."""
    made = []
    for n in range(8):
        entity = make_entity(f"OCM-01{n:02d}", complex_patient_bonus=n % 3)
        add_047(entity, numerator=100 + n)
        add_458(entity)
        QualitySubmission.objects.bulk_create(
            QualitySubmission(entity=entity, level=Level.NPI, tin=TIN, npi=npi,
                              measure_id="047", submission_method="registry",
                              numerator=10 + i, denominator=30, eligible_population=30,
                              data_completeness=80)
            for i, npi in enumerate(NPIS[:5]))
        made.append(entity)
    broken = make_entity("OCM-0199", npis=[])
    add_047(broken, level="tin", tin="555555555")
    return [*made, broken]


def _planned(cor, chunk_rows):
    run = ScoringRun.objects.create(total=0, created_by=cor)
    return run, run_services.scoring_run_plan(run_id=run.pk, chunk_rows=chunk_rows)


def _stored(run):
    return list(EntityScore.objects.filter(run=run).order_by("entity_id").values_list(
        "entity_id", "status", "final_score", "output", "errors"))


def test_the_chunks_cover_every_entity_once_in_whole_entities(cor_bob, entities):
    run, chunk_ids = _planned(cor_bob, chunk_rows=15)
    chunks = ScoringChunk.objects.filter(run=run).order_by("number")
    assert [c.pk for c in chunks] == chunk_ids
    planned = [pk for c in chunks for pk in c.entity_pks]
    assert planned == [e.pk for e in entities]
    # 7 rows an entity, 1 for the broken one: whole entities until a chunk holds >= 15 rows
    assert [c.measure_rows for c in chunks] == [21, 21, 15]
    assert ScoringRun.objects.get(pk=run.pk).total == 9


def test_scoring_a_chunk_twice_stores_the_same_rows_once(cor_bob, entities):
    run, chunk_ids = _planned(cor_bob, chunk_rows=15)
    assert chunk_score(chunk_ids[0]) == 3
    first = _stored(run)
    assert chunk_score(chunk_ids[0]) == 0  # a second delivery of the same task
    assert _stored(run) == first and len(first) == 3
    assert ScoringRun.objects.get(pk=run.pk).done == 3


def test_progress_is_exactly_what_the_chunks_stored(cor_bob, entities):
    run, chunk_ids = _planned(cor_bob, chunk_rows=15)
    seen = []
    for chunk_id in chunk_ids:
        run_services.scoring_chunk_execute(chunk_id=chunk_id)
        current = ScoringRun.objects.get(pk=run.pk)
        seen.append((current.done, current.invalid, current.status))
    assert seen == [(3, 0, "running"), (6, 0, "running"), (9, 1, "finished")]
    assert EntityScore.objects.filter(run=run).count() == 9


def test_the_stored_results_equal_scoring_each_entity_alone(cor_bob, entities):
    run = run_services.scoring_run_execute(
        run_id=ScoringRun.objects.create(total=0, created_by=cor_bob).pk, chunk_rows=15)
    assert (run.status, run.done, run.invalid) == ("finished", 9, 1)
    for entity in entities[:-1]:
        stored = EntityScore.objects.get(run=run, entity=entity)
        assert stored.output == entity_evaluate(entity)
        assert float(stored.final_score) == stored.output["final"]["final_score"]
    refused = EntityScore.objects.get(run=run, entity=entities[-1])
    assert refused.errors == [{"path": "submissions[0].tin",
                               "message": refused.errors[0]["message"]}]


@pytest.mark.parametrize("chunk_rows", [7, 100_000])
def test_a_chunk_takes_the_same_few_queries_however_many_entities_it_holds(
        cor_bob, entities, chunk_rows, django_assert_max_num_queries):
    run, chunk_ids = _planned(cor_bob, chunk_rows=chunk_rows)
    # lock + 3 reads (entities, participants, submissions) + insert + 2 counter updates,
    # with the savepoint/transaction statements around them.
    with django_assert_max_num_queries(9):
        chunk_score(chunk_ids[0])
    assert EntityScore.objects.filter(run=run).count() == len(
        ScoringChunk.objects.get(pk=chunk_ids[0]).entity_pks)


def test_a_chunk_of_a_failed_run_scores_nothing(cor_bob, entities, monkeypatch):
    run, chunk_ids = _planned(cor_bob, chunk_rows=15)
    monkeypatch.setattr("scoring.services.run_chunks.get_reference",
                        lambda: (_ for _ in ()).throw(OSError("package missing")))
    assert run_services.scoring_chunk_execute(chunk_id=chunk_ids[0]) == 0
    monkeypatch.undo()
    assert ScoringRun.objects.get(pk=run.pk).status == "failed"
    assert chunk_score(chunk_ids[1]) == 0 and not EntityScore.objects.filter(run=run).exists()
