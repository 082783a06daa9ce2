"""The access matrix for everyone outside CMS staff and QIO staff (issuers, providers, the
national contractors, the delegated administrator, API-only, anonymous and role-less users),
and the checks on the table itself. tests/access/matrix.py judges each cell; CMS staff and QIO
staff have their own modules."""

import pytest

from tests.access.matrix import LOGIN_PATH, assert_route_access, cases
from tests.access.routes import CHECKS, CMS, MATRIX_PERSONAS, PUBLIC_ROUTES, QIO, url_routes

pytestmark = pytest.mark.django_db

OTHERS = frozenset(MATRIX_PERSONAS) - CMS - QIO


def test_every_route_and_api_method_is_in_the_table():
    """A new route fails here until the table says who may use it."""
    checked = {(check.route, check.method) for check in CHECKS}
    checked_routes = {check.route for check in CHECKS}
    missing = []
    for route in url_routes():
        if route.methods:
            missing += [f"{route.name} {method}" for method in route.methods
                        if (route.name, method) not in checked]
        elif route.name not in checked_routes:
            missing.append(route.name)
    assert missing == [], f"routes missing from tests/access/routes.py: {missing}"


def test_the_table_names_only_real_routes():
    real = {route.name for route in url_routes()}
    assert sorted({check.route for check in CHECKS} - real) == []
    assert len({check.id for check in CHECKS}) == len(CHECKS), "two checks share an id"


def test_only_sign_in_password_reset_and_health_are_open_to_anonymous_users():
    open_to_anonymous = {check.route for check in CHECKS if "anon" in check.allowed}
    assert open_to_anonymous <= PUBLIC_ROUTES


def test_the_admin_sign_in_is_the_only_admin_page_open_to_anonymous_users(client):
    assert client.get("/admin/login/").status_code == 200
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(("/admin/login/", LOGIN_PATH))


@pytest.mark.parametrize(("check", "persona"), cases(OTHERS))
def test_route_access(world, check, persona):
    assert_route_access(world, check, persona)
