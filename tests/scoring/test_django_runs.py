"""Batch scoring: a run queued on commit, a task that resumes and never scores twice, progress
done / total, stored results with the engine's output, and the htmx progress fragment."""

import pytest
from django.core.exceptions import PermissionDenied

from qis_portal.workflow import WorkflowConflict
from scoring import tasks
from scoring.models import EntityScore, ScoringChunk, ScoringRun
from scoring.services import run_chunks
from scoring.services import runs as run_services
from scoring.services.runs import scoring_run_execute, scoring_run_start
from tests.scoring.conftest import add_047, add_458, make_entity

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_entities(db):
    good = [make_entity(f"OCM-000{i}") for i in (1, 2)]
    for entity in good:
        add_047(entity)
        add_458(entity)
    broken = make_entity("OCM-0003", npis=[])
    add_047(broken, level="tin", tin="555555555")  # TIN not on the participation list
    return [*good, broken]


def test_starting_a_run_enqueues_the_task_once_the_transaction_commits(
        cor_bob, three_entities, django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.score_run, "delay", sent.append)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = scoring_run_start(actor=cor_bob)
        assert sent == []
    assert len(callbacks) == 1 and sent == [run.pk]
    assert (run.status, run.total, run.done) == ("queued", 3, 0)


def test_the_run_task_plans_chunks_and_enqueues_one_task_per_chunk(cor_bob, three_entities,
                                                                   monkeypatch):
    run = ScoringRun.objects.create(total=3, created_by=cor_bob)
    sent = []
    monkeypatch.setattr(tasks.score_chunk, "delay", sent.append)
    monkeypatch.setattr(run_services, "CHUNK_ROWS", 1)
    assert tasks.score_run.run(run.pk) == 3
    chunks = list(ScoringChunk.objects.filter(run=run).order_by("number"))
    assert sent == [chunk.pk for chunk in chunks]
    assert [chunk.entity_pks for chunk in chunks] == [[e.pk] for e in three_entities]
    assert [chunk.measure_rows for chunk in chunks] == [2, 2, 1]
    assert ScoringRun.objects.get(pk=run.pk).status == "running"
    for chunk_id in sent:
        tasks.score_chunk.run(chunk_id)
    run = ScoringRun.objects.get(pk=run.pk)
    assert (run.status, run.done, run.total, run.invalid) == ("finished", 3, 3, 1)


def test_the_run_scores_every_entity_and_stores_the_output(cor_bob, three_entities):
    run = scoring_run_execute(run_id=ScoringRun.objects.create(total=3, created_by=cor_bob).pk)
    assert (run.status, run.done, run.total, run.invalid) == ("finished", 3, 3, 1)
    assert run.started_at and run.finished_at
    scored = EntityScore.objects.get(run=run, entity=three_entities[0])
    assert scored.status == "scored" and scored.reporting_level == "entity"
    assert float(scored.final_score) == scored.output["final"]["final_score"]
    measure = next(m for m in scored.output["quality"]["units"][0]["measures"]
                   if m["measure_id"] == "047")
    assert (measure["points"], measure["decile"]) == (5.8733, 5)
    refused = EntityScore.objects.get(run=run, entity=three_entities[2])
    assert refused.status == "invalid" and refused.final_score is None
    assert refused.errors[0]["path"] == "submissions[0].tin"


def test_running_the_task_twice_scores_nothing_twice(cor_bob, three_entities):
    run = ScoringRun.objects.create(total=3, created_by=cor_bob)
    scoring_run_execute(run_id=run.pk)
    first = list(EntityScore.objects.values_list("pk", "final_score").order_by("pk"))
    again = scoring_run_execute(run_id=run.pk)
    assert (again.status, again.done) == ("finished", 3)
    assert list(EntityScore.objects.values_list("pk", "final_score").order_by("pk")) == first


def test_a_redelivered_task_resumes_where_the_dead_worker_stopped(cor_bob, three_entities,
                                                                  monkeypatch):
    run = ScoringRun.objects.create(total=3, created_by=cor_bob)
    real = run_chunks.score_input
    calls = []

    def dies_in_the_second_chunk(run_id, entity_pk, data, reference):
        if calls and data["entity"]["id"] == "OCM-0002":
            raise KeyboardInterrupt("worker lost")
        calls.append(data["entity"]["id"])
        return real(run_id, entity_pk, data, reference)

    monkeypatch.setattr(run_chunks, "score_input", dies_in_the_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        scoring_run_execute(run_id=run.pk, chunk_rows=1)
    stuck = ScoringRun.objects.get(pk=run.pk)
    assert (stuck.status, stuck.done) == ("running", 1)
    assert EntityScore.objects.filter(run=run).count() == 1
    monkeypatch.setattr(run_chunks, "score_input", real)
    done = scoring_run_execute(run_id=run.pk, chunk_rows=1)
    assert (done.status, done.done) == ("finished", 3)
    assert EntityScore.objects.filter(run=run).count() == 3


def test_progress_is_counted_chunk_by_chunk(cor_bob, three_entities, monkeypatch):
    run = ScoringRun.objects.create(total=3, created_by=cor_bob)
    seen = []
    real = run_services.scoring_run_finish_if_complete

    def record(*, run_id):
        current = ScoringRun.objects.get(pk=run_id)
        seen.append((current.done, current.total, current.status))
        return real(run_id=run_id)

    monkeypatch.setattr(run_services, "scoring_run_finish_if_complete", record)
    scoring_run_execute(run_id=run.pk, chunk_rows=3)  # 047 + 458 twice: chunks of 2 and 1
    assert seen == [(2, 3, "running"), (3, 3, "running")]
    assert ScoringRun.objects.get(pk=run.pk).status == "finished"


def test_an_unexpected_error_fails_the_run_with_its_message(cor_bob, three_entities,
                                                           monkeypatch):
    run = ScoringRun.objects.create(total=3, created_by=cor_bob)

    def broken():
        raise RuntimeError("package files missing")

    monkeypatch.setattr(run_chunks, "get_reference", broken)
    failed = scoring_run_execute(run_id=run.pk)
    assert failed.status == "failed" and failed.error == "RuntimeError: package files missing"
    assert failed.done == 0 and not EntityScore.objects.filter(run=run).exists()
    assert scoring_run_execute(run_id=run.pk).status == "failed"  # stays failed


def test_only_one_run_per_year_may_be_active(cor_bob, three_entities):
    scoring_run_start(actor=cor_bob)
    with pytest.raises(WorkflowConflict, match="already queued or running"):
        scoring_run_start(actor=cor_bob)


@pytest.mark.parametrize("persona", ["readonly_pat", "associate_ann", "api_alice"])
def test_read_only_and_non_cms_users_may_not_start_a_run(request, persona):
    with pytest.raises(PermissionDenied):
        scoring_run_start(actor=request.getfixturevalue(persona))


def test_the_browser_starts_a_run_and_shows_a_polling_progress_bar(client, cor_bob,
                                                                    three_entities):
    client.force_login(cor_bob)
    response = client.post("/scoring/runs/start/", {"performance_year": "2020"})
    run = ScoringRun.objects.get()
    assert response.url == f"/scoring/runs/{run.pk}/"
    page = client.get(response.url).content.decode()
    assert 'hx-trigger="every 2s"' in page and '<progress id="run-progress-bar"' in page
    fragment = client.get(f"/scoring/runs/{run.pk}/progress/").content.decode()
    assert "Queued: 0 of 3 entities (0 %)" in fragment
    scoring_run_execute(run_id=run.pk)
    fragment = client.get(f"/scoring/runs/{run.pk}/progress/").content.decode()
    assert "Finished: 3 of 3 entities (100 %); 1 with data the engine refused" in fragment
    assert "hx-trigger" not in fragment  # polling stops once the run ends


def test_a_second_start_in_the_browser_is_a_clear_message(client, cor_bob, three_entities):
    client.force_login(cor_bob)
    client.post("/scoring/runs/start/", {"performance_year": "2020"})
    response = client.post("/scoring/runs/start/", {"performance_year": "2020"}, follow=True)
    assert "already queued or running" in response.content.decode()
    assert ScoringRun.objects.count() == 1
