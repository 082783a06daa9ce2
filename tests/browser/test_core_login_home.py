"""Every demo role signs in and lands on My Home; axe-core finds nothing on either page."""

import pytest
from playwright.sync_api import expect

from qis_portal.demo import DEMO_PASSWORD, demo_users, seed_organizations, seed_users
from tests.browser.conftest import assert_no_axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# One demo user per role of DOMAIN.md §1 (the Security Officers differ only by region).
ROLE_USERS = sorted({spec.roles[0]: spec.email for spec in demo_users()}.items())


@pytest.fixture
def demo(transactional_db):
    seed_users(seed_organizations())


def test_the_sign_in_page_has_no_accessibility_violations(page, live_server, demo):
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert_no_axe_violations(page)


def test_a_wrong_password_shows_an_accessible_error(page, live_server, demo):
    sign_in(page, live_server.url, "cor@cms.demo", "not-the-password")
    expect(page.get_by_role("alert").first).to_contain_text("not correct")
    assert_no_axe_violations(page)


@pytest.mark.parametrize(("role", "email"), ROLE_USERS, ids=[role for role, _ in ROLE_USERS])
def test_each_role_signs_in_to_an_accessible_home(page, live_server, demo, role, email):
    sign_in(page, live_server.url, email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="My Home", level=1)).to_be_visible()
    expect(page.get_by_role("navigation", name="Primary navigation")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_skip_link_moves_focus_to_the_main_content(page, live_server, demo):
    sign_in(page, live_server.url, "cor@cms.demo", DEMO_PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")


def test_account_notifications_and_api_docs_pages_are_accessible(page, live_server, demo):
    sign_in(page, live_server.url, "so.northeast@cms.demo", DEMO_PASSWORD)
    for path, heading in [("/accounts/", "Your account"), ("/notifications/", "Notifications"),
                          ("/notifications/settings/", "Notification settings"),
                          ("/accounts/assignments/", "Regional assignments"),
                          ("/accounts/mfa/setup/", "Set up two-factor authentication"),
                          ("/api/docs/", "QIS & QIO Quality Programs Portal API")]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        assert_no_axe_violations(page)


def test_the_axe_check_itself_catches_a_violation(page, live_server, demo):
    """Guards the guard: an image without alt text must be reported."""
    from tests.browser.conftest import axe_violations

    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                  "'<img src=\"/static/uswds/img/us_flag_small.png\">')")
    assert "image-alt" in {violation["id"] for violation in axe_violations(page)}
