"""The seeded world, signed-in sessions for every persona, and high rate limits.

`seeded_world` runs `manage.py seed_demo` (and the extras of tests/access/world.py) once per
module inside a transaction that is rolled back when the module ends; each test is a
savepoint on top of it (pytest-django's `django_db`), so nothing a request writes survives it.
"""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client

from tests.access.world import PERSONAS, World, seed_world


@pytest.fixture(scope="module")
def seeded_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            seed_world()
            # Fire the deferred foreign-key checks of the seed now, once: otherwise every
            # test's teardown (SET CONSTRAINTS ALL IMMEDIATE in a savepoint that is rolled
            # back) checks the whole seed again.
            connection.check_constraints()
            world = World()
            world.sessions = {}
            for persona, email in PERSONAS.items():
                if email is None:
                    continue
                client = Client()
                client.force_login(world.user(persona))
                world.sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(seeded_world, settings):
    """The world, with the sign-in and API burst limits out of the way of a thousand
    requests from one address."""
    settings.RATE_LIMIT_API = (10**9, 60)
    settings.RATE_LIMIT_LOGIN = (10**9, 60)
    cache.clear()
    return seeded_world


def client_for(world, persona: str) -> Client:
    """The module's one test client, holding this persona's session cookie and nothing else.
    (A new Client loads the middleware again, and WhiteNoise then walks every static file:
    half a second each time.)"""
    client = world.__dict__.get("client")
    if client is None:
        client = world.__dict__["client"] = Client()
    client.cookies.clear()
    if persona != "anon":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[persona]
    return client


def consume(response) -> bytes:
    """Read the whole body. (Streaming bodies go through the test client's closing wrapper;
    calling response.close() here would fire request_finished and close the connection of
    the open test transaction.)"""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


# Tables that can pass a million rows: providers, tasks, submissions, audit events,
# interactions, scoring rows (issue #8, item 7).
BIG_TABLES = ("qio_program_provider", "qio_program_task", "submissions_submission",
              "qis_portal_auditevent", "qio_program_interaction", "scoring_apmentity",
              "scoring_participant", "scoring_qualitysubmission", "scoring_entityscore")
COUNT_SQL = re.compile(r'SELECT COUNT\(\*\)[^;]*?\bFROM "(?P<table>\w+)"', re.IGNORECASE)


def unbounded_counts(statements: list[str]) -> list[str]:
    """Exact counts of a big table with no WHERE and no LIMIT (a full scan at 1M rows)."""
    found = []
    for sql in statements:
        match = COUNT_SQL.search(sql)
        if match and match["table"] in BIG_TABLES and " WHERE " not in sql.upper() \
                and " LIMIT " not in sql.upper():
            found.append(sql[:400])
    return found
