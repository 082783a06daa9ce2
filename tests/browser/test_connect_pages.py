"""axe-core finds no violation on every QIO Connect page the journey does not pass through,
for an associate, the Delegated Administrator and a COR; the month calendar works from the
keyboard."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from qio_connect import services
from qio_connect.demo import seed
from qio_connect.models import Event, Group, LibraryItem, Post
from qis_portal.demo import DEMO_PASSWORD, seed_organizations, seed_users
from qis_portal.models import User
from tests.browser.conftest import assert_no_axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(transactional_db):
    seed_users(seed_organizations())
    seed()
    ann = User.objects.get(email="associate@northeast.demo")
    admin = User.objects.get(email="admin@nlc.demo")
    wes = User.objects.get(email="associate@west.demo")
    doc = services.library_item_create(
        actor=ann, kind="document", title="Falls toolkit (PDF)",
        upload=SimpleUploadedFile("toolkit.pdf", b"%PDF-1.7\n%%EOF\n"))
    services.library_item_approve(actor=admin, item=doc)
    video = services.library_item_create(
        actor=ann, kind="video", title="Huddle walkthrough", captions=SimpleUploadedFile(
            "walk.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n"),
        upload=SimpleUploadedFile("walk.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\0" * 64))
    services.library_item_approve(actor=admin, item=video)
    article = LibraryItem.objects.get(title__startswith="Reducing falls")
    services.change_request_create(actor=wes, item=article, body="Add the 2025 run chart.")
    past = services.event_submit(
        actor=admin, title="Last week's webinar", publish=True,
        starts_at=timezone.now() + timedelta(minutes=1),
        ends_at=timezone.now() + timedelta(hours=1))
    Event.objects.filter(pk=past.pk).update(starts_at=timezone.now() - timedelta(days=2),
                                            ends_at=timezone.now() - timedelta(days=2, hours=-1))
    services.event_subscription_toggle(actor=wes, event=Event.objects.get(
        title__startswith="Educational webinar"), kind="subscribe")
    return {
        "article": article, "doc": doc, "video": video, "past": past,
        "draft": LibraryItem.objects.get(status="draft"),
        "webinar": Event.objects.get(title__startswith="Educational webinar"),
        "pending": Event.objects.get(status="pending"),
        "public_group": Group.objects.get(kind="group", visibility="public"),
        "community": Group.objects.get(kind="community", organization=ann.organization),
        "channel": Group.objects.get(kind="channel"),
        "thread": Post.objects.filter(parent__isnull=True, group__visibility="public").first(),
    }


def check(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    expect(page.locator("h1")).to_have_count(1)
    assert_no_axe_violations(page)


def test_the_associates_pages_pass_axe(page, live_url, world):
    sign_in(page, live_url, "associate@northeast.demo", DEMO_PASSWORD)
    w = world
    for path in [
        "/connect/", "/connect/library/", "/connect/library/?q=falls&kind=article",
        "/connect/library/?q=zebrafish", f"/connect/library/{w['article'].pk}/",
        f"/connect/library/{w['doc'].pk}/", f"/connect/library/{w['video'].pk}/",
        f"/connect/library/{w['article'].pk}/edit/",
        f"/connect/library/{w['article'].pk}/engagement/",
        f"/connect/library/{w['article'].pk}/delete/",
        "/connect/groups/", "/connect/groups/new/", f"/connect/groups/{w['public_group'].pk}/",
        f"/connect/groups/{w['community'].pk}/", f"/connect/groups/{w['channel'].pk}/",
        f"/connect/posts/{w['thread'].pk}/", "/connect/events/", "/connect/events/upcoming/",
        "/connect/events/new/", "/connect/events/review/", f"/connect/events/{w['webinar'].pk}/",
        f"/connect/events/{w['past'].pk}/", "/connect/announcements/",
    ]:
        check(page, f"{live_url}{path}")
    # The thread in the public group is the Northeast associate's own: she may edit it.
    check(page, f"{live_url}/connect/posts/{w['thread'].pk}/edit/")


def test_the_delegated_administrators_pages_pass_axe(page, live_url, world):
    sign_in(page, live_url, "admin@nlc.demo", DEMO_PASSWORD)
    w = world
    for path in [
        "/connect/", "/connect/library/review/", f"/connect/library/{w['draft'].pk}/",
        f"/connect/library/{w['article'].pk}/", f"/connect/library/{w['article'].pk}/engagement/",
        "/connect/library/new/", "/connect/reports/",
        f"/connect/groups/{w['public_group'].pk}/edit/", f"/connect/groups/{w['community'].pk}/",
        f"/connect/events/{w['pending'].pk}/", f"/connect/events/{w['webinar'].pk}/edit/",
        f"/connect/events/{w['past'].pk}/", "/connect/events/review/",
        f"/connect/posts/{w['thread'].pk}/readers/", "/connect/announcements/new/",
        "/connect/groups/channels/new/",
    ]:
        check(page, f"{live_url}{path}")


def test_a_cors_pages_pass_axe(page, live_url, world):
    sign_in(page, live_url, "cor@cms.demo", DEMO_PASSWORD)
    check(page, f"{live_url}/connect/groups/{world['channel'].pk}/")
    check(page, f"{live_url}/connect/announcements/")
    page.get_by_role("link", name="Welcome to QIO Connect").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to QIO Connect")
    assert_no_axe_violations(page)


def test_form_errors_pass_axe(page, live_url, world):
    sign_in(page, live_url, "associate@northeast.demo", DEMO_PASSWORD)
    page.goto(f"{live_url}/connect/library/new/")
    page.get_by_role("button", name="Submit", exact=True).click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".usa-error-message").first).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"{live_url}/connect/events/new/")
    page.get_by_role("button", name="Submit the event").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".usa-error-message").first).to_be_visible()
    assert_no_axe_violations(page)


def test_the_month_calendar_is_walked_with_the_keyboard(page, live_url, world):
    sign_in(page, live_url, "associate@west.demo", DEMO_PASSWORD)
    start = timezone.localtime(world["webinar"].starts_at)
    page.goto(f"{live_url}/connect/events/?year={start.year}&month={start.month}")
    table = page.get_by_role("table", name=re.compile(start.strftime("%B %Y")))
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader")).to_have_count(7)
    link = table.get_by_role("link", name=re.compile("Educational webinar"))
    expect(table.get_by_text("Northeast team huddle")).to_have_count(0)
    # Tab from the last control before the table until focus reaches the event link.
    page.get_by_role("link", name=re.compile("^Next month")).focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("The event link in the calendar is not reachable with the Tab key.")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Educational webinar")
    expect(page.get_by_role("link", name="Download the calendar file (.ics)")).to_be_visible()
    assert_no_axe_violations(page)
