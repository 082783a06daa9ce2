"""The API base: tokens, schema, cursor pagination, one error shape, 409 for illegal steps."""

import pytest

from qis_portal.api_errors import portal_exception_handler
from qis_portal.models import ApiToken
from qis_portal.services.notifications import notify
from qis_portal.workflow import WorkflowConflict
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_user_creates_a_token_and_uses_it(api_client, cor_bob):
    created = api_client.post("/api/auth/token/", {"email": cor_bob.email, "password": PASSWORD,
                                                   "name": "nightly export"})
    assert created.status_code == 201
    key = created.json()["key"]
    me = api_client.get("/api/me/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert me.status_code == 200
    assert me.json()["roles"] == ["cms_cor"]


def test_only_the_hash_of_a_token_is_stored(api_client, cor_bob):
    key = api_client.post("/api/auth/token/", {"email": cor_bob.email,
                                               "password": PASSWORD}).json()["key"]
    token = ApiToken.objects.get(user=cor_bob)
    assert token.key_hash == ApiToken.hash_key(key)
    assert key not in (token.key_hash, token.prefix)


def test_a_revoked_token_stops_working(api_client, cor_bob):
    key = api_client.post("/api/auth/token/", {"email": cor_bob.email,
                                               "password": PASSWORD}).json()["key"]
    token_id = ApiToken.objects.get(user=cor_bob).pk
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert api_client.post(f"/api/tokens/{token_id}/revoke/", **auth).status_code == 200
    response = api_client.get("/api/me/", **auth)
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "Invalid or revoked token."


def test_tokens_are_created_and_revoked_in_the_browser_too(client, cor_bob):
    client.force_login(cor_bob)
    page = client.post("/accounts/", {"name": "HIOS sync"}).content.decode()
    assert "shown only once" in page
    token = ApiToken.objects.get(user=cor_bob)
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_another_users_token_cannot_be_revoked(api_client, cor_bob, reviewer_quinn):
    from qis_portal.services.tokens import api_token_create

    token, _ = api_token_create(user=reviewer_quinn, name="theirs")
    api_client.force_authenticate(cor_bob)
    assert api_client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 404


def test_anonymous_requests_get_401_in_the_common_error_shape(api_client):
    response = api_client.get("/api/me/")
    assert response.status_code in (401, 403)
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_validation_errors_name_each_field(api_client):
    response = api_client.post("/api/auth/token/", {"email": "not-an-email"})
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert "email" in fields
    assert "password" in fields


def test_an_illegal_workflow_step_is_409_with_the_reason():
    response = portal_exception_handler(
        WorkflowConflict("Cannot approve: the assessment is returned.", current_state="returned"),
        {"request": None})
    assert response.status_code == 409
    assert response.data == {"error": {"code": "conflict",
                                       "message": "Cannot approve: the assessment is returned.",
                                       "fields": {"status": ["returned"]}}}


def test_lists_use_cursor_pagination(api_client, cor_bob):
    for i in range(3):
        notify(recipients=[cor_bob], kind="account.token", title=f"n{i}")
    api_client.force_authenticate(cor_bob)
    first = api_client.get("/api/notifications/?page_size=2").json()
    assert set(first) == {"next", "previous", "results"}
    assert "cursor=" in first["next"]
    assert len(first["results"]) == 2
    second = api_client.get(first["next"]).json()
    assert [n["title"] for n in second["results"]] == ["n0"]


def test_the_schema_needs_a_sign_in(api_client):
    assert api_client.get("/api/schema/").status_code in (401, 403)


def test_the_openapi_schema_renders_and_validates(api_client, cor_bob):
    api_client.force_authenticate(cor_bob)
    response = api_client.get("/api/schema/?format=json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_spectacular_validates_the_schema_without_warnings():
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_the_docs_page_is_for_signed_in_users(client, cor_bob):
    assert client.get("/api/docs/").status_code == 302
    client.force_login(cor_bob)
    page = client.get("/api/docs/").content.decode()
    assert "/api/auth/token/" in page
    assert "/api/role-assignments/{id}/approve/" in page
