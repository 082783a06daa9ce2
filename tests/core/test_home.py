"""My Home and navigation by role; every page but sign-in, reset and health needs a sign-in."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/notifications/", "/accounts/", "/admin/"])
def test_anonymous_users_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/password-reset/", "/health/"])
def test_sign_in_reset_and_health_are_open(client, path):
    from qis_portal.tasks import record_heartbeat

    record_heartbeat.run()  # a worker runs (without one, /health/ is a 503: test_operations)
    assert client.get(path).status_code == 200


def test_home_greets_the_user_and_lists_their_roles(client, cor_bob):
    client.force_login(cor_bob)
    page = client.get("/").content.decode()
    assert "My Home" in page
    assert "CMS COR — Approved" in page
    assert 'href="#main-content"' in page  # skip link


def test_a_pending_qio_user_is_told_they_wait_for_the_security_officer(client, northeast_qio):
    from qis_portal.models import Role
    from tests.factories import user_with_role

    user = user_with_role(Role.QIO_ASSOCIATE, northeast_qio, status="pending")
    client.force_login(user)
    assert "Waiting for your Security Officer" in client.get("/").content.decode()


def test_security_officers_see_the_assignment_link_and_others_do_not(
    client, officer_northeast, cor_bob
):
    client.force_login(officer_northeast)
    assert "/accounts/assignments/" in client.get("/accounts/").content.decode()
    client.force_login(cor_bob)
    assert "/accounts/assignments/" not in client.get("/accounts/").content.decode()


def test_the_generic_500_page_shows_no_traceback():
    from django.test import RequestFactory

    from qis_portal.views.system import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Traceback" not in response.content
