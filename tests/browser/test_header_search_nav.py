"""The header (issue 18, items 4 and 5): the navigation fits on one line at 1280 px for every
demo role and collapses behind the USWDS menu button on a small screen; the search in the
header finds a record by name, grouped by kind, and the results page passes axe-core."""

import pytest
from playwright.sync_api import expect

from qis_portal.demo import DEMO_PASSWORD, demo_users, seed_organizations, seed_users
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.qio_program.factories import ProviderFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROLE_USERS = sorted({spec.roles[0]: spec.email for spec in demo_users()}.items())
NAV_ROWS = """() => new Set([...document.querySelectorAll('.usa-nav__primary > li')]
                   .map(li => Math.round(li.getBoundingClientRect().top))).size"""


@pytest.fixture
def demo(transactional_db):
    seed_users(seed_organizations())


def test_every_roles_navigation_is_one_line_at_1280_px(page, live_server, demo):
    page.set_viewport_size({"width": 1280, "height": 900})
    wrapped = {}
    for role, email in ROLE_USERS:
        page.context.clear_cookies()
        sign_in(page, live_server.url, email, DEMO_PASSWORD)
        expect(page.get_by_role("heading", name="My Home", level=1)).to_be_visible()
        rows = page.evaluate(NAV_ROWS)
        if rows != 1:
            wrapped[role] = rows
    assert wrapped == {}


def test_the_navigation_collapses_behind_the_menu_button_on_a_small_screen(page, live_server,
                                                                           demo):
    page.set_viewport_size({"width": 480, "height": 900})
    sign_in(page, live_server.url, "associate@northeast.demo", DEMO_PASSWORD)
    nav = page.get_by_role("navigation", name="Primary navigation")
    expect(nav).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="Work basket")).to_be_visible()
    expect(nav.get_by_role("searchbox", name="Search by name or number")).to_be_visible()
    assert_no_axe_violations(page)
    nav.get_by_role("button", name="Close").click()
    expect(nav).to_be_hidden()


def test_the_header_search_finds_a_provider_and_groups_the_results(page, live_server, demo):
    ProviderFactory(name="Lighthouse Point Nursing Center", ccn="205999")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, "associate@northeast.demo", DEMO_PASSWORD)
    box = page.get_by_role("searchbox", name="Search by name or number")
    box.fill("lighthouse")
    box.press("Enter")
    expect(page.get_by_role("heading", name="Search", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Providers", level=2)).to_be_visible()
    page.get_by_role("link", name="Lighthouse Point Nursing Center").click()
    expect(page.get_by_role("heading", name="Lighthouse Point Nursing Center",
                            level=1)).to_be_visible()
    page.go_back()
    assert_no_axe_violations(page)
