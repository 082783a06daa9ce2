"""A long scoring run is many short tasks (issue 13, item 3): each task scores a bounded
number of chunks and queues the next one, so none outlives the broker's visibility timeout."""

import pytest

from scoring import tasks
from scoring.models import EntityScore, ScoringRun
from scoring.services import runs as run_services
from tests.scoring.conftest import add_047, make_entity

pytestmark = pytest.mark.django_db


def test_each_task_scores_its_share_and_queues_the_rest(cor_bob, monkeypatch):
    for i in range(5):
        add_047(make_entity(f"OCM-010{i}"))
    monkeypatch.setattr(tasks, "CHUNKS_PER_TASK", 2)
    original = run_services.scoring_run_execute
    monkeypatch.setattr(tasks, "scoring_run_execute",
                        lambda **kw: original(**kw, chunk_size=1))
    queued = []
    monkeypatch.setattr(tasks.score_run, "delay", queued.append)
    run = ScoringRun.objects.create(total=5, created_by=cor_bob)

    assert tasks.score_run.run(run.pk) == 2
    assert queued == [run.pk] and ScoringRun.objects.get(pk=run.pk).status == "running"
    assert tasks.score_run.run(run.pk) == 4
    assert tasks.score_run.run(run.pk) == 5
    assert queued == [run.pk, run.pk]  # the last task finished the run and queued nothing
    run = ScoringRun.objects.get(pk=run.pk)
    assert (run.status, run.done) == ("finished", 5)
    assert EntityScore.objects.filter(run=run).count() == 5
