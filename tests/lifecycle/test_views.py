"""Pages: each role sees what it may (another QIO's object is 404), buttons post transitions,
refusals become messages, bad input never a 500."""

from datetime import date

import pytest
from django.urls import reverse

from qio_program.lifecycle.models import Deliverable, ProviderAssessment
from qio_program.lifecycle.services import pes as pes_services
from qio_program.lifecycle.services import reports as report_services
from qis_portal.navigation import nav_for
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(ne_order, west_order, maple, associate_ann, pia, cor_bob, me_a3c, maple_psa):
    """A Northeast A3C (approved), signed PES, active PSA and a submitted PA."""
    pes = builders.signed_pes(ne_order, maple, associate_ann, pia)
    pa = builders.submitted_pa(ne_order, maple, associate_ann)
    return {"a3c": me_a3c, "pes": pes, "psa": maple_psa, "pa": pa, "order": ne_order}


def pages(world):
    order, pa = world["order"], world["pa"]
    return [
        reverse("lifecycle:index"), reverse("lifecycle:taskorder_list"),
        order.get_absolute_url(), reverse("lifecycle:handoff", args=[order.pk]),
        reverse("lifecycle:template_detail", args=[order.pk]),
        reverse("lifecycle:a3c_list"), world["a3c"].get_absolute_url(),
        reverse("lifecycle:pes_list"), world["pes"].get_absolute_url(),
        reverse("lifecycle:psa_list"), world["psa"].get_absolute_url(),
        reverse("lifecycle:pa_list"), pa.get_absolute_url(),
        reverse("lifecycle:qap_list"), reverse("lifecycle:report_list"),
    ]


def test_the_cor_and_the_qio_open_every_page(client, world, cor_bob, associate_ann,
                                             readonly_pat):
    for user in (cor_bob, associate_ann, readonly_pat):
        client.force_login(user)
        for url in pages(world):
            assert client.get(url).status_code == 200, (user, url)


def test_another_qio_gets_404_on_our_objects(client, world, associate_wes):
    client.force_login(associate_wes)
    for key in ("a3c", "pes", "psa", "pa"):
        assert client.get(world[key].get_absolute_url()).status_code == 404
    assert client.get(world["order"].get_absolute_url()).status_code == 404
    for kind, key in (("a3c", "a3c"), ("pa", "pa")):
        response = client.post(reverse("lifecycle:act", args=[kind, world[key].pk, "submit"]))
        assert response.status_code == 404


def test_lists_show_only_the_users_qio(client, world, associate_wes, west_order, riverside):
    client.force_login(associate_wes)
    body = client.get(reverse("lifecycle:pes_list")).content.decode()
    assert "Maple Grove" not in body


def test_a_provider_sees_its_own_pes_and_psa_only(client, world, pia, gus):
    client.force_login(pia)
    assert client.get(reverse("lifecycle:index")).url == reverse("lifecycle:agreements")
    assert client.get(reverse("lifecycle:agreements")).status_code == 200
    assert client.get(world["pes"].get_absolute_url()).status_code == 200
    assert client.get(world["psa"].get_absolute_url()).status_code == 200
    assert client.get(world["pa"].get_absolute_url()).status_code == 404
    assert client.get(world["a3c"].get_absolute_url()).status_code == 404
    client.force_login(gus)
    assert client.get(world["pes"].get_absolute_url()).status_code == 404


def test_a_user_without_a_lifecycle_role_is_refused(client, world, outsider_charlie):
    client.force_login(outsider_charlie)
    assert client.get(reverse("lifecycle:index")).status_code == 403
    assert client.get(reverse("lifecycle:taskorder_list")).status_code == 403


def test_the_cor_approves_from_the_page_and_a_second_click_is_a_clear_refusal(client, world,
                                                                             cor_bob):
    client.force_login(cor_bob)
    url = reverse("lifecycle:act", args=["pa", world["pa"].pk, "approve"])
    response = client.post(url, {"note": "Fine."}, follow=True)
    assert "Provider Assessment approved." in response.content.decode()
    response = client.post(url, {"note": "Again."}, follow=True)
    assert response.status_code == 200
    assert "Cannot approve: the provider assessment is approved." in response.content.decode()


def test_returning_without_comments_is_a_message_not_an_error(client, world, cor_bob):
    client.force_login(cor_bob)
    url = reverse("lifecycle:act", args=["pa", world["pa"].pk, "return"])
    response = client.post(url, {"comments": ""}, follow=True)
    assert "Say what must change" in response.content.decode()
    assert ProviderAssessment.objects.get(pk=world["pa"].pk).status == "submitted"


def test_a_qio_user_pressing_approve_is_forbidden(client, world, associate_ann):
    client.force_login(associate_ann)
    url = reverse("lifecycle:act", args=["pa", world["pa"].pk, "approve"])
    assert client.post(url).status_code == 403


def test_unknown_kinds_and_actions_are_404(client, world, cor_bob):
    client.force_login(cor_bob)
    assert client.post(reverse("lifecycle:act", args=["nope", 1, "approve"])).status_code == 404
    assert client.post(reverse("lifecycle:act", args=["pa", world["pa"].pk, "explode"])
                       ).status_code == 404
    assert client.get(reverse("lifecycle:act", args=["pa", world["pa"].pk, "approve"])
                      ).status_code == 405
    assert client.get("/lifecycle/a3c/999999/").status_code == 404


def test_the_timeline_shows_phases_and_due_dates(client, world, associate_ann):
    client.force_login(associate_ann)
    body = client.get(world["order"].get_absolute_url()).content.decode()
    assert "Year 0 — Foundational Set-up (12 months)" in body
    assert "A3C — Maine (ME)" in body and "2025-08-01" in body
    assert "Monthly status report — November 2024" in body and "2024-12-06" in body
    assert "Active PSAs: <strong>1</strong>" in body


def test_the_cor_dashboard_lists_waiting_approvals_overdue_first(client, world, cor_bob,
                                                                 ne_order, granite, gus,
                                                                 associate_ann):
    builders.approved_a3c(ne_order, "NH", associate_ann, cor_bob)
    builders.active_psa(ne_order, granite, associate_ann, gus)
    with builders.on(date(2025, 3, 3)):
        late = builders.submitted_pa(ne_order, granite, associate_ann)
    client.force_login(cor_bob)
    body = client.get(reverse("lifecycle:index")).content.decode()
    table = body[body.index('id="approvals-table"'):]
    assert table.index(str(late)) < table.index(str(world["pa"]))
    assert "Overdue by" in table


def test_the_qio_dashboard_shows_overdue_and_upcoming_deliverables(client, world,
                                                                   associate_ann):
    client.force_login(associate_ann)
    with builders.on(date(2025, 8, 5)):
        body = client.get(reverse("lifecycle:index")).content.decode()
    assert "A3C — Connecticut (CT)" in body  # due 2025-08-01, not submitted: overdue
    assert "Monthly status report — August 2025" in body  # upcoming


def test_creating_an_a3c_and_editing_it_through_the_forms(client, ne_order, associate_ann):
    client.force_login(associate_ann)
    response = client.post(reverse("lifecycle:a3c_create"), {"state": "VT"})
    a3c = ne_order.a3cs.get(state="VT")
    assert response.url == reverse("lifecycle:a3c_edit", args=[a3c.pk])
    form = {"general_assessment": "g", "healthcare_scan": "h", "quality_scan": "q",
            "partner_scan": "p"}
    for area in a3c.focus_areas.all():
        form.update({f"fa{area.sub_aim_id}_assessment": "a",
                     f"fa{area.sub_aim_id}_qio_role": "create",
                     f"fa{area.sub_aim_id}_rationale": "r"})
    assert client.post(reverse("lifecycle:a3c_edit", args=[a3c.pk]), form).status_code == 302
    response = client.post(reverse("lifecycle:act", args=["a3c", a3c.pk, "submit"]),
                           follow=True)
    assert "A3C submitted to the COR." in response.content.decode()
    bad = client.post(reverse("lifecycle:a3c_create"), {"state": "CA"})
    assert bad.status_code == 200 and "Select a valid choice" in bad.content.decode()


def test_a_read_only_artifact_redirects_its_edit_page_with_the_reason(client, world,
                                                                      associate_ann):
    client.force_login(associate_ann)
    response = client.get(reverse("lifecycle:a3c_edit", args=[world["a3c"].pk]), follow=True)
    assert "approved and read-only" in response.content.decode()


def test_pes_forms_and_the_provider_signs_in_the_portal(client, ne_order, maple, associate_ann,
                                                        pia, me_a3c):
    client.force_login(associate_ann)
    response = client.post(reverse("lifecycle:pes_create"), {
        "provider": maple.pk, "qi_lead_name": "Pia", "engagement_approach": "Coaching."})
    pes = ne_order.pes_set.get()
    assert response.url == pes.get_absolute_url()
    client.post(reverse("lifecycle:act", args=["pes", pes.pk, "present"]))
    client.force_login(pia)
    response = client.post(reverse("lifecycle:act", args=["pes", pes.pk, "sign"]), follow=True)
    assert "You signed off the engagement strategy." in response.content.decode()
    pes.refresh_from_db()
    assert pes.signed_by == pia


def test_the_pes_start_page_refuses_with_the_a3c_reason(client, ne_order, maple,
                                                        associate_ann):
    client.force_login(associate_ann)
    response = client.post(reverse("lifecycle:pes_create"), {"provider": maple.pk})
    assert response.status_code == 200
    assert "needs the COR-approved A3C of Maine (ME)" in response.content.decode()


def test_report_pages_write_and_submit_a_monthly_report(client, ne_order, associate_ann,
                                                        cor_bob):
    november = Deliverable.objects.get(task_order=ne_order, kind="monthly_status", sequence=1)
    client.force_login(associate_ann)
    url = reverse("lifecycle:report_edit", args=[november.pk])
    assert client.get(url).status_code == 200
    content = {section.key: "Done." for section in
               report_services.REPORT_SECTIONS["monthly_status"]}
    response = client.post(url, content)
    report = november.report
    assert response.url == report.get_absolute_url()
    client.post(reverse("lifecycle:act", args=["report", report.pk, "submit"]))
    november.refresh_from_db()
    assert november.delivered_at is not None
    client.force_login(cor_bob)
    assert client.get(report.get_absolute_url()).status_code == 200
    assert client.get(url).status_code == 403


def test_qap_pages_build_the_tree(client, world, ne_order, maple, associate_ann, cor_bob):
    from qio_program.lifecycle.services import assessment as pa_services

    pa_services.pa_approve(actor=cor_bob, assessment=world["pa"])
    client.force_login(associate_ann)
    response = client.post(reverse("lifecycle:qap_create"), {
        "provider": maple.pk, **builders.QAP_FIELDS})
    qap = ne_order.qaps.get()
    assert response.url == qap.get_absolute_url()
    from qio_program.lifecycle.models import SubAim

    client.post(reverse("lifecycle:qap_initiative_add", args=[qap.pk]), {
        "sub_aim": SubAim.objects.get(code="C2.1").pk, "title": "Reduce infections"})
    initiative = qap.initiatives.get()
    client.post(reverse("lifecycle:qap_intervention_add", args=[initiative.pk]),
                {"title": "Audits"})
    intervention = initiative.interventions.get()
    client.post(reverse("lifecycle:qap_activity_add", args=[intervention.pk]),
                {"title": "Weekly audit", "target_date": "2026-01-15"})
    for year in (1, 2):
        client.post(reverse("lifecycle:qap_training_add", args=[qap.pk]), {
            "plan_year": year, "audience": "new_staff", "topic": f"Year {year}"})
    body = client.get(qap.get_absolute_url()).content.decode()
    assert "Weekly audit" in body and "target 2026-01-15" in body
    response = client.post(reverse("lifecycle:act", args=["qap", qap.pk, "submit"]),
                           follow=True)
    assert "Quality Action Plan submitted to the COR." in response.content.decode()
    response = client.post(reverse("lifecycle:qap_item_remove",
                                   args=["initiative", initiative.pk]), follow=True)
    assert "with the COR" in response.content.decode()


def test_cor_forms_record_an_award_set_the_target_and_end_the_order(client, cor_bob,
                                                                   west_qio, ne_order):
    client.force_login(cor_bob)
    response = client.post(reverse("lifecycle:taskorder_create"), {
        "qio": west_qio.pk, "number": "W-1", "award_date": "2025-05-01"})
    order = west_qio.task_orders.get()
    assert response.url == order.get_absolute_url()
    client.post(reverse("lifecycle:psatarget_set", args=[order.pk]), {"target": "7"})
    order.refresh_from_db()
    assert order.psa_target.target == 7
    bad = client.post(reverse("lifecycle:psatarget_set", args=[order.pk]), {"target": "many"})
    assert bad.status_code == 200
    response = client.post(reverse("lifecycle:taskorder_end", args=[ne_order.pk]), {},
                           follow=True)
    assert "can be ended from the Completion phase" in response.content.decode()


def test_hand_off_notes_page_adds_a_note(client, ne_order, associate_ann, cor_bob):
    client.force_login(associate_ann)
    url = reverse("lifecycle:handoff", args=[ne_order.pk])
    response = client.post(url, {"topic": "partnerships", "body": "Maine CDC contact: Jo."})
    assert response.status_code == 302
    assert "Maine CDC contact" in client.get(url).content.decode()
    client.force_login(cor_bob)
    assert client.post(url, {"topic": "partnerships", "body": "x"}).status_code == 403


def test_the_template_page_drafts_and_submits(client, ne_order, associate_ann, cor_bob):
    client.force_login(associate_ann)
    url = reverse("lifecycle:template_detail", args=[ne_order.pk])
    client.post(url, {"layout": "Tiles.", "measures": "Readmissions."})
    template = ne_order.dashboard_template
    client.post(reverse("lifecycle:act", args=["template", template.pk, "submit"]))
    client.force_login(cor_bob)
    client.post(reverse("lifecycle:act", args=["template", template.pk, "approve"]))
    template.refresh_from_db()
    assert template.status == "approved"


def test_nav_items_by_role(world, cor_bob, associate_ann, pia, outsider_charlie):
    assert [item["label"] for item in nav_for(cor_bob)].count("Contract lifecycle") == 1
    assert "Contract lifecycle" in [item["label"] for item in nav_for(associate_ann)]
    assert [item["label"] for item in nav_for(pia)
            if item["url_name"].startswith("lifecycle")] == ["Agreements to sign"]
    assert not [item for item in nav_for(outsider_charlie)
                if item["url_name"].startswith("lifecycle")]


def test_home_panels_by_role(client, world, cor_bob, associate_ann, pia):
    client.force_login(cor_bob)
    body = client.get("/").content.decode()
    assert "Approvals waiting" in body and str(world["pa"]) in body
    client.force_login(associate_ann)
    with builders.on(date(2025, 7, 1)):
        body = client.get("/").content.decode()
    # Overdue deliverables are grouped by how late, each group a link to exactly those
    # (tests/lifecycle/test_home_triage.py).
    assert "Next deliverables" in body and "More than 30 days late" in body
    assert "/lifecycle/?kind=" in body
    client.force_login(pia)
    body = client.get("/").content.decode()
    assert "Agreements to sign" in body and "Nothing waits for your signature." in body


def test_a_presented_pes_shows_on_the_providers_home(client, ne_order, maple, associate_ann,
                                                     pia, me_a3c):
    pes = pes_services.pes_create(actor=associate_ann, task_order=ne_order, provider=maple,
                                  data={"qi_lead_name": "Pia", "engagement_approach": "x"})
    pes_services.pes_present(actor=associate_ann, pes=pes)
    client.force_login(pia)
    assert str(pes) in client.get("/").content.decode()


def test_cms_sees_overdue_deliverables_summed_per_task_order(client, ne_order, readonly_pat):
    client.force_login(readonly_pat)
    with builders.on(date(2025, 1, 10)):
        body = client.get(reverse("lifecycle:index")).content.decode()
    section = body[body.index('id="overdue-heading"'):]
    assert ne_order.number in section
    assert "<td>2</td><td>2024-12-06</td>" in section  # November and December reports


def test_a_qio_support_user_sees_deliverables_without_report_links(client, ne_order,
                                                                   support_sam):
    client.force_login(support_sam)
    with builders.on(date(2025, 1, 10)):
        body = client.get(reverse("lifecycle:index")).content.decode()
    assert "Monthly status report — November 2024" in body
    assert reverse("lifecycle:report_edit", args=[
        ne_order.deliverables.get(kind="monthly_status", sequence=1).pk]) not in body


def test_the_sweeps_are_on_the_beat_schedule():
    from django.conf import settings

    for name in ("provider_assessment_deadlines", "close_ended_task_order_accounts",
                 "queue_ahqt_tasks"):
        assert f"qio_program.lifecycle.tasks.{name}" in settings.CELERY_BEAT_SCHEDULE
