"""Status, issuer and region are never writable through a request body (CONVENTIONS.md,
Permissions; issue #8, item 1).

Every create and update endpoint of the API is sent a valid body plus a status, an issuer, a
region, an organization and a QIO of someone else's; the request either succeeds with those
values ignored, or is refused naming them. The stored row is read back to prove it."""

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from qis_portal.models import Organization
from tests.access.conftest import client_for
from tests.access.routes import (
    CANDIDATE,
    FALLS,
    PUBLIC_GROUP,
    WEBINAR,
)

pytestmark = pytest.mark.django_db

PROTECTED = ("status", "issuer", "region", "organization", "qio")
FOREIGN_STATUS = "approved"


@dataclass(frozen=True)
class Write:
    route: str
    method: str
    persona: str
    model: str  # app_label.Model of the row written
    body: Callable
    kwargs: Callable | None = None
    foreign_status: str = FOREIGN_STATUS
    legit: tuple[str, ...] = ()  # fields this endpoint does take (the COR names the QIO)

    @property
    def id(self) -> str:
        return f"{self.method} {self.route} as {self.persona}"


def _now_plus(days: int) -> str:
    return (timezone.now() + timezone.timedelta(days=days)).isoformat()


def _draft_activation(w):
    from fqs import services

    intake = w.user("intake")
    services.fqs_request_update(fqs_request=w.fqs_request_new, actor=intake,
                                data={"work_description": "Find another heparin supplier."})
    services.fqs_request_approve(fqs_request=w.fqs_request_new, actor=intake)
    return w.fqs_request_new.activation


def _granite_plan(w):
    from submissions.models import ImplementationPlan

    return ImplementationPlan.objects.get(issuer__name__startswith="Granite").pk


def _pk(getter):
    return lambda w: {"pk": getter(w).pk}


WRITES = [
    Write("api-qis-submission-list", "POST", "issuer_granite", "submissions.Submission",
          lambda w: {"form_type": "progress_report", "plan_year": w.window.plan_year,
                     "implementation_plan": _granite_plan(w)}),
    Write("api-qis-submission-detail", "PATCH", "issuer", "submissions.Submission",
          lambda w: {"version": w.draft_submission.version, "data": {}},
          _pk(lambda w: w.draft_submission), foreign_status="submitted"),
    Write("qio-provider-list", "POST", "associate", "qio_program.Provider",
          lambda w: {"name": "Access Test Clinic", "setting": "hospital", "state": "ME",
                     "ccn": "209901"}),
    Write("qio-provider-detail", "PATCH", "associate", "qio_program.Provider",
          lambda w: {"city": "Portland"}, _pk(lambda w: w.maple)),
    Write("qio-task-list", "POST", "associate", "qio_program.Task",
          lambda w: {"subject": "Call the provider back"}, foreign_status="completed"),
    Write("qio-interaction-list", "POST", "associate", "qio_program.Interaction",
          lambda w: {"provider": w.maple.pk, "date": str(timezone.localdate()),
                     "audience_type": "quality_staff", "mode": "phone",
                     "category": "quality_improvement",
                     "subcategory": "technical_assistance", "duration_minutes": 30,
                     "details": "Called the director of nursing."}),
    Write("lifecycle-task-order-list", "POST", "cor", "qio_lifecycle.TaskOrder",
          lambda w: {"qio": Organization.objects.get(name="Four Directions Tribal QIO").pk,
                     "number": "75FCMC26F0099", "award_date": "2026-01-01"},
          foreign_status="ended", legit=("qio",)),
    Write("lifecycle-a3c-list", "POST", "associate", "qio_lifecycle.A3C",
          lambda w: {"task_order": w.task_order.pk, "state": "NH"}),
    Write("lifecycle-qap-detail", "PATCH", "associate", "qio_lifecycle.QualityActionPlan",
          lambda w: {"health_equity": "Falls data split by payer."}, _pk(lambda w: w.qap)),
    Write("lifecycle-report-detail", "PATCH", "associate", "qio_lifecycle.Report",
          lambda w: {"content": {}}, _pk(lambda w: w.report)),
    Write("lifecycle-dashboard-template-detail", "PATCH", "associate",
          "qio_lifecycle.DashboardTemplate", lambda w: {"layout": "Two columns."},
          _pk(lambda w: w.template)),
    Write("fqs-request-list", "POST", "issuer", "fqs.FqsRequest",
          lambda w: {"source": "provider_request", "description": "Water outage.",
                     "facility_name": "Access Test Home", "facility_ccn": "335500",
                     "facility_state": "NY"}),
    Write("fqs-request-detail", "PATCH", "intake", "fqs.FqsRequest",
          lambda w: {"aims": "Patient safety"}, _pk(lambda w: w.fqs_request_new)),
    Write("fqs-activation-detail", "PATCH", "fqs_reviewer", "fqs.Activation",
          lambda w: {"focus_area": "Drug shortage"}, _pk(_draft_activation)),
    Write("fqs-sprint-request-list", "POST", "associate", "fqs.SprintRequest",
          lambda w: {"referral": w.referral.pk, "kind": "hold",
                     "justification": "The director is away."}),
    Write("scoring-entity-list", "POST", "api", "scoring.ApmEntity",
          lambda w: {"entity_id": "ACCESS-API-1", "name": "Access Test ACO",
                     "apm_type": "mssp"}),
    Write("scoring-entity-detail", "PATCH", "api", "scoring.ApmEntity",
          lambda w: {"name": "Riverside Oncology Partners"}, _pk(lambda w: w.ocm)),
    Write("scoring-entity-detail", "PUT", "api", "scoring.ApmEntity",
          lambda w: {"entity_id": w.ocm.entity_id, "name": w.ocm.name, "apm_type": "ocm"},
          _pk(lambda w: w.ocm)),
    Write("scoring-run-list", "POST", "cor", "scoring.ScoringRun",
          lambda w: {"performance_year": 2020}, foreign_status="finished"),
    Write("api-qpp-inquiry-list", "POST", "provider", "qpp_assist.Inquiry",
          lambda w: {"practice_name": "Access Test Practice", "tin": "219999999",
                     "state": "ME", "group_size": 5, "medicare_charges": "50000",
                     "medicare_patients": 100, "advanced_apm": False, "any_apm": False,
                     "ptn_enrolled": False, "mips_category": "quality",
                     "question": "Which measures should we report?"},
          foreign_status="answered"),
    Write("connect-library-item-list", "POST", "associate", "qio_connect.LibraryItem",
          lambda w: {"kind": "article", "title": "Access test article", "body": "Text."},
          foreign_status="published"),
    Write("connect-library-item-detail", "PATCH", "associate", "qio_connect.LibraryItem",
          lambda w: {"summary": "Shorter."}, lambda w: {"pk": w.library_item(FALLS).pk},
          foreign_status="rejected"),
    Write("connect-library-item-detail", "PATCH", "deladmin", "qio_connect.LibraryItem",
          lambda w: {"summary": "Shorter."}, lambda w: {"pk": w.library_item(CANDIDATE).pk},
          foreign_status="published"),
    Write("connect-group-list", "POST", "associate", "qio_connect.Group",
          lambda w: {"name": "Access test group"}),
    Write("connect-group-detail", "PATCH", "nlc", "qio_connect.Group",
          lambda w: {"description": "Peer learning."},
          lambda w: {"pk": w.group(name=PUBLIC_GROUP).pk}),
    Write("connect-event-list", "POST", "associate", "qio_connect.Event",
          lambda w: {"title": "Access test event", "starts_at": _now_plus(20),
                     "ends_at": _now_plus(21)}),
    Write("connect-event-detail", "PATCH", "deladmin", "qio_connect.Event",
          lambda w: {"location": "Room 4"}, lambda w: {"pk": w.event(WEBINAR).pk},
          foreign_status="cancelled"),
]


def _foreign(world, actor, status: str) -> dict:
    """Someone else's status, issuer, region, organization and QIO."""
    own = actor.organization
    sunrise = Organization.objects.get(name__startswith="Sunrise")
    granite = Organization.objects.get(name__startswith="Granite")
    west = Organization.objects.get(name="West QIN-QIO")
    northeast = Organization.objects.get(name="Northeast QIN-QIO")
    other_issuer = granite if own != granite else sunrise
    other_qio = west if own != west else northeast
    return {"status": status, "issuer": other_issuer.pk, "issuer_id": other_issuer.pk,
            "region": "west" if getattr(own, "region", "") != "west" else "northeast",
            "organization": other_qio.pk, "organization_id": other_qio.pk,
            "qio": other_qio.pk, "qio_id": other_qio.pk}


def _protected_values(row) -> dict:
    values = {}
    for name in PROTECTED:
        field = next((f for f in row._meta.concrete_fields if f.name == name), None)
        if field is not None:
            values[name] = getattr(row, field.attname)
    return values


def _injected_value(foreign: dict, name: str):
    return foreign[name] if name in ("status", "region") else foreign[f"{name}_id"]


@pytest.mark.parametrize("write", WRITES, ids=lambda write: write.id)
def test_status_issuer_and_region_are_never_taken_from_a_request_body(world, write):
    model = apps.get_model(write.model)
    kwargs = write.kwargs(world) if write.kwargs else None
    url = reverse(write.route, kwargs=kwargs)
    before = _protected_values(model.objects.get(pk=kwargs["pk"])) if kwargs else {}
    actor = world.user(write.persona)
    foreign = {name: value for name, value in _foreign(world, actor, write.foreign_status).items()
               if name.removesuffix("_id") not in write.legit}
    body = {**write.body(world), **foreign}
    client = client_for(world, write.persona)
    response = getattr(client, write.method.lower())(url, data=json.dumps(body),
                                                     content_type="application/json")
    answer = response.json() if response.content else {}
    if response.status_code >= 400:
        named = set(answer.get("error", {}).get("fields", {})) & set(foreign)
        assert response.status_code == 400 and named, (
            f"{write.id}: the valid body was refused for another reason: "
            f"{response.status_code} {answer}")
        return
    row = model.objects.get(pk=kwargs["pk"] if kwargs else answer["id"])
    after = _protected_values(row)
    assert after, f"{write.model} has none of {PROTECTED}; drop it from WRITES"
    taken = {name: value for name, value in after.items() if name not in write.legit
             and value == _injected_value(foreign, name) and before.get(name, object()) != value}
    assert taken == {}, f"{write.id} wrote {taken} from the request body"
