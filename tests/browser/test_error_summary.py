"""Errors that take you to them, with the keyboard alone: after a refused submit focus is on
the USWDS error summary, the page title starts with "Error: ", and following a summary item
puts focus in its field. Checked on the longest forms outside submissions (the QIO
interaction form, the FQS request), with axe-core on each refused page."""

import re

import pytest
from playwright.sync_api import expect

from qis_portal.demo import DEMO_PASSWORD, seed_organizations, seed_users
from qis_portal.models import Role
from qis_portal.regions import Region
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD, QioFactory, user_with_role
from tests.qio_program.factories import ProviderFactory

pytestmark = pytest.mark.django_db(transaction=True)


def follow_first_summary_item(page) -> None:
    """Tab from the focused summary to its first link and press Enter."""
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link").first).to_be_focused()
    page.keyboard.press("Enter")


def test_a_refused_interaction_form_takes_the_keyboard_to_its_errors(page, live_url):
    qio = QioFactory(name="Northeast QIN-QIO", region=Region.NORTHEAST)
    ann = user_with_role(Role.QIO_ASSOCIATE, qio, email="ann@northeast.test")
    maple = ProviderFactory(name="Maple Grove Nursing")
    sign_in(page, live_url, ann.email, PASSWORD)
    page.goto(f"{live_url}/qio/interactions/new/?provider={maple.pk}")
    expect(page).not_to_have_title(re.compile("^Error"))
    expect(page.locator("[data-error-summary]")).to_have_count(0)
    # Enter in a text field submits the form: no mouse anywhere.
    page.get_by_label("Duration (minutes)").focus()
    page.keyboard.type("0")
    page.keyboard.press("Enter")

    expect(page).to_have_title(re.compile(r"^Error: Log an interaction"))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_have_count(1)
    expect(summary.get_by_role("link", name="Audience type: This field is required.")) \
        .to_have_attribute("href", "#id_audience_type")
    expect(summary.get_by_role("link", name=re.compile(r"^Duration \(minutes\): "))) \
        .to_have_attribute("href", "#id_duration_minutes")
    follow_first_summary_item(page)
    expect(page.locator("#id_audience_type")).to_be_focused()
    assert_no_axe_violations(page)


def test_a_refused_fqs_request_takes_the_keyboard_to_its_first_choice(page, live_url):
    seed_users(seed_organizations())
    sign_in(page, live_url, "issuer@sunrise.demo", DEMO_PASSWORD)
    page.goto(f"{live_url}/fqs/requests/new/")
    page.get_by_role("button", name="Submit request").focus()
    page.keyboard.press("Enter")

    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator("[data-error-summary]")
    expect(summary.get_by_role("link", name=re.compile(r"^Source of the need: "))) \
        .to_have_attribute("href", "#id_source_0")
    expect(summary.get_by_role("link", name=re.compile(r"^Describe the urgent need: "))) \
        .to_have_attribute("href", "#id_description")
    follow_first_summary_item(page)
    expect(page.locator("#id_source_0")).to_be_focused()
    assert_no_axe_violations(page)
