"""QIO Connect through the browser: an associate submits an article, the Delegated
Administrator approves it, and another QIO's associate finds it by search; axe-core checks each
page on the way."""

import re

import pytest
from playwright.sync_api import expect

from qio_connect.models import LibraryItem
from qis_portal.demo import DEMO_PASSWORD, seed_organizations, seed_users
from tests.browser.conftest import assert_no_axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Reducing sepsis deaths with early-warning huddles"


@pytest.fixture
def demo(transactional_db):
    seed_users(seed_organizations())


def as_user(page, base: str, email: str) -> None:
    page.context.clear_cookies()
    sign_in(page, base, email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="My Home", level=1)).to_be_visible()


def visit(page, url: str, heading) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    assert_no_axe_violations(page)


def submit(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state("networkidle")


def test_an_article_is_submitted_approved_and_found_by_another_qio(page, live_server, demo):
    base = live_server.url

    # A Northeast associate submits an article; it waits as a draft.
    as_user(page, base, "associate@northeast.demo")
    page.get_by_role("link", name="QIO Connect", exact=True).first.click()
    expect(page.get_by_role("heading", name="QIO Connect", level=1)).to_be_visible()
    assert_no_axe_violations(page)
    visit(page, f"{base}/connect/library/new/", "Submit content to the library")
    page.locator("label", has_text=re.compile("^Written article$")).click()
    page.get_by_label(re.compile("^Title")).fill(TITLE)
    page.get_by_label("Summary").fill("A two-minute huddle at each shift change.")
    page.get_by_label("Article text").fill("Every patient with a qSOFA of 2 or more is "
                                           "reviewed at the huddle.")
    submit(page, "Submit")
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_text("Draft: awaiting approval")).to_be_visible()
    assert_no_axe_violations(page)
    item = LibraryItem.objects.get(title=TITLE)
    assert item.status == LibraryItem.Status.DRAFT
    visit(page, f"{base}/connect/library/mine/", "My contributions")

    # The Delegated Administrator finds it in the queue and publishes it.
    as_user(page, base, "admin@nlc.demo")
    visit(page, f"{base}/connect/library/review/", "Library review queue")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    assert_no_axe_violations(page)
    submit(page, "Approve and publish")
    expect(page.get_by_text("Published.", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    item.refresh_from_db()
    assert item.status == LibraryItem.Status.PUBLISHED and item.published_at is not None

    # A West associate finds it by searching, opens it and reacts.
    as_user(page, base, "associate@west.demo")
    visit(page, f"{base}/connect/library/", "Library")
    page.get_by_label("Keywords").fill("sepsis huddles")
    page.get_by_role("main").get_by_role("button", name="Search", exact=True).click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name=re.compile(r"\d+ results?"))).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    like = page.get_by_role("button", name=re.compile("Like"))
    like.click()
    expect(page.get_by_role("button", name=re.compile("Like"))).to_have_attribute(
        "aria-pressed", "true")
    assert_no_axe_violations(page)
    assert item.reactions.filter(kind="like").count() == 1
