"""Stored results: the list with filters, its CSV download, each result's explanation, and
query counts that do not grow with the rows (browser list and API list)."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scoring.models import ApmEntity, ScoringRun
from scoring.services.runs import scoring_run_execute
from tests.scoring.conftest import add_047, add_458, make_entity

pytestmark = pytest.mark.django_db


def scored_run(count: int) -> ScoringRun:
    """A finished run over ``count`` entities (created as needed; earlier runs removed)."""
    for i in range(ApmEntity.objects.count(), count):
        entity = make_entity(f"E-{i:04d}", npis=[f"{1000000000 + i}"],
                             apm_type="mssp" if i % 2 else "ocm")
        add_047(entity)
    ScoringRun.objects.all().delete()
    run = ScoringRun.objects.create(total=count)
    return scoring_run_execute(run_id=run.pk)


def queries(fn) -> int:
    fn()  # warm: the user's roles are then cached on the user object in both cases
    with CaptureQueriesContext(connection) as ctx:
        response = fn()
        assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_results_list_costs_the_same_queries_for_1_and_20_rows(client, cor_bob):
    client.force_login(cor_bob)
    scored_run(1)
    one = queries(lambda: client.get("/scoring/scores/"))
    scored_run(20)
    assert len(client.get("/scoring/scores/").context["page"].object_list) == 20
    assert queries(lambda: client.get("/scoring/scores/")) == one


def test_the_api_list_costs_the_same_queries_for_1_and_20_rows(api_client, cor_bob):
    api_client.force_authenticate(cor_bob)
    scored_run(1)
    one = queries(lambda: api_client.get("/api/scoring/scores/"))
    scored_run(20)
    assert len(api_client.get("/api/scoring/scores/").json()["results"]) == 20
    assert queries(lambda: api_client.get("/api/scoring/scores/")) == one


def test_the_results_list_filters_by_run_apm_result_and_score(client, cor_bob):
    first = scored_run(2)
    broken = make_entity("BROKEN-1", npis=[])
    add_047(broken, level="tin", tin="555555555")
    second = ScoringRun.objects.create(total=3)
    scoring_run_execute(run_id=second.pk)
    client.force_login(cor_bob)

    def rows(query: str = "") -> list:
        return client.get(f"/scoring/scores/{query}").context["page"].object_list

    assert len(rows()) == 5
    assert len(rows(f"?run={first.pk}")) == 2
    invalid = rows("?status=invalid")
    assert [score.entity.entity_id for score in invalid] == ["BROKEN-1"]
    assert len(rows(f"?apm_type=ocm&run={second.pk}")) == 2
    assert rows("?min_final=99.9") == []
    assert client.get("/scoring/scores/?run=abc&min_final=x&cursor=not-a-cursor"
                      ).status_code == 200


def test_the_csv_download_has_every_filtered_row(client, cor_bob):
    scored_run(3)
    client.force_login(cor_bob)
    body = b"".join(client.get("/scoring/scores/export.csv?apm_type=ocm")
                    .streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("run,entity_id,entity_name,apm,result")
    assert len(lines) == 3  # header + E-0000 and E-0002


def test_a_stored_result_shows_the_same_explanation_as_the_api(client, api_client, cor_bob):
    entity = make_entity("OCM-0001")
    add_047(entity)
    add_458(entity)
    run = scoring_run_execute(run_id=ScoringRun.objects.create(total=1).pk)
    score = run.scores.get()
    client.force_login(cor_bob)
    page = client.get(f"/scoring/scores/{score.pk}/").content.decode()
    api_client.force_authenticate(cor_bob)
    stored = api_client.get(f"/api/scoring/scores/{score.pk}/").json()["output"]
    live = api_client.get(f"/api/scoring/entities/{entity.pk}/score/").json()
    assert stored["explanation"] == live["explanation"]
    for sentence in stored["explanation"][:4]:
        assert html.escape(sentence) in page
    assert "no 2020 benchmark for measure 458" in page
