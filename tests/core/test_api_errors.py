"""One error shape under /api/ (issue 13, item 2): every refusal is {"error": {...}} with the
right status, whatever part of the stack gives it, and never an HTML page."""

import json
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NESTED = "[" * 5000 + "]" * 5000


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["message"]
    if code is not None:
        assert error["code"] == code
    return error


@pytest.fixture
def cor_key(api_client, cor_bob):
    return api_client.post("/api/auth/token/", {"email": cor_bob.email,
                                                "password": PASSWORD}).json()["key"]


def test_deeply_nested_json_at_the_unauthenticated_token_endpoint_is_a_400(api_client):
    response = api_client.generic("POST", "/api/auth/token/", NESTED,
                                  content_type="application/json")
    assert_error(response, 400, "parse_error")


def test_deeply_nested_json_at_a_signed_in_endpoint_is_a_400(api_client, cor_key):
    response = api_client.generic("POST", "/api/scoring/evaluate/", NESTED,
                                  content_type="application/json",
                                  HTTP_AUTHORIZATION=f"Bearer {cor_key}")
    assert_error(response, 400, "parse_error")


def test_malformed_json_is_a_400(api_client):
    response = api_client.generic("POST", "/api/auth/token/", '{"email": ',
                                  content_type="application/json")
    assert_error(response, 400, "parse_error")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
@pytest.mark.parametrize("content_type, body", [
    ("application/json", '{"email": "%s", "password": "x"}' % ("a" * 2000)),
    ("application/x-www-form-urlencoded", "email=" + "a" * 2000 + "&password=x"),
])
def test_a_body_over_the_limit_is_a_413(api_client, content_type, body):
    response = api_client.generic("POST", "/api/auth/token/", body, content_type=content_type)
    assert_error(response, 413, "too_large")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_a_multipart_body_over_the_limit_is_a_413(api_client, cor_key):
    response = api_client.post("/api/auth/token/", {"email": "a" * 2000, "password": "x"},
                               format="multipart")
    assert_error(response, 413, "too_large")


@pytest.mark.parametrize("path", ["/api/no-such-thing/", "/api/qio/tasks/not-a-number/",
                                  "/api/fqs/"])
def test_an_unknown_api_route_is_a_json_404(api_client, cor_key, path):
    response = api_client.get(path, HTTP_AUTHORIZATION=f"Bearer {cor_key}")
    assert_error(response, 404, "not_found")


@override_settings(DEBUG=False)
def test_an_unknown_page_is_still_the_portal_page(client, cor_bob):
    client.force_login(cor_bob)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert b"Page not found" in response.content


def test_an_unsupported_media_type_is_a_415(api_client):
    response = api_client.generic("POST", "/api/auth/token/", "<xml/>",
                                  content_type="application/xml")
    assert_error(response, 415, "unsupported_media_type")


def test_a_method_the_route_does_not_take_is_a_405(api_client, cor_key):
    response = api_client.delete("/api/me/", HTTP_AUTHORIZATION=f"Bearer {cor_key}")
    assert_error(response, 405, "method_not_allowed")


@override_settings(RATE_LIMIT_API=(2, 60))
def test_the_burst_limit_is_a_429_with_retry_after(api_client, cor_key):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {cor_key}"}
    statuses = [api_client.get("/api/me/", **headers).status_code for _ in range(3)]
    assert statuses[:2] == [200, 200]
    response = api_client.get("/api/me/", **headers)
    assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) >= 1


def test_no_token_is_a_401_naming_the_bearer_scheme(api_client):
    response = api_client.get("/api/me/")
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_wrong_password_at_the_token_endpoint_is_a_401(api_client, cor_bob):
    response = api_client.post("/api/auth/token/", {"email": cor_bob.email,
                                                    "password": "wrong-password-1"})
    assert_error(response, 401, "invalid_credentials")


def test_an_unknown_email_at_the_token_endpoint_is_the_same_401(api_client, db):
    response = api_client.post("/api/auth/token/", {"email": "nobody@example.test",
                                                    "password": "wrong-password-1"})
    assert_error(response, 401, "invalid_credentials")


def test_a_locked_account_at_the_token_endpoint_has_its_own_code(api_client, cor_bob):
    cor_bob.locked_until = timezone.now() + timedelta(minutes=30)
    cor_bob.save()
    response = api_client.post("/api/auth/token/", {"email": cor_bob.email,
                                                    "password": PASSWORD})
    error = assert_error(response, 403, "account_locked")
    assert "locked" in error["message"]


def test_a_server_error_under_the_api_is_json(rf):
    from qis_portal.views.system import server_error

    response = server_error(rf.get("/api/me/"))
    assert response.status_code == 500
    assert json.loads(response.content)["error"]["code"] == "server_error"
