"""An FQS referral whose 7-day extension is still pending on its end date stays open, is
escalated after 1 business day, and the COR approves it that morning (seed 001, Closeout
Phase); then the pages this work added, each checked with axe-core. Time is driven with
time_machine on the server, never the real clock."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from fqs import services, tasks
from fqs.models import Activation, Referral, SprintRequest, SupportHandoff
from qio_program.models import MedicareStatus, Provider, ProviderSetting
from qis_portal.demo import DEMO_PASSWORD, seed_organizations, seed_users
from qis_portal.models import User
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.fqs.conftest import certificate

pytestmark = pytest.mark.django_db(transaction=True)
EASTERN = ZoneInfo("America/New_York")


def at(day: date, hour: int):
    """Server-side time travel with the clock running, so the browser session works."""
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=EASTERN),
                               tick=True)


@pytest.fixture
def people(transactional_db):
    seed_users(seed_organizations())
    return {u.email: u for u in User.objects.all()}


def _provider(name: str, ccn: str, *, on_spl: bool) -> Provider:
    return Provider.objects.create(name=name, setting=ProviderSetting.NURSING_HOME, ccn=ccn,
                                   state="ME", region="northeast", on_spl=on_spl,
                                   medicare_status=MedicareStatus.PENDING)


def _request(people, provider, *, verify: bool):
    req = services.fqs_request_create(actor=people["issuer@sunrise.demo"],
                                      source="acute_emergency", provider=provider,
                                      description="Norovirus cluster in the long-stay unit.")
    req = services.fqs_request_update(fqs_request=req, actor=people["intake@cms.demo"],
                                      data={"work_description": "On-site outbreak support."})
    if verify:
        services.fqs_request_verify_medicare(
            fqs_request=req, actor=people["intake@cms.demo"], source="CMS POS file",
            verified_on=date(2026, 2, 27), document=certificate())
    return req


def _assigned_referral(people) -> Referral:
    """Deployed and assigned (by the support team) through the services."""
    req = services.fqs_request_approve(
        fqs_request=_request(people, _provider("Pinecrest Manor", "205877", on_spl=False),
                             verify=True), actor=people["intake@cms.demo"])
    activation = Activation.objects.get(request=req)
    fay = people["fqs.reviewer@cms.demo"]
    services.activation_update(activation=activation, actor=fay, data={
        "focus_area": "Outbreak", "onsite_required": True, "sprint_days": 15,
        "quality_issue": "Norovirus.", "inclusion_criteria": "Long-stay residents.",
        "closeout_metrics": "Hand-hygiene compliance (%).",
        "reporting_requirements": "Weekly audit results."})
    services.activation_provider_add(activation=activation, actor=fay,
                                     provider=req.provider,
                                     baseline_metric="Hand-hygiene compliance (%)",
                                     baseline_value=Decimal("62.5"))
    services.activation_submit(activation=activation, actor=fay)
    services.activation_approve(activation=activation, actor=people["cor@cms.demo"])
    return services.referral_assign(referral=Referral.objects.get(activation=activation),
                                    actor=people["support@northeast.demo"],
                                    assignee=people["associate@northeast.demo"])


def test_a_pending_extension_keeps_the_referral_open_and_is_approved_the_next_morning(
        page, live_server, people):
    base = live_server.url
    with at(date(2026, 3, 2), 11):  # Monday: launched, so the 15-day sprint ends 17 March
        referral = services.referral_launch(referral=_assigned_referral(people),
                                            actor=people["associate@northeast.demo"])
    assert referral.sprint_end == date(2026, 3, 17)

    with at(date(2026, 3, 16), 14):  # the associate asks for 7 more days
        sign_in(page, base, "associate@northeast.demo", DEMO_PASSWORD)
        page.goto(f"{base}/fqs/referrals/{referral.pk}/requests/new/?kind=extension")
        page.get_by_label("Justification").fill("New cases on Sunday; audits must continue.")
        page.get_by_role("button", name="Submit to the COR").click()
        expect(page.get_by_text("Request submitted to the COR.")).to_be_visible()

    with at(date(2026, 3, 17), 9):  # the end date: the sweep closes nothing
        assert tasks.close_out_ended_sprints() == 0
        assert tasks.escalate_undecided_sprint_requests() == 0
        page.context.clear_cookies()
        sign_in(page, base, "associate@northeast.demo", DEMO_PASSWORD)
        page.goto(f"{base}/fqs/referrals/{referral.pk}/")
        expect(page.get_by_role("status")).to_contain_text(
            "stays open until the COR decides the pending 7-day extension request")
        assert_no_axe_violations(page)

    with at(date(2026, 3, 18), 8):  # the next business day: escalated, then decided
        assert tasks.close_out_ended_sprints() == 0
        assert tasks.escalate_undecided_sprint_requests() == 2  # the COR and the QIO manager
        page.context.clear_cookies()
        sign_in(page, base, "cor@cms.demo", DEMO_PASSWORD)
        page.goto(f"{base}/fqs/referrals/{referral.pk}/")
        row = page.get_by_role("row").filter(has_text="7-day extension")
        expect(row).to_contain_text("escalated Mar 18, 2026")
        assert_no_axe_violations(page)
        page.get_by_role("button", name="Approve 7-day extension").click()
        expect(page.get_by_text("7-day extension approved.")).to_be_visible()
        expect(page.get_by_text("Mar 24, 2026 (1 extension of 7 days)")).to_be_visible()
        expect(page.get_by_text("stays open until the COR decides")).to_have_count(0)
        assert_no_axe_violations(page)
    referral.refresh_from_db()
    assert (referral.status, referral.sprint_end) == (Referral.Status.INITIATION,
                                                      date(2026, 3, 24))
    assert SprintRequest.objects.get().status == SprintRequest.Status.APPROVED


def test_the_verification_and_hand_off_pages_are_accessible(page, live_server, people):
    base = live_server.url
    unverified = _request(people, _provider("Birch Hollow Care", "205999", on_spl=False),
                          verify=False)
    spl = services.fqs_request_approve(
        fqs_request=_request(people, _provider("Granite Hills Hospital", "300456", on_spl=True),
                             verify=False), actor=people["intake@cms.demo"])
    handoff = SupportHandoff.objects.get(fqs_request=spl)

    sign_in(page, base, "intake@cms.demo", DEMO_PASSWORD)
    page.goto(f"{base}/fqs/requests/{unverified.pk}/")
    expect(page.get_by_text("pending verification with no verification on record")
           ).to_be_visible()
    page.get_by_role("button", name="Record the verification").click()
    expect(page.locator(".usa-alert--error, .usa-alert--warning").first).to_be_visible()
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    sign_in(page, base, "support@northeast.demo", DEMO_PASSWORD)
    page.goto(f"{base}/fqs/handoffs/")
    expect(page.get_by_role("heading", name="Non-FQS support hand-offs", level=1)
           ).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Granite Hills Hospital").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("Non-FQS support"))
    assert_no_axe_violations(page)
    page.get_by_label("Reason for declining (the COR reads it)").fill(
        "The hospital already has our PSA.")
    page.get_by_role("button", name="Decline").click()
    expect(page.get_by_text("the COR has the reason")).to_be_visible()
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    sign_in(page, base, "cor@cms.demo", DEMO_PASSWORD)
    page.goto(f"{base}/fqs/requests/{spl.pk}/")
    expect(page.get_by_text("Declined by the QIO: The hospital already has our PSA.")
           ).to_be_visible()
    assert_no_axe_violations(page)
    handoff.refresh_from_db()
    assert handoff.status == SupportHandoff.Status.DECLINED

    page.context.clear_cookies()
    sign_in(page, base, "associate@northeast.demo", DEMO_PASSWORD)
    page.goto(f"{base}/lifecycle/handoff-notes/incoming/")
    expect(page.get_by_role("heading", name="Hand-off notes for your QIO", level=1)
           ).to_be_visible()
    assert_no_axe_violations(page)
