"""The REST API for data in and results out: a REST client pushes its own organization's
entities and measure data (another organization's entity is a 404), CMS roles read them,
everyone else gets 403; runs and scores; updated_since; the catalogue's filters."""

from datetime import timedelta

import pytest
from django.utils import timezone

from scoring.models import ApmEntity, Participant, QualitySubmission, ScoringRun
from scoring.services.runs import scoring_run_execute
from tests.scoring.conftest import NPIS, TIN, add_047, make_entity

pytestmark = pytest.mark.django_db

ENTITY = {"entity_id": "OCM-0100", "name": "Sunrise Oncology", "apm_type": "ocm",
          "improvement_activities_score": "100", "promoting_interoperability_score": None}


def test_a_rest_client_creates_its_entity_and_pushes_its_data(api_client, api_alice):
    api_client.force_authenticate(api_alice)
    created = api_client.post("/api/scoring/entities/", ENTITY, format="json")
    assert created.status_code == 201
    entity = ApmEntity.objects.get(entity_id="OCM-0100")
    assert entity.organization_id == api_alice.organization_id
    added = api_client.post("/api/scoring/participants/",
                            {"entity": entity.pk, "tin": TIN, "npis": NPIS[:3]}, format="json")
    assert added.status_code == 201 and len(added.json()) == 3
    pushed = api_client.post("/api/scoring/submissions/", {
        "entity": entity.pk, "level": "npi", "tin": TIN, "npi": NPIS[0], "measure_id": "047",
        "submission_method": "registry", "numerator": 120, "denominator": 156,
        "data_completeness": "85"}, format="json")
    assert pushed.status_code == 201, pushed.json()
    score = api_client.get(f"/api/scoring/entities/{entity.pk}/score/").json()
    assert score["quality"]["reporting_level"] == "tin_npi"


def test_engine_rules_come_back_as_400_with_each_field(api_client, api_alice, issuer_org):
    entity = make_entity(organization=issuer_org)
    api_client.force_authenticate(api_alice)
    response = api_client.post("/api/scoring/submissions/", {
        "entity": entity.pk, "level": "tin", "tin": "999999999", "measure_id": "047",
        "submission_method": "cmsWebInterface", "numerator": 5, "denominator": 2},
        format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"tin", "submission_method", "numerator", "data_completeness"} <= set(fields)
    assert not QualitySubmission.objects.exists()


def test_measure_data_is_updated_partially_and_deleted(api_client, api_alice, issuer_org):
    entity = make_entity(organization=issuer_org)
    row = add_047(entity)
    api_client.force_authenticate(api_alice)
    patched = api_client.patch(f"/api/scoring/submissions/{row.pk}/", {"numerator": 130},
                               format="json")
    assert patched.status_code == 200 and patched.json()["numerator"] == 130
    assert api_client.delete(f"/api/scoring/submissions/{row.pk}/").status_code == 204


def test_another_organizations_entity_is_a_404_for_a_rest_client(api_client, api_alice,
                                                                 other_issuer_org):
    theirs = make_entity(organization=other_issuer_org)
    row = add_047(theirs)
    api_client.force_authenticate(api_alice)
    assert api_client.get(f"/api/scoring/entities/{theirs.pk}/").status_code == 404
    assert api_client.get(f"/api/scoring/entities/{theirs.pk}/score/").status_code == 404
    assert api_client.patch(f"/api/scoring/submissions/{row.pk}/", {"numerator": 1},
                            format="json").status_code == 404
    assert api_client.get("/api/scoring/entities/").json()["results"] == []
    pushed = api_client.post("/api/scoring/submissions/", {
        "entity": theirs.pk, "level": "entity", "measure_id": "047",
        "submission_method": "registry", "numerator": 1, "denominator": 2,
        "data_completeness": 80}, format="json")
    assert pushed.status_code == 400 and "entity" in pushed.json()["error"]["fields"]


def test_read_only_cms_users_read_but_do_not_write(api_client, readonly_pat, ocm_entity):
    api_client.force_authenticate(readonly_pat)
    assert api_client.get("/api/scoring/entities/").status_code == 200
    assert api_client.get(f"/api/scoring/entities/{ocm_entity.pk}/score/").status_code == 200
    assert api_client.post("/api/scoring/entities/", ENTITY, format="json").status_code == 403
    assert api_client.post("/api/scoring/runs/", {}, format="json").status_code == 403


@pytest.mark.parametrize("persona", ["issuer_alice", "associate_ann", "outsider_charlie"])
@pytest.mark.parametrize("path", ["/api/scoring/entities/", "/api/scoring/scores/",
                                  "/api/scoring/measures/", "/api/scoring/submissions/",
                                  "/api/scoring/runs/"])
def test_everyone_else_is_refused(api_client, request, persona, path):
    api_client.force_authenticate(request.getfixturevalue(persona))
    assert api_client.get(path).status_code == 403


def test_anonymous_requests_are_refused(api_client):
    assert api_client.get("/api/scoring/entities/").status_code in (401, 403)


def test_a_bad_entity_body_lists_each_field(api_client, cor_bob):
    api_client.force_authenticate(cor_bob)
    response = api_client.post("/api/scoring/entities/", {
        "entity_id": "bad id", "name": "", "apm_type": "aco", "complex_patient_bonus": 9},
        format="json")
    assert response.status_code == 400
    assert {"name", "apm_type", "complex_patient_bonus"} <= set(
        response.json()["error"]["fields"])
    response = api_client.post("/api/scoring/entities/", {**ENTITY, "entity_id": "bad id"},
                               format="json")
    assert response.status_code == 400 and "entity_id" in response.json()["error"]["fields"]


def test_updated_since_returns_only_recent_changes(api_client, cor_bob):
    old = make_entity("OCM-OLD")
    ApmEntity.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=3))
    make_entity("OCM-NEW", npis=NPIS[:1])
    api_client.force_authenticate(cor_bob)
    since = (timezone.now() - timedelta(days=1)).isoformat()
    ids = [e["entity_id"] for e in api_client.get(
        "/api/scoring/entities/", {"updated_since": since}).json()["results"]]
    assert ids == ["OCM-NEW"]


def test_a_cor_starts_a_run_through_the_api_and_reads_the_scores(
        api_client, cor_bob, ocm_entity, django_capture_on_commit_callbacks, monkeypatch):
    from scoring import tasks

    monkeypatch.setattr(tasks.score_run, "delay", lambda run_id: None)
    api_client.force_authenticate(cor_bob)
    with django_capture_on_commit_callbacks(execute=True):
        created = api_client.post("/api/scoring/runs/", {"performance_year": 2020},
                                  format="json")
    assert created.status_code == 201 and created.json()["status"] == "queued"
    again = api_client.post("/api/scoring/runs/", {}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"
    scoring_run_execute(run_id=created.json()["id"])
    run = api_client.get(f"/api/scoring/runs/{created.json()['id']}/").json()
    assert (run["status"], run["done"], run["total"], run["percent_done"]) == (
        "finished", 1, 1, 100)
    scores = api_client.get("/api/scoring/scores/", {"result": "scored"}).json()["results"]
    assert scores[0]["entity_id"] == "OCM-0001" and "output" not in scores[0]
    detail = api_client.get(f"/api/scoring/scores/{scores[0]['id']}/").json()
    assert detail["output"]["entity_id"] == "OCM-0001" and detail["problems"] == []


def test_a_rest_client_reads_only_its_organizations_scores(api_client, api_alice, issuer_org,
                                                           other_issuer_org):
    mine = make_entity("MINE-1", organization=issuer_org)
    theirs = make_entity("THEIRS-1", npis=NPIS[:1], organization=other_issuer_org)
    add_047(mine)
    add_047(theirs)
    run = scoring_run_execute(run_id=ScoringRun.objects.create(total=2).pk)
    api_client.force_authenticate(api_alice)
    rows = api_client.get("/api/scoring/scores/").json()["results"]
    assert [r["entity_id"] for r in rows] == ["MINE-1"]
    other = run.scores.get(entity=theirs)
    assert api_client.get(f"/api/scoring/scores/{other.pk}/").status_code == 404
    assert api_client.get("/api/scoring/runs/").status_code == 403


def test_participants_are_listed_and_removed_by_the_api(api_client, cor_bob, ocm_entity):
    api_client.force_authenticate(cor_bob)
    rows = api_client.get("/api/scoring/participants/", {"entity": ocm_entity.pk}).json()
    assert len(rows["results"]) == 20
    last = Participant.objects.filter(entity=ocm_entity).order_by("-npi").first()
    assert api_client.delete(f"/api/scoring/participants/{last.pk}/").status_code == 204


def test_the_catalogue_api_filters_like_the_page(api_client, api_alice, reference):
    api_client.force_authenticate(api_alice)
    rows = api_client.get("/api/scoring/measures/", {
        "submission_method": "cmsWebInterface", "page_size": 100}).json()["results"]
    assert len(rows) == 10 and all("cmsWebInterface" in r["submission_methods"] for r in rows)
    rows = api_client.get("/api/scoring/measures/", {"q": "advance care",
                                                     "high_priority": "true"}).json()["results"]
    assert "047" in [r["measure_id"] for r in rows]
    assert all(r["is_high_priority"] and "advance care" in r["title"].lower() for r in rows)
    topped = api_client.get("/api/scoring/measures/", {"topped_out": "true",
                                                       "page_size": 500}).json()["results"]
    assert topped and all(r["topped_out"] for r in topped)
    detail = api_client.get("/api/scoring/measures/047/").json()
    registry = next(b for b in detail["benchmarks"] if b["submission_method"] == "registry")
    assert len(registry["deciles"]) == 9
    assert api_client.get("/api/scoring/measures/9999/").status_code == 404
    bad = api_client.get("/api/scoring/measures/", {"submission_method": "fax"})
    assert bad.status_code == 400


def test_numbers_too_large_for_the_database_are_400_not_500(api_client, cor_bob, ocm_entity):
    api_client.force_authenticate(cor_bob)
    entity = api_client.post("/api/scoring/entities/", {**ENTITY, "clinician_count": 10**12},
                             format="json")
    assert entity.status_code == 400 and "clinician_count" in entity.json()["error"]["fields"]
    row = api_client.post("/api/scoring/submissions/", {
        "entity": ocm_entity.pk, "level": "entity", "measure_id": "130",
        "submission_method": "registry", "numerator": 10**12, "denominator": 10**12,
        "data_completeness": 80}, format="json")
    assert row.status_code == 400 and "numerator" in row.json()["error"]["fields"]
