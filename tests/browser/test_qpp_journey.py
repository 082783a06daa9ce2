"""One QPP inquiry, through the browser: a clinician records it and it is routed by the seed's
rules, the QIN-QIO hands it off once (warm hand-off) and QPP-SURS answers it; axe-core checks
every page QPP help adds on the way."""

import re

import pytest
from playwright.sync_api import expect

from qis_portal.demo import DEMO_PASSWORD, seed_organizations, seed_users
from qpp_assist.demo import seed_contractors
from qpp_assist.models import HandOff, Inquiry, Practice
from tests.browser.conftest import assert_no_axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SURS_LABEL = ("QPP-SURS: Northeast QPP Small, Underserved and Rural Support (Northeast)")


@pytest.fixture
def demo(transactional_db):
    seed_users(seed_organizations())
    return seed_contractors()


def as_user(page, base: str, email: str) -> None:
    page.context.clear_cookies()
    sign_in(page, base, email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="My Home", level=1)).to_be_visible()


def visit(page, url: str, heading) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    assert_no_axe_violations(page)


def pick(scope, label: str) -> None:
    """USWDS radios and checkboxes hide the input; a person clicks the label."""
    scope.locator("label", has_text=re.compile(f"^{re.escape(label)}$")).click()


def submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("networkidle")


def test_an_inquiry_is_routed_handed_off_once_and_answered(page, live_server, demo):
    base = live_server.url

    # The clinician's practice records the question; the rules route it to QIN-QIO: QPP.
    as_user(page, base, "provider@maplegrove.demo")
    assert_no_axe_violations(page)  # My Home with the “QPP inquiries I recorded” panel
    page.get_by_role("link", name="QPP help").click()
    expect(page.get_by_role("heading", name="QPP inquiries", level=1)).to_be_visible()
    assert_no_axe_violations(page)
    visit(page, f"{base}/qpp/who-does-what/", re.compile("who does what"))
    visit(page, f"{base}/qpp/inquiries/new/", "Record a QPP inquiry")
    submit(page, "Submit the inquiry")
    expect(page.locator(".usa-error-message").first).to_be_visible()
    assert_no_axe_violations(page)  # the form with its errors
    page.get_by_label("Practice name").fill("Pine Tree Pediatrics")
    page.get_by_label("Practice TIN").fill("21-0000003")
    page.get_by_label("State or territory of the practice").select_option("NH")
    page.get_by_label("Clinician's name").fill("Dr. Jo Harmon")
    page.get_by_label("Number of clinicians in the group").fill("20")
    page.get_by_label("Amount the clinician bills to Medicare a year (dollars)").fill("85000")
    page.get_by_label("Medicare patients the clinician cares for a year").fill("240")
    pick(page.get_by_role("group", name=re.compile("advanced Alternative Payment")), "No")
    pick(page.get_by_role("group", name=re.compile("any APM")), "No")
    pick(page.get_by_role("group", name=re.compile("Practice Transformation Network")), "No")
    pick(page, "Quality")
    page.get_by_label("Your question").fill("Do we need to report quality measures this year?")
    submit(page, "Submit the inquiry")
    inquiry = Inquiry.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"QPP inquiry #{inquiry.pk}")
    expect(page.get_by_text("Routed to QIN-QIO: QPP (Northeast QIN-QIO) because the group has "
                            "20 clinicians (16 or more).").first).to_be_visible()
    assert_no_axe_violations(page)
    assert inquiry.contractor.contractor_type.code == "qin_qio_qpp"
    assert inquiry.respond_by is not None

    # The QIN-QIO learns the group is small and hands it off to QPP-SURS, once.
    as_user(page, base, "associate@northeast.demo")
    expect(page.get_by_role("heading", name="QPP inquiries to answer")).to_be_visible()
    assert_no_axe_violations(page)
    visit(page, f"{base}/qpp/inquiries/{inquiry.pk}/", re.compile(r"QPP inquiry #\d+"))
    page.get_by_label("Contractor to hand off to").select_option(label=SURS_LABEL)
    page.get_by_label("Note for the next contractor").fill(
        "Called the office: the group has 9 clinicians, not 20.")
    submit(page, "Hand off")
    expect(page.get_by_text("Inquiry handed off")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Warm hand-off"))).to_be_visible()
    expect(page.get_by_role("heading", name="Answer the clinician")).to_have_count(0)
    assert_no_axe_violations(page)
    assert HandOff.objects.get().to_contractor.contractor_type.code == "qpp_surs"

    # QPP-SURS answers; its dashboard and practice pages are checked too.
    as_user(page, base, "surs@northeast.demo")
    visit(page, f"{base}/qpp/inquiries/{inquiry.pk}/", re.compile(r"QPP inquiry #\d+"))
    page.get_by_label("Answer to the clinician").fill(
        "Yes: choose six quality measures; small practices earn bonus points.")
    submit(page, "Send the answer")
    expect(page.get_by_text("Answer sent to the clinician.")).to_be_visible()
    assert_no_axe_violations(page)
    visit(page, f"{base}/qpp/dashboard/", "QPP technical assistance dashboard")
    expect(page.locator("#qpp-response-chart")).to_be_visible()
    visit(page, f"{base}/qpp/practices/", "Practices")
    visit(page, f"{base}/qpp/practices/new/", "Add a practice")
    page.get_by_label("Practice name").fill("Lakes Region Family Practice")
    page.get_by_label("Practice TIN").fill("210000007")
    page.get_by_label("State or territory of the practice").select_option("NH")
    page.get_by_label("Number of clinicians in the group").fill("11")
    pick(page.get_by_role("group", name=re.compile("advanced Alternative Payment")), "No")
    pick(page.get_by_role("group", name=re.compile("any APM")), "No")
    pick(page.get_by_role("group", name=re.compile("Practice Transformation Network")), "No")
    pick(page, "A medically underserved area")
    submit(page, "Add the practice")
    expect(page.get_by_text("Practice added.")).to_be_visible()
    assert_no_axe_violations(page)  # the practice page with its assistance form
    pick(page, "Intensive outreach, networking")
    submit(page, "Record assistance")
    expect(page.get_by_text("Assistance recorded.")).to_be_visible()
    assert Practice.objects.get(tin="210000007").assistance.count() == 1

    # The clinician sees who answered, and the whole chain.
    as_user(page, base, "provider@maplegrove.demo")
    visit(page, f"{base}/qpp/inquiries/{inquiry.pk}/", re.compile(r"QPP inquiry #\d+"))
    expect(page.get_by_role("heading", name=re.compile("^Routed to QIN-QIO: QPP"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Warm hand-off"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Answered by QPP-SURS"))).to_be_visible()
    page.goto(f"{base}/notifications/")
    expect(page.get_by_text(re.compile(
        rf"Your QPP inquiry #{inquiry.pk} is now with Northeast QPP Small"))).to_be_visible()
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.ANSWERED


def test_the_help_desk_queue_and_override_pages_are_accessible(page, live_server, demo):
    """The CMS help desk records an inquiry no contractor may take, then overrides its route."""
    base = live_server.url
    as_user(page, base, "helpdesk@cms.demo")
    visit(page, f"{base}/qpp/inquiries/new/", "Record a QPP inquiry")
    page.get_by_label("Practice name").fill("Merrimack Valley Cardiology")
    page.get_by_label("Practice TIN").fill("210000004")
    page.get_by_label("State or territory of the practice").select_option("MA")
    page.get_by_label("Number of clinicians in the group").fill("12")
    page.get_by_label("Amount the clinician bills to Medicare a year (dollars)").fill("90000")
    page.get_by_label("Medicare patients the clinician cares for a year").fill("300")
    pick(page.get_by_role("group", name=re.compile("advanced Alternative Payment")), "Yes")
    pick(page.get_by_role("group", name=re.compile("any APM")), "Yes")
    pick(page.get_by_role("group", name=re.compile("Practice Transformation Network")), "No")
    pick(page, "QPP in general: program structure, requirements, timelines")
    page.get_by_label("Your question").fill("Are we still subject to MIPS?")
    submit(page, "Submit the inquiry")
    expect(page.get_by_text(re.compile("Sent to the CMS help desk because every QPP")).first
           ).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Contractor to route to").select_option(label=SURS_LABEL)
    page.get_by_label("Reason for overriding the route").fill("Left the APM in January.")
    submit(page, "Override the route")
    expect(page.get_by_role("heading", name=re.compile("^Routing override"))).to_be_visible()
    assert_no_axe_violations(page)
    visit(page, f"{base}/qpp/dashboard/", "QPP technical assistance dashboard")
    visit(page, f"{base}/qpp/?status=routed", "QPP inquiries")
