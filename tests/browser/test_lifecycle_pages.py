"""axe-core finds no WCAG 2.1 AA violation on any page the contract lifecycle adds, for the
COR, a QIO associate and a provider."""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from qio_program.lifecycle.models import Deliverable, SubAim
from qio_program.lifecycle.services import assessment as pa_services
from qio_program.lifecycle.services import pes as pes_services
from qio_program.lifecycle.services import psa as psa_services
from qio_program.lifecycle.services import qap as qap_services
from qio_program.lifecycle.services import reports as report_services
from qio_program.lifecycle.services.completion import handoff_note_create
from qio_program.lifecycle.services.contract import psa_target_set
from qio_program.models import ProviderSetting
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db(transaction=True)


def build():
    """A Northeast task order with something in every state."""
    builders.seed_reference_aims()
    who = builders.people()
    cor, ann = who["cor"], who["ann"]
    order = builders.task_order(cor, who["northeast"])
    psa_target_set(actor=cor, task_order=order, target=3)
    builders.approved_a3c(order, "ME", ann, cor)
    builders.submitted_a3c(order, "NH", ann)
    maple = builders.provider("Maple Grove Nursing", state="ME", region="northeast")
    pia = builders.provider_user(maple, "pia@maple.test")
    pes = builders.signed_pes(order, maple, ann, pia)
    psa = builders.active_psa(order, maple, ann, pia)
    with builders.on(date(2025, 3, 3)):
        pa = pa_services.pa_approve(actor=cor, assessment=builders.submitted_pa(order, maple,
                                                                                ann))
    qap = qap_services.qap_create(actor=ann, task_order=order, provider=maple,
                                  data=builders.QAP_FIELDS)
    builders.complete_qap(qap, ann)
    initiative = qap.initiatives.get()
    intervention = initiative.interventions.get()
    pine = builders.provider("Pine Ridge Clinic", state="ME", region="northeast",
                             setting=ProviderSetting.OUTPATIENT)
    pine_user = builders.provider_user(pine, "lee@pine.test")
    presented = pes_services.pes_present(actor=ann, pes=pes_services.pes_create(
        actor=ann, task_order=order, provider=pine,
        data={"qi_lead_name": "Lee", "engagement_approach": "Quarterly visits."}))
    sent = psa_services.psa_send(actor=ann, psa=psa_services.psa_create(
        actor=ann, task_order=order, provider=pine,
        data={"provider_needs": "Blood pressure control.", "service_response": "Coaching."}))
    november = Deliverable.objects.get(task_order=order, kind="monthly_status", sequence=1)
    report = report_services.report_start(actor=ann, deliverable=november)
    report_services.report_update(actor=ann, report=report, content={
        section.key: "Progress." for section in report_services.REPORT_SECTIONS[
            "monthly_status"]})
    report = report_services.report_submit(actor=ann, report=report)
    annual = Deliverable.objects.get(task_order=order, kind="annual", sequence=1)
    template = report_services.template_start(actor=ann, task_order=order)
    handoff_note_create(actor=ann, task_order=order, topic="partnerships",
                        body="Maine CDC: Jo Smith.")
    return locals() | who


def check(page, base: str, path: str) -> None:
    response = page.goto(f"{base}{path}")
    assert response is not None and response.status == 200, path
    expect(page.locator("h1")).to_have_count(1)
    assert_no_axe_violations(page)


def test_every_lifecycle_page_passes_axe(page, live_server):
    w = build()
    base = live_server.url
    order, qap = w["order"], w["qap"]
    pages_for = {
        w["cor"]: [
            "/", reverse("lifecycle:index"), reverse("lifecycle:taskorder_list"),
            reverse("lifecycle:taskorder_create"), order.get_absolute_url(),
            reverse("lifecycle:psatarget_set", args=[order.pk]),
            reverse("lifecycle:taskorder_end", args=[order.pk]),
            reverse("lifecycle:handoff", args=[order.pk]),
            reverse("lifecycle:template_detail", args=[order.pk]),
            reverse("lifecycle:a3c_list"), f"{reverse('lifecycle:a3c_list')}?status=submitted",
            order.a3cs.get(state="NH").get_absolute_url(),
            reverse("lifecycle:pes_list"), reverse("lifecycle:psa_list"),
            reverse("lifecycle:pa_list"), w["pa"].get_absolute_url(),
            reverse("lifecycle:qap_list"), qap.get_absolute_url(),
            reverse("lifecycle:report_list"), w["report"].get_absolute_url(),
        ],
        w["ann"]: [
            "/", reverse("lifecycle:index"), reverse("lifecycle:a3c_create"),
            reverse("lifecycle:a3c_edit", args=[order.a3cs.get(state="NH").pk]),
            order.a3cs.get(state="ME").get_absolute_url(),
            reverse("lifecycle:pes_create"), w["pes"].get_absolute_url(),
            reverse("lifecycle:pes_edit", args=[w["presented"].pk]),
            reverse("lifecycle:psa_create"), w["psa"].get_absolute_url(),
            reverse("lifecycle:pa_create"), reverse("lifecycle:qap_create"),
            reverse("lifecycle:qap_edit", args=[qap.pk]), qap.get_absolute_url(),
            reverse("lifecycle:qap_initiative_add", args=[qap.pk]),
            reverse("lifecycle:qap_intervention_add", args=[w["initiative"].pk]),
            reverse("lifecycle:qap_activity_add", args=[w["intervention"].pk]),
            reverse("lifecycle:qap_training_add", args=[qap.pk]),
            reverse("lifecycle:report_edit", args=[w["annual"].pk]),
            reverse("lifecycle:template_detail", args=[order.pk]),
            reverse("lifecycle:handoff", args=[order.pk]),
            reverse("lifecycle:report_list") + "?show=all&kind=annual",
        ],
        w["pine_user"]: [
            "/", reverse("lifecycle:agreements"), w["presented"].get_absolute_url(),
            w["sent"].get_absolute_url(),
        ],
        w["readonly"]: [reverse("lifecycle:index"), order.get_absolute_url()],
    }
    for user, paths in pages_for.items():
        page.context.clear_cookies()
        sign_in(page, base, user.email, PASSWORD)
        for path in paths:
            check(page, base, path)


def test_a_form_with_errors_passes_axe(page, live_server):
    w = build()
    sign_in(page, live_server.url, w["ann"].email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('lifecycle:qap_initiative_add', args=[w['qap'].pk])}")
    page.get_by_role("button", name="Add").click()
    expect(page.locator(".usa-error-message").first).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}{w['report'].get_absolute_url()}")
    assert SubAim.objects.exists()


def test_the_provider_signs_its_pes_in_the_browser(page, live_server):
    w = build()
    sign_in(page, live_server.url, w["pine_user"].email, PASSWORD)
    page.goto(f"{live_server.url}{w['presented'].get_absolute_url()}")
    page.get_by_role("button", name="Sign off").click()
    expect(page.locator(".usa-alert--success")).to_contain_text(
        "You signed off the engagement strategy.")
    assert_no_axe_violations(page)
