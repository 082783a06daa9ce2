"""REST: list and retrieve with filters; create, update and submit drafts with the same
validation and permissions; reviewer actions; illegal steps answer 409; issuer and status are
never writable from the body."""

from datetime import timedelta

import pytest
from django.utils import timezone

from qis_portal.models import Role
from submissions.models import Submission, SubmissionWindow
from tests.factories import IssuerFactory, user_with_role
from tests.submissions.conftest import PROGRESS_ANSWERS, fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_api(api_client, issuer_alice):
    api_client.force_authenticate(issuer_alice)
    return api_client


def test_an_issuer_creates_updates_and_submits_a_progress_report(alice_api, window, plan,
                                                                 issuer_alice):
    created = alice_api.post("/api/submissions/", {
        "form_type": "progress_report", "plan_year": 2025, "implementation_plan": plan.pk,
        "data": {"submission_type": "progress_report"}}, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "draft" and body["version"] == 1
    assert body["data"]["m1a_baseline_rate"] == "27.4"  # restated from the plan on file
    assert "progress_summary" in body["check"]["errors"]
    pk = body["id"]
    updated = alice_api.patch(f"/api/submissions/{pk}/",
                              {"version": 1, "data": PROGRESS_ANSWERS}, format="json")
    assert updated.status_code == 200 and updated.json()["version"] == 2
    assert updated.json()["check"]["errors"] == {}
    submitted = alice_api.post(f"/api/submissions/{pk}/submit/", {"version": 2}, format="json")
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["snapshot"]["data"]["m1a_progress_rate"] == "24.1"


def test_the_api_applies_the_same_limits_with_the_element_named(alice_api, draft_report):
    response = alice_api.patch(f"/api/submissions/{draft_report.pk}/", {
        "version": draft_report.version,
        "data": {"qis_title": "x" * 201, "m1a_cbe_id": "12", "status": "meets"}},
        format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert fields["qis_title"] == ["QIS Title: 201 characters; the limit is 200 characters."]
    assert fields["m1a_cbe_id"] == [
        "16a Measure 1a CBE-ID: must be exactly 4 digits (you entered “12”)."]
    assert fields["status"] == ["“status” is not an element of the QIS Progress Report."]


def test_submitting_an_incomplete_draft_through_the_api_lists_every_error(alice_api,
                                                                          make_progress_report):
    draft = make_progress_report()
    response = alice_api.post(f"/api/submissions/{draft.pk}/submit/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["progress_summary"] == [
        "17a Summary of progress: required before you submit."]


def test_issuer_and_status_in_the_body_are_ignored(alice_api, window, other_issuer_org):
    response = alice_api.post("/api/submissions/", {
        "form_type": "work_plan", "plan_year": 2025, "issuer": other_issuer_org.pk,
        "status": "meets"}, format="json")
    assert response.status_code == 201
    submission = Submission.objects.get(pk=response.json()["id"])
    assert submission.issuer_id != other_issuer_org.pk and submission.status == "draft"
    patched = alice_api.patch(f"/api/submissions/{submission.pk}/", {
        "version": 1, "status": "meets", "issuer": other_issuer_org.pk, "data": {}},
        format="json")
    assert patched.status_code == 200
    assert fresh(submission).status == "draft"
    assert fresh(submission).issuer_id != other_issuer_org.pk


def test_submitting_twice_answers_409(alice_api, submitted_report):
    response = alice_api.post(f"/api/submissions/{submitted_report.pk}/submit/", {},
                              format="json")
    assert response.status_code == 409
    assert response.json()["error"]["fields"]["status"] == ["submitted"]


def test_changing_a_submitted_form_answers_409(alice_api, submitted_report):
    response = alice_api.patch(f"/api/submissions/{submitted_report.pk}/", {
        "version": submitted_report.version, "data": {"goal_1": "Later"}}, format="json")
    assert response.status_code == 409


def test_a_reviewer_starts_the_review_and_determines_through_the_api(api_client,
                                                                     reviewer_quinn,
                                                                     submitted_report):
    api_client.force_authenticate(reviewer_quinn)
    pk = submitted_report.pk
    early = api_client.post(f"/api/submissions/{pk}/determine/", {"outcome": "meets"},
                            format="json")
    assert early.status_code == 409
    assert api_client.post(f"/api/submissions/{pk}/start-review/").json()["status"] == \
        "under_review"
    assert api_client.post(f"/api/submissions/{pk}/start-review/").status_code == 409
    refused = api_client.post(f"/api/submissions/{pk}/determine/", {
        "outcome": "meets", "findings": [{"element": "16b", "note": "Wrong baseline."}]},
        format="json")
    assert refused.status_code == 400
    assert "Must Pass" in refused.json()["error"]["fields"]["outcome"][0]
    done = api_client.post(f"/api/submissions/{pk}/determine/", {
        "outcome": "interim_meets", "correction_report": "Restate 16b as on file.",
        "findings": [{"element": "16b", "note": "Wrong baseline."}]}, format="json")
    assert done.status_code == 200
    assert done.json()["status"] == "interim_meets"
    assert done.json()["determination"]["findings"] == [
        {"element": "16b", "label": "Measure 1a baseline results", "must_pass": True,
         "note": "Wrong baseline."}]


def test_an_issuer_cannot_use_the_reviewer_actions(alice_api, submitted_report):
    assert alice_api.post(f"/api/submissions/{submitted_report.pk}/start-review/"
                          ).status_code == 403


def test_a_reviewer_cannot_create_a_draft(api_client, reviewer_quinn, window):
    api_client.force_authenticate(reviewer_quinn)
    assert api_client.post("/api/submissions/", {"form_type": "work_plan", "plan_year": 2025},
                           format="json").status_code == 403


def test_the_list_filters_by_plan_year_issuer_form_type_status_and_updated_since(
        api_client, reviewer_quinn, submitted_report, draft_work_plan, issuer_alice):
    from submissions.services import submission_create, submission_save_draft, submission_submit

    today = timezone.localdate()
    other_year = SubmissionWindow.objects.create(plan_year=2024, opens_on=today,
                                                 due_date=today + timedelta(days=3))
    # Work Plans are Californian (seed 002): a second California issuer files one.
    pia = user_with_role(Role.ISSUER_USER, IssuerFactory(name="Pacific Health", state="CA"))
    ginas = submission_create(actor=pia, form_type="work_plan", window=other_year)
    ginas = submission_save_draft(submission=ginas, actor=pia, expected_version=1,
                                  data=fresh(draft_work_plan).data)
    submission_submit(submission=ginas, actor=pia)
    api_client.force_authenticate(reviewer_quinn)

    def ids(**params):
        response = api_client.get("/api/submissions/", params)
        assert response.status_code == 200
        return {row["id"] for row in response.json()["results"]}

    assert ids() == {submitted_report.pk, ginas.pk}  # the draft Work Plan is not listed
    assert ids(plan_year=2024) == {ginas.pk}
    assert ids(issuer=issuer_alice.organization_id) == {submitted_report.pk}
    assert ids(form_type="work_plan") == {ginas.pk}
    assert ids(status="submitted") == {submitted_report.pk, ginas.pk}
    future = (timezone.now() + timedelta(hours=1)).isoformat()
    assert ids(updated_since=future) == set()
    assert api_client.get("/api/submissions/", {"status": "bogus"}).status_code == 400


def test_the_implementation_plans_and_windows_are_readable(alice_api, plan, window):
    plans = alice_api.get("/api/submissions/plans/").json()["results"]
    assert [p["qis_title"] for p in plans] == ["Reducing NTSV C-sections"]
    windows = alice_api.get("/api/submissions/windows/").json()["results"]
    assert windows[0]["plan_year"] == 2025


def test_bad_input_never_answers_500(alice_api, window, draft_report):
    for body in ({"form_type": "nope", "plan_year": 2025}, {"form_type": "work_plan"},
                 {"form_type": "progress_report", "plan_year": 2025},
                 {"form_type": "progress_report", "plan_year": 2025,
                  "implementation_plan": 999999},
                 {"form_type": "work_plan", "plan_year": 1999},
                 {"form_type": "work_plan", "plan_year": 2025, "data": ["not", "a", "dict"]}):
        response = alice_api.post("/api/submissions/", body, format="json")
        assert response.status_code == 400, (body, response.content)
    for body in ({"data": {}}, {"version": "x", "data": {}}, {"version": 1, "data": "text"}):
        response = alice_api.patch(f"/api/submissions/{draft_report.pk}/", body,
                                   format="json")
        assert response.status_code == 400, (body, response.content)
    assert alice_api.get("/api/submissions/abc/").status_code == 404


def test_the_rest_client_pulls_its_own_issuers_forms_and_statuses_read_only(
        api_client, issuer_org, other_issuer_org, submitted_report, window):
    """DOMAIN §1: the REST client pulls submissions and statuses: its issuer's, nobody else's,
    and it changes nothing."""
    from qis_portal.models import Role
    from tests.factories import user_with_role

    machine = user_with_role(Role.API_CLIENT, issuer_org, email="api@sunrise.test")
    elsewhere = user_with_role(Role.API_CLIENT, other_issuer_org, email="api@granite.test")
    api_client.force_authenticate(machine)
    rows = api_client.get("/api/submissions/").json()["results"]
    assert [(row["id"], row["status"]) for row in rows] == [(submitted_report.pk, "submitted")]
    detail = api_client.get(f"/api/submissions/{submitted_report.pk}/").json()
    filed_title = submitted_report.filed_data["qis_title"]
    assert detail["qis_title"] == rows[0]["qis_title"] == filed_title != ""
    assert api_client.patch(f"/api/submissions/{submitted_report.pk}/",
                            {"version": submitted_report.version, "data": {}},
                            format="json").status_code == 403
    assert api_client.post("/api/submissions/", {"form_type": "work_plan",
                                                 "plan_year": window.plan_year},
                           format="json").status_code == 403
    api_client.force_authenticate(elsewhere)
    assert api_client.get("/api/submissions/").json()["results"] == []
    assert api_client.get(f"/api/submissions/{submitted_report.pk}/").status_code == 404
