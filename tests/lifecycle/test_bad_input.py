"""Bad input answers 400/404 with a reason, never a 500."""

import pytest
from django.urls import reverse

from qio_program.lifecycle.models import Deliverable
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db
API = "/api/lifecycle"


@pytest.mark.parametrize("since", ["0001-01-01", "9999-12-31T23:59:59+14:00", "2025-13-01",
                                   "2025-01-01T25:00:00", ""])
def test_odd_updated_since_values_never_break_the_list(api_client, ne_order, cor_bob, since):
    api_client.force_authenticate(cor_bob)
    response = api_client.get(f"{API}/deliverables/", {"updated_since": since})
    assert response.status_code in (200, 400)


@pytest.mark.parametrize(("path", "body"), [
    ("/a3cs/", {"task_order": "x", "state": "ME"}),
    ("/a3cs/", {"task_order": 999999, "state": "ME"}),
    ("/a3cs/", {}),
    ("/pes/", {"task_order": None, "provider": "abc"}),
    ("/psas/", {"task_order": 1, "provider": 999999}),
    ("/provider-assessments/", {"general_assessment": "x" * 6000}),
    ("/reports/", {"deliverable": "first"}),
    ("/handoff-notes/", {"topic": "gossip", "body": ""}),
])
def test_malformed_bodies_are_400(api_client, ne_order, associate_ann, path, body):
    api_client.force_authenticate(associate_ann)
    response = api_client.post(f"{API}{path}", body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "invalid"


def test_malformed_updates_and_tree_items_are_400(api_client, ne_order, associate_ann):
    api_client.force_authenticate(associate_ann)
    a3c = api_client.post(f"{API}/a3cs/", {"task_order": ne_order.pk, "state": "ME"},
                          format="json").json()
    for body in ({"focus_areas": [{"sub_aim": "Z9", "qio_role": "create"}]},
                 {"focus_areas": [{"sub_aim": "C1.1", "qio_role": "lead"}]},
                 {"focus_areas": "all"}):
        assert api_client.patch(f"{API}/a3cs/{a3c['id']}/", body,
                                format="json").status_code == 400
    november = Deliverable.objects.get(task_order=ne_order, kind="monthly_status", sequence=1)
    report = api_client.post(f"{API}/reports/", {"deliverable": november.pk},
                             format="json").json()
    for content in ("text", ["a"], {"challenges": {"nested": 1}}):
        assert api_client.patch(f"{API}/reports/{report['id']}/", {"content": content},
                                format="json").status_code == 400


def test_a_report_for_a_non_report_deliverable_is_400(api_client, ne_order, associate_ann):
    api_client.force_authenticate(associate_ann)
    a3c = Deliverable.objects.filter(task_order=ne_order, kind="a3c").first()
    assert api_client.post(f"{API}/reports/", {"deliverable": a3c.pk},
                           format="json").status_code == 400


def test_an_invalid_end_date_is_400(api_client, ne_order, cor_bob):
    api_client.force_authenticate(cor_bob)
    response = api_client.post(f"{API}/task-orders/{ne_order.pk}/end/",
                               {"ended_on": "soon"}, format="json")
    assert response.status_code == 400


def test_a_qap_tree_parent_from_another_plan_is_400(api_client, ne_order, maple, granite,
                                                    associate_ann, cor_bob, gus, me_a3c,
                                                    maple_psa):
    from qio_program.lifecycle.services import assessment as pa_services
    from qio_program.lifecycle.services import qap as qap_services

    plans = []
    builders.approved_a3c(ne_order, "NH", associate_ann, cor_bob)
    builders.active_psa(ne_order, granite, associate_ann, gus)
    for provider in (maple, granite):
        pa_services.pa_approve(actor=cor_bob, assessment=builders.submitted_pa(
            ne_order, provider, associate_ann))
        plans.append(qap_services.qap_create(actor=associate_ann, task_order=ne_order,
                                             provider=provider))
    builders.complete_qap(plans[1], associate_ann)
    foreign = plans[1].initiatives.get()
    api_client.force_authenticate(associate_ann)
    response = api_client.post(f"{API}/qaps/{plans[0].pk}/items/", {
        "level": "intervention", "parent": foreign.pk, "title": "x"}, format="json")
    assert response.status_code == 400


def test_pages_with_odd_parameters_still_render(client, ne_order, associate_ann):
    client.force_login(associate_ann)
    assert client.get(reverse("lifecycle:report_list"), {"kind": "x", "show": "y"}
                      ).status_code == 200
    assert client.get(reverse("lifecycle:a3c_list"), {"status": "<script>"}).status_code == 200
    assert client.post(reverse("lifecycle:pes_create"), {"provider": "abc"}).status_code == 200
    assert client.post(reverse("lifecycle:qap_item_remove", args=["nothing", 1])
                       ).status_code == 404
    assert client.get(reverse("lifecycle:report_edit", args=[999999])).status_code == 404
