"""The portal's own 404 page, in a browser: the USWDS layout, a way home, no axe violations."""

import pytest
from playwright.sync_api import expect

from qis_portal.demo import DEMO_PASSWORD, seed_organizations, seed_users
from tests.browser.conftest import assert_no_axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_404_page_is_accessible_and_leads_home(page, live_server, transactional_db):
    seed_users(seed_organizations())
    sign_in(page, live_server.url, "cor@cms.demo", DEMO_PASSWORD)
    response = page.goto(f"{live_server.url}/no-such-page/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found", level=1)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Go to My Home").click()
    expect(page.get_by_role("heading", name="My Home", level=1)).to_be_visible()
