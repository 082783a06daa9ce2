"""Schemathesis against the portal's own OpenAPI schema (/api/schema/), in-process against the
WSGI application, signed in with bearer tokens of four demo roles (issue #8, item 4).

At least 5,000 generated requests in all (positive and negative data, a fixed Hypothesis seed),
spread evenly over every operation: none may answer 5xx, and none may answer with a body
that breaks the schema. Each request runs in its own savepoint, rolled back, so every case
meets the same seeded world; an operation with a path parameter also gets the real object the
access table names (tests/access/routes.py), so serializers of real rows are checked too.
"""

import contextlib
import math
import os
import re
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.signals import got_request_exception
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings, strategies
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.access.routes import CHECKS
from tests.access.routes import _none as no_kwargs

pytestmark = pytest.mark.django_db

# COR, issuer, QIO associate, CMS read-only (issue #8).
ROLES = ("cor", "issuer", "associate", "readonly")
TOTAL_REQUESTS = 5000
CHECKS_RUN = [not_a_server_error, status_code_conformance, response_schema_conformance]

ROOT = Path(__file__).resolve().parents[2]  # the project, for short frame names


@dataclass
class Fuzzed:
    requests: int = 0
    failures: dict = None


@pytest.fixture(scope="module")
def tokens(seeded_world):
    from qis_portal.services.tokens import api_token_create

    return {role: api_token_create(user=seeded_world.user(role), name="fuzz")[1]
            for role in ROLES}


@pytest.fixture(scope="module")
def api_schema(wsgi_app, tokens):
    import schemathesis

    return schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json", wsgi_app,
        headers={"Authorization": f"Bearer {tokens['cor']}"})


@pytest.fixture(scope="module")
def known_objects(seeded_world):
    """Real URL path values per API path (from the access table's URL builders)."""
    urls = []
    for check in CHECKS:
        if check.kwargs is no_kwargs:
            continue
        url = reverse(check.route, kwargs=check.kwargs(seeded_world))
        if url.startswith("/api/"):
            urls.append(url)
    return urls


def _path_values(path_template: str, urls: list[str]) -> dict | None:
    names = re.findall(r"{(\w+)}", path_template)
    if not names:
        return None
    regex = "^" + re.sub(r"\\{(\w+)\\}", r"(?P<\1>[^/]+)", re.escape(path_template)) + "$"
    for url in urls:
        match = re.match(regex, url)
        if match:
            return {name: _number(value) for name, value in match.groupdict().items()}
    return None


def _number(value: str):
    return int(value) if value.isdigit() else value


def _operations(api_schema) -> list:
    return [result.ok() for result in api_schema.get_all_operations()]


def _strategy(operation, known: dict | None):
    options = [operation.as_strategy(GenerationMode.POSITIVE)]
    with contextlib.suppress(Exception):  # an operation with nothing to negate
        options.append(operation.as_strategy(GenerationMode.NEGATIVE))
    if known:
        options.append(operation.as_strategy(GenerationMode.POSITIVE, path_parameters=known))
    return strategies.one_of(options)


def _describe(failure) -> str:
    """One line: the check, and for a schema break the value path and the broken rule."""
    title = getattr(failure, "title", type(failure).__name__)
    raw = getattr(failure, "_raw_message", "")
    if raw:
        path = "/".join(map(str, getattr(failure, "instance_path", []) or [])) or "(body)"
        return f"{title}: {path}: {raw[:140]}"
    return title


app_errors: list[str] = []


def _record_exception(sender, request=None, **kwargs):
    """Where each server error was raised: the deepest frame of the portal's own code."""
    app_errors.append(where_raised(*sys.exc_info()[1:]))


def where_raised(exc, tb) -> str:
    frames = [f for f in traceback.extract_tb(tb) if "/.venv/" not in f.filename]
    spot = f"{os.path.relpath(frames[-1].filename, ROOT)}:{frames[-1].lineno}" \
        if frames else "?"
    return f"[{type(exc).__name__} at {spot}: {str(exc)[:160]}]"


@pytest.fixture(autouse=True)
def _record_app_errors():
    got_request_exception.connect(_record_exception)
    app_errors.clear()
    yield
    got_request_exception.disconnect(_record_exception)


def _fuzz_operation(operation, strategy, *, examples: int, app, headers, seen: Fuzzed):
    @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def run(case):
        seen.requests += 1
        try:
            with transaction.atomic():
                response = case.call(app=app, headers=headers)
                transaction.set_rollback(True)
        except Exception as exc:  # the error page itself failed: still a server error
            where = app_errors[0] if app_errors else f"[{type(exc).__name__}: {exc}]"[:300]
            seen.failures.setdefault(f"{operation.label} -> 500 (error page failed) {where}",
                                     "")
            app_errors.clear()
            return
        try:
            case.validate_response(response, checks=CHECKS_RUN, headers=headers,
                                   transport_kwargs={"app": app})
        except (Exception, BaseExceptionGroup) as exc:  # FailureGroup: record, keep fuzzing
            titles = ", ".join(sorted({_describe(f) for f in getattr(exc, "exceptions", [exc])}))
            where = app_errors[0] if app_errors else ""
            summary = f"{operation.label} -> {response.status_code} {titles} {where}".rstrip()
            seen.failures.setdefault(summary, str(exc)[:1500])
        app_errors.clear()

    run()


@pytest.mark.parametrize("role", ROLES)
def test_the_api_answers_generated_requests_without_server_errors_or_schema_breaks(
        role, world, wsgi_app, tokens, api_schema, known_objects):
    operations = _operations(api_schema)
    assert len(operations) > 100, "the schema lost its operations"
    per_operation = math.ceil(TOTAL_REQUESTS / (len(ROLES) * len(operations)))
    headers = {"Authorization": f"Bearer {tokens[role]}"}
    seen = Fuzzed(failures={})
    for operation in operations:
        known = _path_values(operation.path, known_objects)
        _fuzz_operation(operation, _strategy(operation, known), examples=per_operation,
                        app=wsgi_app, headers=headers, seen=seen)
    assert seen.requests >= TOTAL_REQUESTS // len(ROLES)
    assert not seen.failures, (
        f"{len(seen.failures)} failure(s) as {role}:\n" + "\n".join(sorted(seen.failures))
        + "\n\nDetails:\n" + "\n\n".join(detail for detail in seen.failures.values() if detail))
