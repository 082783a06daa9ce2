"""The FQS REST API: scoping, cursor pagination, updated_since, transitions as POST actions
(409 on an illegal step), and status/region never taken from a body."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fqs.models import Activation, FqsRequest, Referral
from tests.fqs.conftest import certificate

pytestmark = pytest.mark.django_db


def test_anyone_signed_in_creates_a_request_and_status_region_are_ignored(
        api_client, outsider_charlie, provider):
    api_client.force_authenticate(outsider_charlie)
    response = api_client.post("/api/fqs/requests/", {
        "source": "acute_emergency", "provider": provider.pk, "description": "Shortage",
        "status": "fqs_activation", "region": "west"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["region"]) == ("new", "northeast")


def test_a_signed_out_client_is_refused(api_client):
    assert api_client.get("/api/fqs/requests/").status_code in (401, 403)


def test_a_submitter_sees_only_their_own_requests(api_client, world, issuer_alice):
    world.request()
    mine = world.request(by=issuer_alice)
    api_client.force_authenticate(issuer_alice)
    ids = [row["id"] for row in api_client.get("/api/fqs/requests/").json()["results"]]
    assert ids == [mine.pk]
    other = FqsRequest.objects.exclude(pk=mine.pk).get()
    assert api_client.get(f"/api/fqs/requests/{other.pk}/").status_code == 404


def test_intake_edit_and_decision_through_the_api(api_client, world, cor_bob):
    req = world.request()
    api_client.force_authenticate(world.p["intake"])
    response = api_client.patch(f"/api/fqs/requests/{req.pk}/", {
        "work_description": "On-site support", "route_cors": [cor_bob.pk],
        "status": "rejected"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "new"
    response = api_client.post(f"/api/fqs/requests/{req.pk}/approve/", {}, format="json")
    assert response.status_code == 409  # off the SPL, Medicare certification unverified
    assert "Medicare certification is not verified" in str(response.json())
    response = api_client.post(f"/api/fqs/requests/{req.pk}/medicare/", {
        "source": "CMS Provider of Services file", "verified_on": "2026-03-09",
        "document": certificate()}, format="multipart")
    assert response.status_code == 201
    assert response.json()["verified_by"] == world.p["intake"].email
    response = api_client.post(f"/api/fqs/requests/{req.pk}/approve/", {}, format="json")
    assert response.json()["status"] == "fqs_activation"
    again = api_client.post(f"/api/fqs/requests/{req.pk}/reject/", {"reason": "x"},
                            format="json")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"


def test_a_rejection_without_reason_is_400(api_client, world):
    req = world.request()
    api_client.force_authenticate(world.p["intake"])
    response = api_client.post(f"/api/fqs/requests/{req.pk}/reject/", {}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()["error"]["fields"]


def test_the_wrong_role_gets_403(api_client, world, associate_ann):
    activation = world.pending_activation()
    api_client.force_authenticate(associate_ann)
    response = api_client.post(f"/api/fqs/activations/{activation.pk}/approve/", {},
                               format="json")
    assert response.status_code == 403


def test_files_upload_through_the_api_and_bad_files_are_400(api_client, world):
    req = world.request()
    api_client.force_authenticate(world.p["intake"])
    ok = api_client.post(f"/api/fqs/requests/{req.pk}/files/",
                         {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")},
                         format="multipart")
    assert ok.status_code == 201 and ok.json()["original_name"] == "a.pdf"
    bad = api_client.post(f"/api/fqs/requests/{req.pk}/files/",
                          {"file": SimpleUploadedFile("a.pdf", b"MZ")}, format="multipart")
    assert bad.status_code == 400


def test_the_activation_flow_through_the_api(api_client, world):
    activation = world.activation()
    api_client.force_authenticate(world.p["fay"])
    bad = api_client.patch(f"/api/fqs/activations/{activation.pk}/", {"sprint_days": 20},
                           format="json")
    assert bad.status_code == 400
    response = api_client.post(f"/api/fqs/activations/{activation.pk}/submit/",
                               {"comment": "Urgent"}, format="json")
    assert response.json()["status"] == "pending_cor"
    api_client.force_authenticate(world.p["cor"])
    response = api_client.post(f"/api/fqs/activations/{activation.pk}/approve/", {},
                               format="json")
    assert response.json()["status"] == "deployed"
    assert len(response.json()["referrals"]) == 1


def test_a_qio_sees_only_its_own_referrals(api_client, world, associate_wes):
    referral = world.referral()
    api_client.force_authenticate(associate_wes)
    assert api_client.get("/api/fqs/referrals/").json()["results"] == []
    assert api_client.get(f"/api/fqs/referrals/{referral.pk}/").status_code == 404
    api_client.force_authenticate(world.p["manager"])
    assert [r["id"] for r in api_client.get("/api/fqs/referrals/").json()["results"]] == [
        referral.pk]


def test_the_referral_flow_and_sprint_requests_through_the_api(api_client, world):
    referral = world.referral()
    api_client.force_authenticate(world.p["manager"])
    body = api_client.post(f"/api/fqs/referrals/{referral.pk}/assign/",
                           {"assignee": world.p["associate"].pk}, format="json").json()
    assert body["status"] == "assigned" and body["launch_due_date"]
    api_client.force_authenticate(world.p["associate"])
    body = api_client.post(f"/api/fqs/referrals/{referral.pk}/launch/", format="json").json()
    assert body["status"] == "initiation" and body["days_left"] == 15
    early = api_client.post(f"/api/fqs/referrals/{referral.pk}/agree-qap/", format="json")
    assert early.status_code == 409
    created = api_client.post("/api/fqs/sprint-requests/", {
        "referral": referral.pk, "kind": "extension", "justification": "More time",
        "status": "approved"}, format="json")
    assert created.status_code == 201 and created.json()["status"] == "pending"
    api_client.force_authenticate(world.p["cor"])
    approved = api_client.post(f"/api/fqs/sprint-requests/{created.json()['id']}/approve/",
                               {}, format="json")
    assert approved.json()["status"] == "approved"
    referral.refresh_from_db()
    assert referral.extension_count == 1


def test_a_sprint_request_for_another_qios_referral_is_404(api_client, world, associate_wes):
    referral = world.referral(Referral.Status.INITIATION)
    api_client.force_authenticate(associate_wes)
    response = api_client.post("/api/fqs/sprint-requests/", {
        "referral": referral.pk, "kind": "hold", "justification": "x"}, format="json")
    assert response.status_code == 404


def test_lists_use_cursor_pagination(api_client, world):
    for _ in range(3):
        world.request()
    api_client.force_authenticate(world.p["intake"])
    first = api_client.get("/api/fqs/requests/?page_size=2").json()
    assert len(first["results"]) == 2 and "cursor=" in first["next"]
    second = api_client.get(first["next"]).json()
    assert len(second["results"]) == 1


def test_updated_since_filters_and_a_bad_value_is_400(api_client, world):
    old = world.request()
    FqsRequest.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=3))
    new = world.request()
    api_client.force_authenticate(world.p["intake"])
    since = (timezone.now() - timedelta(days=1)).isoformat()
    response = api_client.get("/api/fqs/requests/", {"updated_since": since})
    assert [row["id"] for row in response.json()["results"]] == [new.pk]
    assert api_client.get("/api/fqs/requests/?updated_since=yesterday").status_code == 400


def test_status_filter(api_client, world):
    world.pending_activation()
    world.activation()
    api_client.force_authenticate(world.p["cor"])
    rows = api_client.get("/api/fqs/activations/?status=pending_cor").json()["results"]
    assert [row["status"] for row in rows] == [Activation.Status.PENDING_COR]


def test_the_openapi_schema_describes_every_fqs_endpoint():
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator

    generator = SchemaGenerator(patterns=[path("api/fqs/", include("fqs.api_urls"))])
    paths = generator.get_schema(request=None, public=True)["paths"]
    for endpoint in ("/api/fqs/requests/{id}/approve/", "/api/fqs/activations/{id}/approve/",
                     "/api/fqs/referrals/{id}/launch/", "/api/fqs/referrals/{id}/agree-qap/",
                     "/api/fqs/sprint-requests/{id}/approve/", "/api/fqs/survey-responses/"):
        assert endpoint in paths
    assert "patch" in paths["/api/fqs/requests/{id}/"]
    assert "put" not in paths["/api/fqs/requests/{id}/"]


def test_the_referral_list_does_not_grow_queries_with_rows(api_client, world,
                                                          django_assert_max_num_queries):
    for _ in range(4):
        world.referral(Referral.Status.EXECUTION)
    api_client.force_authenticate(world.p["cor"])
    with django_assert_max_num_queries(12):
        response = api_client.get("/api/fqs/referrals/")
    assert len(response.json()["results"]) == 4
