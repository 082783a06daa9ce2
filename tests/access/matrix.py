"""How one cell of the access matrix is judged: every route × every persona against the one
table in tests/access/routes.py (issue #8, item 1). The allowed ones get through (never
401/403/404/5xx), everyone else is refused. The cells are split over three test modules by
persona group (CMS staff, QIO staff, everyone else) so that a parallel run spreads them over
its workers instead of running ten thousand cases on one."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.access.conftest import client_for, consume, unbounded_counts
from tests.access.routes import CHECKS, MATRIX_PERSONAS, Check
from tests.access.routes import _none as no_kwargs
from tests.access.world import SURVEY_COMMENT

LOGIN_PATH = "/accounts/login/"
# The answer fields of fqs.SurveyResponse, and the comment of the one seeded response.
SURVEY_RESPONSE_FIELDS = frozenset({"overall_satisfaction", "issue_resolved",
                                    "would_recommend"})
RESTRICTED_READERS = frozenset({"cor", "readonly"})
SCHEMA_URLS = ("/api/schema/",)  # the schema names the fields; it holds no response


def _url(check: Check, world) -> str:
    url = reverse(check.route, kwargs=check.kwargs(world) or None)
    if check.query is not None:
        url += "?" + check.query(world)
    return url


def _is_api(url: str) -> bool:
    return url.startswith("/api/") and not url.startswith("/api/docs/")


def _has_file(body: dict) -> bool:
    return any(hasattr(value, "read") for value in body.values())


def send(client, check: Check, world, *, body=None):
    """One request as the table describes it (JSON to the API unless it carries a file)."""
    url = _url(check, world)
    data = check.body(world) if body is None and check.body else (body or {})
    method = check.method.lower()
    if method == "get":
        return client.get(url)
    if _is_api(url) and not _has_file(data):
        return getattr(client, method)(url, data=json.dumps(data),
                                       content_type="application/json")
    if method == "post":
        return client.post(url, data=data)
    return getattr(client, method)(url, data=data)


def _unbounded(queries) -> str | None:
    found = unbounded_counts([query["sql"] for query in queries.captured_queries])
    return f"UNBOUNDED COUNT of a big table: {found[0]}" if found else None


def restricted_leak(persona: str, url: str, body: bytes) -> str | None:
    """Survey responses (DOMAIN §3.4) reach the COR and CMS read-only users only: no other
    body, page or JSON, carries a response's comment or its answer fields."""
    if persona in RESTRICTED_READERS:
        return None
    if SURVEY_COMMENT.encode() in body:
        return "RESTRICTED LEAK: a survey response's comment is in the body"
    if _is_api(url) and url not in SCHEMA_URLS:
        keys = json_keys(body)
        leaked = sorted(keys & SURVEY_RESPONSE_FIELDS)
        if leaked:
            return f"RESTRICTED LEAK: survey response fields {leaked} in the JSON body"
    return None


def json_keys(body: bytes) -> set[str]:
    try:
        data = json.loads(body or b"null")
    except ValueError:
        return set()
    keys: set[str] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            keys.update(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return keys


def verdict(check: Check, persona: str, response, url: str) -> str | None:
    """None when the answer is right for this persona, else what was wrong."""
    status = response.status_code
    location = response.get("Location", "")
    if status >= 500:
        return f"server error {status}"
    if persona in check.allowed:
        if status in (401, 403, 404, 405):
            return f"allowed persona refused with {status}"
        if status in (301, 302, 303) and location.startswith(LOGIN_PATH) \
                and not check.login_redirect_ok and persona != "anon":
            return f"allowed persona sent to sign in ({location})"
        if check.method == "GET" and _is_api(url) and status != 200:
            return f"allowed API read answered {status}"
        return None
    if persona == "anon":
        if _is_api(url):
            return None if status in (401, 403) else f"anonymous API call answered {status}"
        if status == 302 and location.startswith(LOGIN_PATH):
            return None
        return f"anonymous request answered {status} {location}"
    refusals = {403}
    if check.kwargs is not no_kwargs:
        refusals.add(404)  # another tenant's object is simply not there
    if check.names_object_in_body:
        refusals |= {400, 404}
    if status in refusals:
        return None
    return f"UNEXPECTED ALLOW: answered {status} {location}".rstrip()


def cases(personas) -> list:
    """One pytest case per (check, persona) for these personas, in the table's order."""
    return [pytest.param(check, persona, id=f"{check.id}|{persona}")
            for check in CHECKS for persona in MATRIX_PERSONAS if persona in personas]


def assert_route_access(world, check: Check, persona: str) -> None:
    client = client_for(world, persona)
    url = _url(check, world)
    with CaptureQueriesContext(connection) as queries:
        response = send(client, check, world)
        body = consume(response)
    problem = (verdict(check, persona, response, url) or restricted_leak(persona, url, body)
               or _unbounded(queries))
    assert problem is None, f"{check.method} {url} as {persona}: {problem}"
