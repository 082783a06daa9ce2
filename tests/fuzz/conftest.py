"""The fuzz tests run on the same seeded world as the access matrix (tests/access/world.py)."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from tests.access.conftest import seeded_world, world  # noqa: F401  (fixtures)


@pytest.fixture(scope="module")
def wsgi_app(seeded_world):  # noqa: F811
    """The portal's WSGI application, called in-process inside the test transaction.

    Like Django's test client, it must not close the database connection at the start and end
    of each request (`close_old_connections` would end the open test transaction)."""
    from django.core.wsgi import get_wsgi_application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
