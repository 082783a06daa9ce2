"""Personas and server markers shared by the whole suite."""

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from qis_portal.models import Role
from qis_portal.regions import Region
from tests.factories import CmsFactory, IssuerFactory, QioFactory, user_with_role
from tests.support.clock import pinned_clock


def pytest_configure(config):
    """Pin the clock before collection, so nothing collected or built per session reads the
    real date (tests/support/clock.py)."""
    config.suite_clock = pinned_clock()
    config.suite_clock.start()


def pytest_unconfigure(config):
    clock = getattr(config, "suite_clock", None)
    if clock is not None:
        clock.stop()


@pytest.fixture(scope="module", autouse=True)
def module_clock():
    """Each module's fixtures (the access matrix's signed-in world) start at SUITE_NOW."""
    with pinned_clock():
        yield


@pytest.fixture(autouse=True)
def suite_clock():
    """Each test starts at SUITE_NOW, however long the run has taken so far."""
    with pinned_clock() as traveller:
        yield traveller


def pytest_collection_modifyitems(config, items):
    """A test marked `postgres` or `redis` runs only when the suite has that server."""
    needs = {
        "postgres": pytest.mark.skipif(
            not settings.POSTGRES_AVAILABLE,
            reason="needs the suite on a PostgreSQL server at 127.0.0.1:5432 "
                   "(row locks, pg_dump, a database shared with a worker)"),
        "redis": pytest.mark.skipif(
            not settings.REDIS_AVAILABLE,
            reason="needs a Redis server on 127.0.0.1:6379 (the broker)"),
    }
    for item in items:
        for server, skip in needs.items():
            if server in item.keywords:
                item.add_marker(skip)


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def cms(db):
    return CmsFactory()


@pytest.fixture
def issuer_org(db):
    return IssuerFactory(name="Sunrise Health Plans", hios_issuer_id="12345")


@pytest.fixture
def other_issuer_org(db):
    return IssuerFactory(name="Granite State Mutual", hios_issuer_id="54321", state="NH")


@pytest.fixture
def northeast_qio(db):
    return QioFactory(name="Northeast QIN-QIO", region=Region.NORTHEAST)


@pytest.fixture
def west_qio(db):
    return QioFactory(name="West QIN-QIO", region=Region.WEST)


@pytest.fixture
def issuer_alice(issuer_org):
    return user_with_role(Role.ISSUER_USER, issuer_org, email="alice@sunrise.test")


@pytest.fixture
def issuer_gina(other_issuer_org):
    return user_with_role(Role.ISSUER_USER, other_issuer_org, email="gina@granite.test")


@pytest.fixture
def cor_bob(cms):
    return user_with_role(Role.CMS_COR, cms, email="bob@cms.test")


@pytest.fixture
def reviewer_quinn(cms):
    return user_with_role(Role.CMS_QIS_REVIEWER, cms, email="quinn@cms.test")


@pytest.fixture
def readonly_pat(cms):
    return user_with_role(Role.CMS_READ_ONLY, cms, email="pat@cms.test")


@pytest.fixture
def officer_northeast(cms):
    return user_with_role(Role.SECURITY_OFFICER, cms, region=Region.NORTHEAST,
                          email="so.northeast@cms.test")


@pytest.fixture
def officer_west(cms):
    return user_with_role(Role.SECURITY_OFFICER, cms, region=Region.WEST,
                          email="so.west@cms.test")


@pytest.fixture
def associate_ann(northeast_qio):
    return user_with_role(Role.QIO_ASSOCIATE, northeast_qio, email="ann@northeast.test")


@pytest.fixture
def manager_max(northeast_qio):
    return user_with_role(Role.QIO_MANAGER, northeast_qio, email="max@northeast.test")


@pytest.fixture
def associate_wes(west_qio):
    return user_with_role(Role.QIO_ASSOCIATE, west_qio, email="wes@west.test")


@pytest.fixture
def outsider_charlie(other_issuer_org):
    """Signed in, but with no role at all."""
    from tests.factories import UserFactory

    return UserFactory(organization=other_issuer_org, email="charlie@nowhere.test")
