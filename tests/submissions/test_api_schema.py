"""The OpenAPI schema documents the submissions endpoints."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_lists_the_submissions_endpoints(api_client, issuer_alice):
    api_client.force_authenticate(issuer_alice)
    response = api_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/submissions/", "/api/submissions/{id}/",
                 "/api/submissions/{id}/submit/", "/api/submissions/{id}/start-review/",
                 "/api/submissions/{id}/determine/", "/api/submissions/plans/",
                 "/api/submissions/windows/"):
        assert path in paths, path
    params = {p["name"] for p in paths["/api/submissions/"]["get"]["parameters"]}
    assert {"plan_year", "issuer", "form_type", "status", "updated_since"} <= params
