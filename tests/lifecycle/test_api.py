"""REST under /api/lifecycle/: same scoping and permissions, cursor pages, updated_since,
transitions as POST actions answering 409 on illegal steps."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from qio_program.lifecycle.models import Deliverable, SubAim
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db
API = "/api/lifecycle"


@pytest.fixture
def as_user(api_client):
    def login(user):
        api_client.force_authenticate(user)
        return api_client
    return login


def test_the_cor_records_an_award_and_reads_its_deliverables(as_user, cor_bob, west_qio):
    client = as_user(cor_bob)
    response = client.post(f"{API}/task-orders/", {"qio": west_qio.pk, "number": "W-9",
                                                   "award_date": "2024-11-01"}, format="json")
    assert response.status_code == 201, response.json()
    order_id = response.json()["id"]
    assert response.json()["pop_end"] == "2029-10-31"
    page = client.get(f"{API}/deliverables/", {"task_order": order_id, "kind": "pes"}).json()
    assert [row["due_date"] for row in page["results"]] == ["2025-11-01"]
    target = client.post(f"{API}/task-orders/{order_id}/psa-target/", {"target": 5},
                         format="json")
    assert target.json()["psa_target"] == 5


def test_a_qio_cannot_record_an_award(as_user, associate_ann, west_qio):
    response = as_user(associate_ann).post(f"{API}/task-orders/", {
        "qio": west_qio.pk, "number": "x", "award_date": "2024-11-01"}, format="json")
    assert response.status_code == 403


def test_lists_are_cursor_paginated_and_scoped(as_user, ne_order, west_order, associate_ann):
    client = as_user(associate_ann)
    page = client.get(f"{API}/deliverables/", {"page_size": 50}).json()
    assert len(page["results"]) == 50 and page["next"] and "cursor=" in page["next"]
    orders = {row["task_order"] for row in page["results"]}
    assert orders == {ne_order.pk}
    assert client.get(f"{API}/task-orders/{west_order.pk}/").status_code == 404


def test_updated_since_filters_and_bad_dates_are_400(as_user, ne_order, cor_bob):
    client = as_user(cor_bob)
    Deliverable.objects.filter(task_order=ne_order).update(
        updated_at=timezone.now() - timedelta(days=10))
    Deliverable.objects.filter(task_order=ne_order, kind="pes").update(
        updated_at=timezone.now())
    since = (timezone.now() - timedelta(days=1)).isoformat()
    rows = client.get(f"{API}/deliverables/", {"updated_since": since}).json()["results"]
    assert [row["kind"] for row in rows] == ["pes"]
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert len(client.get(f"{API}/deliverables/", {"updated_since": day}).json()["results"]) == 1
    bad = client.get(f"{API}/deliverables/", {"updated_since": "yesterday"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid"


def test_the_a3c_workflow_over_the_api_with_409_on_an_illegal_step(as_user, ne_order,
                                                                   associate_ann, cor_bob):
    qio = as_user(associate_ann)
    created = qio.post(f"{API}/a3cs/", {"task_order": ne_order.pk, "state": "ME"},
                       format="json")
    assert created.status_code == 201
    a3c_id = created.json()["id"]
    early = qio.post(f"{API}/a3cs/{a3c_id}/submit/")
    assert early.status_code == 400 and "quality_scan" in early.json()["error"]["fields"]
    areas = [{"sub_aim": sub.code, "assessment": "a", "qio_role": "coordinate",
              "rationale": "r"} for sub in SubAim.objects.filter(active=True)]
    patched = qio.patch(f"{API}/a3cs/{a3c_id}/", {**builders.SCANS, "focus_areas": areas},
                        format="json")
    assert patched.status_code == 200
    assert patched.json()["focus_areas"][0]["qio_role"] == "coordinate"
    assert qio.post(f"{API}/a3cs/{a3c_id}/submit/").json()["status"] == "submitted"
    assert qio.post(f"{API}/a3cs/{a3c_id}/approve/").status_code == 403
    cor = as_user(cor_bob)
    assert cor.post(f"{API}/a3cs/{a3c_id}/return/", {}, format="json").status_code == 400
    assert cor.post(f"{API}/a3cs/{a3c_id}/approve/", {"note": "ok"},
                    format="json").json()["status"] == "approved"
    again = cor.post(f"{API}/a3cs/{a3c_id}/approve/")
    assert again.status_code == 409
    assert again.json()["error"] == {"code": "conflict", "fields": {"status": ["approved"]},
                                     "message": "Cannot approve: the A3C is approved."}
    copy = as_user(associate_ann).post(f"{API}/a3cs/{a3c_id}/new-version/")
    assert copy.status_code == 201 and copy.json()["version"] == 2


def test_status_is_not_writable_through_the_body(as_user, ne_order, associate_ann):
    client = as_user(associate_ann)
    a3c_id = client.post(f"{API}/a3cs/", {"task_order": ne_order.pk, "state": "ME"},
                         format="json").json()["id"]
    response = client.patch(f"{API}/a3cs/{a3c_id}/", {"status": "approved"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "draft"


def test_another_qios_task_order_is_not_a_valid_choice(as_user, ne_order, associate_wes):
    response = as_user(associate_wes).post(f"{API}/a3cs/", {"task_order": ne_order.pk,
                                                            "state": "ME"}, format="json")
    assert response.status_code == 400
    assert "task_order" in response.json()["error"]["fields"]


def test_pes_psa_and_assessment_over_the_api(as_user, ne_order, maple, associate_ann, pia,
                                             cor_bob, me_a3c):
    qio, provider = as_user(associate_ann), None
    pes = qio.post(f"{API}/pes/", {"task_order": ne_order.pk, "provider": maple.pk,
                                   "qi_lead_name": "Pia", "engagement_approach": "Coaching"},
                   format="json").json()
    assert qio.post(f"{API}/pes/{pes['id']}/present/").json()["status"] == "presented"
    provider = as_user(pia)
    assert [row["id"] for row in provider.get(f"{API}/pes/").json()["results"]] == [pes["id"]]
    assert provider.get(f"{API}/provider-assessments/").status_code == 403
    signed = provider.post(f"{API}/pes/{pes['id']}/sign/").json()
    assert signed["status"] == "signed" and signed["reevaluation_due"]
    qio = as_user(associate_ann)
    psa = qio.post(f"{API}/psas/", {"task_order": ne_order.pk, "provider": maple.pk,
                                    "provider_needs": "a", "service_response": "b"},
                   format="json").json()
    qio.post(f"{API}/psas/{psa['id']}/send/")
    assert as_user(pia).post(f"{API}/psas/{psa['id']}/sign/").json()["status"] == "active"
    qio = as_user(associate_ann)
    pa = qio.post(f"{API}/provider-assessments/", {"task_order": ne_order.pk,
                                                   "provider": maple.pk, **builders.PA_SECTIONS},
                  format="json")
    assert pa.status_code == 201
    with builders.on(date(2025, 1, 17)):
        submitted = qio.post(f"{API}/provider-assessments/{pa.json()['id']}/submit/").json()
    assert submitted["due_date"] == "2025-01-27"
    approvals = as_user(cor_bob).get(f"{API}/approvals/").json()
    assert [(row["kind"], row["id"]) for row in approvals] == [("Provider Assessment",
                                                                pa.json()["id"])]
    assert as_user(associate_ann).get(f"{API}/approvals/").status_code == 403
    terminated = as_user(pia).post(f"{API}/psas/{psa['id']}/terminate/", {"reason": "Closing"},
                                   format="json")
    assert terminated.json()["status"] == "terminated"


def test_a_pes_before_the_a3c_is_approved_answers_409(as_user, ne_order, maple, associate_ann):
    response = as_user(associate_ann).post(f"{API}/pes/", {"task_order": ne_order.pk,
                                                           "provider": maple.pk},
                                           format="json")
    assert response.status_code == 409
    assert "A3C of Maine (ME)" in response.json()["error"]["message"]


def test_qap_tree_and_reports_over_the_api(as_user, ne_order, maple, associate_ann, cor_bob,
                                           me_a3c, maple_psa):
    from qio_program.lifecycle.services import assessment as pa_services

    pa_services.pa_approve(actor=cor_bob, assessment=builders.submitted_pa(
        ne_order, maple, associate_ann))
    qio = as_user(associate_ann)
    qap = qio.post(f"{API}/qaps/", {"task_order": ne_order.pk, "provider": maple.pk,
                                    **builders.QAP_FIELDS}, format="json").json()
    url = f"{API}/qaps/{qap['id']}/items/"
    tree = qio.post(url, {"level": "initiative", "sub_aim": "C2.1", "title": "Infections"},
                    format="json").json()
    initiative = tree["initiatives"][0]["id"]
    assert qio.post(url, {"level": "intervention"}, format="json").status_code == 400
    tree = qio.post(url, {"level": "intervention", "parent": initiative, "title": "Audits"},
                    format="json").json()
    intervention = tree["initiatives"][0]["interventions"][0]["id"]
    qio.post(url, {"level": "activity", "parent": intervention, "title": "Weekly"},
             format="json")
    for year in (1, 2):
        qio.post(url, {"level": "training", "plan_year": year, "audience": "new_staff",
                       "title": "Onboarding"}, format="json")
    assert qio.post(f"{API}/qaps/{qap['id']}/submit/").json()["status"] == "submitted"
    blocked = qio.post(url, {"level": "activity", "parent": intervention, "title": "Late"},
                       format="json")
    assert blocked.status_code == 409
    november = Deliverable.objects.get(task_order=ne_order, kind="monthly_status", sequence=1)
    report = qio.post(f"{API}/reports/", {"deliverable": november.pk}, format="json").json()
    bad = qio.patch(f"{API}/reports/{report['id']}/", {"content": {"poem": "x"}},
                    format="json")
    assert bad.status_code == 400
    ok = qio.patch(f"{API}/reports/{report['id']}/", {"content": {"challenges": "x"}},
                   format="json")
    assert ok.json()["content"] == {"challenges": "x"}


def test_the_dashboard_template_and_handoff_notes_over_the_api(as_user, ne_order,
                                                               associate_ann, cor_bob):
    qio = as_user(associate_ann)
    template = qio.post(f"{API}/dashboard-templates/", {"task_order": ne_order.pk},
                        format="json").json()
    qio.patch(f"{API}/dashboard-templates/{template['id']}/", {"layout": "a", "measures": "b"},
              format="json")
    assert qio.post(f"{API}/dashboard-templates/{template['id']}/submit/").status_code == 200
    note = qio.post(f"{API}/handoff-notes/", {"task_order": ne_order.pk,
                                              "topic": "partnerships", "body": "Contacts."},
                    format="json")
    assert note.status_code == 201
    assert as_user(cor_bob).get(f"{API}/handoff-notes/").json()["results"][0]["body"] == \
        "Contacts."


def test_anonymous_requests_are_refused(api_client):
    assert api_client.get(f"{API}/task-orders/").status_code in (401, 403)


def test_ending_a_task_order_early_answers_409(as_user, ne_order, cor_bob):
    response = as_user(cor_bob).post(f"{API}/task-orders/{ne_order.pk}/end/", {},
                                     format="json")
    assert response.status_code == 409


def test_the_openapi_schema_documents_every_lifecycle_endpoint():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = [path for path in schema["paths"] if path.startswith("/api/lifecycle/")]
    for expected in ("task-orders/", "deliverables/", "a3cs/{id}/approve/", "pes/{id}/sign/",
                     "psas/{id}/terminate/", "provider-assessments/{id}/return/",
                     "qaps/{id}/items/", "reports/{id}/submit/", "dashboard-templates/",
                     "handoff-notes/", "approvals/"):
        assert f"/api/lifecycle/{expected}" in paths
    status = schema["components"]["schemas"]["LifecycleA3COutput"]["properties"]["status"]
    assert "draft, submitted, approved, returned" in status["description"]
