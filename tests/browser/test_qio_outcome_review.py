"""An outcome in the browser: the provider enters it, the QIO queries it, the provider
corrects it, the COR validates it; CMS reads the progress chart with its table. axe-core finds
nothing on the pages."""

import pytest
from playwright.sync_api import expect

from qio_program.models import OutcomeStatus, OutcomeValue
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD
from tests.lifecycle import builders
from tests.qio_program.factories import MeasureFactory

pytestmark = pytest.mark.django_db(transaction=True)


def switch_to(page, live_url, user) -> None:
    page.context.clear_cookies()
    sign_in(page, live_url, user.email, PASSWORD)


def test_an_outcome_is_entered_queried_corrected_and_validated(page, live_url):
    people = builders.people()
    ann, bob, pat = people["ann"], people["cor"], people["readonly"]
    falls = MeasureFactory(code="NH-FALL", name="Falls with major injury",
                           applies_to="nursing_home")
    maple = builders.provider("Maple Grove Nursing", state="ME", region="northeast")
    pia = builders.provider_user(maple, "pia@maplegrove.test")
    builders.open_outcome_reporting(maple, author=ann, cor=bob, signer=pia)
    outcomes_url = f"{live_url}/qio/providers/{maple.pk}/outcomes/"

    switch_to(page, live_url, pia)
    page.goto(outcomes_url)
    page.locator("#id_measure").select_option(label=str(falls))
    page.locator("#id_value").fill("3.1")
    page.get_by_role("button", name="Save value").click()
    expect(page.get_by_text("Entered, awaiting validation")).to_be_visible()
    assert_no_axe_violations(page)

    switch_to(page, live_url, ann)
    page.goto(outcomes_url)
    page.get_by_label("Question about NH-FALL").fill("Twice last quarter; check the count.")
    page.get_by_role("button", name="Query NH-FALL").click()
    expect(page.get_by_text("Question from")).to_be_visible()
    assert_no_axe_violations(page)

    switch_to(page, live_url, pia)
    page.goto(outcomes_url)
    page.locator("#id_measure").select_option(label=str(falls))
    page.locator("#id_value").fill("1.6")
    page.get_by_role("button", name="Save value").click()
    expect(page.get_by_text("Entered, awaiting validation")).to_be_visible()

    switch_to(page, live_url, bob)
    page.goto(outcomes_url)
    page.get_by_role("button", name="Validate NH-FALL").click()
    expect(page.get_by_text("validated.", exact=False).first).to_be_visible()
    expect(page.locator("td .usa-tag", has_text="Validated")).to_be_visible()
    value = OutcomeValue.objects.get(provider=maple)
    assert (value.status, str(value.value), value.reviewed_by) == (
        OutcomeStatus.VALIDATED, "1.6000", bob)

    switch_to(page, live_url, pat)
    page.goto(f"{live_url}/qio/outcomes/progress/")
    expect(page.get_by_role("heading", name="Outcome progress by measure", level=1)).to_be_visible()
    expect(page.get_by_role("table", name="NH-FALL by region and QIO")).to_contain_text("100%")
    assert_no_axe_violations(page)


def test_a_provider_before_its_qap_approval_reads_why_it_cannot_report(page, live_url):
    maple = builders.provider("Maple Grove Nursing", state="ME", region="northeast")
    pia = builders.provider_user(maple, "pia@maplegrove.test")
    switch_to(page, live_url, pia)
    page.goto(f"{live_url}/qio/providers/{maple.pk}/outcomes/")
    expect(page.get_by_text("opens once its QAP is approved")).to_be_visible()
    assert_no_axe_violations(page)
