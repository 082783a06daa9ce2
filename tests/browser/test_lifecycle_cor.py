"""The COR's week: approves one Provider Assessment on business day 4, and after business
day 5 sees the other one escalated by the deadline sweep (seed 001: 5 business days)."""

from datetime import date, datetime

import pytest
import time_machine
from playwright.sync_api import expect

from qio_program.lifecycle.services.assessment import pa_deadline_sweep
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db(transaction=True)


def at(day: date, hour: int):
    """Server-side time travel with the clock running, so the browser session works."""
    return time_machine.travel(datetime(day.year, day.month, day.day, hour,
                                        tzinfo=builders.EASTERN), tick=True)


def test_a_cor_approves_on_business_day_4_and_sees_the_other_escalated_after_day_5(
        page, live_server):
    builders.seed_reference_aims()
    who = builders.people()
    cor, ann = who["cor"], who["ann"]
    order = builders.task_order(cor, who["northeast"])
    builders.approved_a3c(order, "ME", ann, cor)
    maple = builders.provider("Maple Grove Nursing", state="ME", region="northeast")
    pine = builders.provider("Pine Ridge Nursing", state="ME", region="northeast")
    for provider, email in ((maple, "pia@maple.test"), (pine, "pat@pine.test")):
        builders.active_psa(order, provider, ann, builders.provider_user(provider, email))
    with builders.on(date(2025, 3, 3)):  # Monday: both due Monday 2025-03-10
        approved_one = builders.submitted_pa(order, maple, ann)
        escalated_one = builders.submitted_pa(order, pine, ann)

    with at(date(2025, 3, 7), 10):  # Friday, business day 4
        sign_in(page, live_server.url, cor.email, PASSWORD)
        page.goto(f"{live_server.url}/lifecycle/")
        table = page.locator("#approvals-table")
        expect(table.get_by_role("row").filter(has_text=str(approved_one))).to_contain_text(
            "2 business days left")
        assert_no_axe_violations(page)
        page.get_by_role("link", name=str(approved_one)).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Maple Grove Nursing")
        assert_no_axe_violations(page)
        page.get_by_label("Note (optional)").fill("Approved on business day 4.")
        page.get_by_role("button", name="Approve", exact=True).click()
        expect(page.locator(".usa-alert--success")).to_contain_text(
            "Provider Assessment approved.")

    with at(date(2025, 3, 11), 9):  # Tuesday: business day 5 has passed
        assert pa_deadline_sweep() == {"reminders": 0, "escalations": 2}  # COR + read-only
        page.context.clear_cookies()  # the jump ended the session
        sign_in(page, live_server.url, cor.email, PASSWORD)
        page.goto(f"{live_server.url}/lifecycle/")
        table = page.locator("#approvals-table")
        expect(table.get_by_role("row").filter(has_text=str(escalated_one))).to_contain_text(
            "Overdue by 1 business day — escalated")
        expect(table).not_to_contain_text(str(approved_one))
        assert_no_axe_violations(page)
        page.goto(f"{live_server.url}/notifications/")
        expect(page.get_by_role("main")).to_contain_text("Overdue: the")
