"""A provider contact without an account signs a PSA from the e-mailed link (issue 15, item 6),
and every page on the way has no axe-core violation."""

import re

import pytest
from playwright.sync_api import expect

from qio_program.lifecycle.services import psa as psa_services
from qio_program.models import ProviderContact
from qis_portal.models import OutboundEmail
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_contact_signs_a_psa_from_the_emailed_link(page, live_url):
    builders.seed_reference_aims()
    who = builders.people()
    ann = who["ann"]
    order = builders.task_order(who["cor"], who["northeast"])
    maple = builders.provider("Maple Grove Nursing", state="ME", region="northeast",
                              with_org=False)
    dana = ProviderContact.objects.create(provider=maple, name="Dana Whitfield",
                                          title="Director of Nursing", is_qi_lead=True,
                                          email="dana.whitfield@maplegrove.example")
    psa = psa_services.psa_send(actor=ann, psa=psa_services.psa_create(
        actor=ann, task_order=order, provider=maple,
        data={"provider_needs": "Infection prevention for 120 beds.",
              "service_response": "Monthly coaching visits."}))

    sign_in(page, live_url, ann.email, PASSWORD)
    page.goto(f"{live_url}/lifecycle/psa/{psa.pk}/paper-signature/")
    expect(page.get_by_role("heading", name="Record a paper signature")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"{live_url}{psa.get_absolute_url()}")
    page.locator("select[name=contact]").select_option(str(dana.pk))
    page.get_by_role("button", name="E-mail a signing link").click()
    expect(page.get_by_text("A signing link was e-mailed to Dana Whitfield")).to_be_visible()
    assert_no_axe_violations(page)

    [mail] = OutboundEmail.objects.filter(to=dana.email)
    link = re.search(r"https?://\S+/links/\S+/", mail.body)[0]
    path = link[link.index("/links/"):]
    contact_page = page.context.browser.new_context().new_page()
    contact_page.goto(f"{live_url}{path}")
    expect(contact_page.get_by_text("Infection prevention for 120 beds.")).to_be_visible()
    assert_no_axe_violations(contact_page)
    contact_page.locator("label[for=id_decision_0]").click()
    contact_page.get_by_label("Your full name (your signature)").fill("Dana Whitfield")
    contact_page.get_by_role("button", name="Send my decision").click()
    expect(contact_page.get_by_test_id("link-done")).to_contain_text("You signed")
    assert_no_axe_violations(contact_page)
    contact_page.goto(f"{live_url}{path}")
    expect(contact_page.get_by_test_id("link-refusal")).to_contain_text("already been used")
    assert_no_axe_violations(contact_page)

    page.goto(f"{live_url}{psa.get_absolute_url()}")
    record = page.get_by_test_id("signature-record")
    expect(record).to_contain_text("Signed by a provider contact through an e-mailed link")
    expect(record).to_contain_text("Dana Whitfield")
    assert_no_axe_violations(page)
