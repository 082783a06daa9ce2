"""REST under /api/qpp/: inquiries (create, list, retrieve, route-override, respond) and
hand-offs; cursor pagination, updated_since; status and owner never writable; 409 on illegal
steps; never a 500 on bad input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from qpp_assist.models import HandOff, Inquiry
from qpp_assist.who_does_what import PTN, QIN_QIO_QPP, QPP_SURS

from .conftest import intake

pytestmark = pytest.mark.django_db

INQUIRIES = "/api/qpp/inquiries/"
HANDOFFS = "/api/qpp/hand-offs/"


def body(**overrides) -> dict:
    data = intake(**overrides)
    data["medicare_charges"] = str(data["medicare_charges"])
    return data


def as_user(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def test_a_clinician_creates_an_inquiry_and_sees_where_it_went(api_client, pia, contractors):
    response = as_user(api_client, pia).post(INQUIRIES, body(group_size=9, rural=True),
                                             format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "routed"
    assert data["contractor"] == contractors[QPP_SURS].pk
    assert data["priority"] is True and data["eligible_clinician"] is True
    assert data["routing_explanation"].startswith("Routed to QPP-SURS")
    assert {v["type"] for v in data["routing_verdicts"]} == {
        "qin_qio_qpp", "qpp_surs", "qin_qio_tcpi", "ptn"}


def test_status_owner_and_clock_in_the_body_are_ignored(api_client, pia, contractors):
    response = as_user(api_client, pia).post(INQUIRIES, {
        **body(), "status": "answered", "contractor": contractors[PTN].pk,
        "respond_by": "2030-01-01", "priority": True, "route_overridden": True,
        "response": "self-answered"}, format="json")
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "routed"
    assert data["contractor"] == contractors[QIN_QIO_QPP].pk
    assert data["respond_by"] != "2030-01-01"
    assert (data["priority"], data["route_overridden"], data["response"]) == (False, False, "")


@pytest.mark.parametrize(("field", "value"), [
    ("tin", "12"), ("group_size", 0), ("group_size", "x"), ("state", "ZZ"),
    ("medicare_charges", "-3"), ("medicare_charges", "NaN"), ("mips_category", "nope"),
    ("question", ""), ("ptn", 424242), ("advanced_apm", "maybe"),
])
def test_bad_input_is_a_400_with_the_field_named(api_client, pia, contractors, field, value):
    response = as_user(api_client, pia).post(INQUIRIES, body(**{field: value}), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]


def test_lists_are_scoped_and_use_cursor_pagination(api_client, submit, pia, other_provider,
                                                    hal):
    for n in range(3):
        submit(tin=f"10000000{n}")
    submit(actor=other_provider, tin="200000000")
    page = as_user(api_client, pia).get(INQUIRIES, {"page_size": 2}).json()
    assert len(page["results"]) == 2 and page["next"] and "cursor=" in page["next"]
    rest = api_client.get(page["next"]).json()
    assert len(rest["results"]) == 1
    assert as_user(api_client, hal).get(INQUIRIES).json()["results"].__len__() == 4


def test_updated_since_filters_and_a_bad_value_is_a_400(api_client, submit, hal):
    old = submit()
    Inquiry.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=3))
    new = submit(tin="111111111")
    since = (timezone.now() - timedelta(days=1)).isoformat()
    ids = [row["id"] for row in as_user(api_client, hal).get(
        INQUIRIES, {"updated_since": since}).json()["results"]]
    assert ids == [new.pk]
    assert api_client.get(INQUIRIES, {"updated_since": "yesterday"}).status_code == 400


def test_retrieve_is_404_outside_the_user_s_view(api_client, submit, sue, pia):
    inquiry = submit()
    assert as_user(api_client, sue).get(f"{INQUIRIES}{inquiry.pk}/").status_code == 404
    assert as_user(api_client, pia).get(f"{INQUIRIES}{inquiry.pk}/").status_code == 200


def test_respond_then_respond_again_is_a_409(api_client, submit, quinn_qpp):
    inquiry = submit()
    url = f"{INQUIRIES}{inquiry.pk}/respond/"
    first = as_user(api_client, quinn_qpp).post(url, {"response": "Here."}, format="json")
    assert first.status_code == 200 and first.json()["status"] == "answered"
    again = api_client.post(url, {"response": "Again."}, format="json")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"


def test_route_override_by_the_help_desk_and_refused_to_a_provider(api_client, submit, hal,
                                                                   pia, contractors):
    inquiry = submit(advanced_apm=True)
    url = f"{INQUIRIES}{inquiry.pk}/route-override/"
    refused = as_user(api_client, pia).post(url, {"to_contractor": contractors[QPP_SURS].pk,
                                                  "reason": "Mine."}, format="json")
    assert refused.status_code == 403
    done = as_user(api_client, hal).post(url, {"to_contractor": contractors[QPP_SURS].pk,
                                               "reason": "Left the APM."}, format="json")
    assert done.status_code == 200
    assert done.json()["contractor"] == contractors[QPP_SURS].pk
    assert done.json()["handoffs"][0]["kind"] == "override"
    missing = api_client.post(url, {"to_contractor": contractors[QPP_SURS].pk}, format="json")
    assert missing.status_code == 400


def test_hand_offs_are_created_listed_and_filtered(api_client, submit, quinn_qpp, sue,
                                                   contractors):
    inquiry = submit()
    created = as_user(api_client, quinn_qpp).post(HANDOFFS, {
        "inquiry": inquiry.pk, "to_contractor": contractors[QPP_SURS].pk,
        "note": "Nine clinicians."}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["from_contractor"] == contractors[QIN_QIO_QPP].pk
    listed = as_user(api_client, sue).get(HANDOFFS, {"inquiry": inquiry.pk}).json()["results"]
    assert [row["id"] for row in listed] == [created.json()["id"]]
    again = as_user(api_client, quinn_qpp).post(HANDOFFS, {
        "inquiry": inquiry.pk, "to_contractor": contractors[PTN].pk, "note": "x"}, format="json")
    assert again.status_code == 403  # no longer theirs
    assert HandOff.objects.count() == 1


def test_hand_off_of_an_unknown_or_foreign_inquiry_is_a_404(api_client, submit, sue,
                                                            contractors):
    inquiry = submit()
    response = as_user(api_client, sue).post(HANDOFFS, {
        "inquiry": inquiry.pk, "to_contractor": contractors[PTN].pk, "note": "x"}, format="json")
    assert response.status_code == 404
    assert api_client.post(HANDOFFS, {"inquiry": 0, "to_contractor": 1, "note": "x"},
                           format="json").status_code == 404


def test_the_api_refuses_the_anonymous_and_the_roleless(api_client, outsider_charlie,
                                                        contractor_types):
    assert api_client.get(INQUIRIES).status_code in (401, 403)
    as_user(api_client, outsider_charlie)
    assert api_client.get(INQUIRIES).status_code == 403
    assert api_client.post(INQUIRIES, body(), format="json").status_code == 403
    assert api_client.get(HANDOFFS).status_code == 403


def test_contractors_are_listed_for_ids(api_client, pia, contractors):
    rows = as_user(api_client, pia).get("/api/qpp/contractors/").json()["results"]
    assert {row["type"] for row in rows} == {"qin_qio_qpp", "qin_qio_tcpi", "qpp_surs", "ptn"}
