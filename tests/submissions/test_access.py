"""Issuer users see and edit only their own issuer's forms (others' answer 404); CMS QIS
reviewers see submitted forms, never drafts; CMS read-only users read submitted forms and
change nothing; everyone else sees nothing."""

import pytest
from django.urls import reverse

from qis_portal.models import Role
from submissions.models import FormType
from submissions.services import submission_create
from tests.factories import user_with_role
from tests.submissions.conftest import PLAN_DATA, fresh, plan_on_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def ginas_draft(issuer_gina, window):
    ginas_plan = plan_on_file(issuer_gina, "Improving diabetes control", 2024, PLAN_DATA)
    return submission_create(actor=issuer_gina, form_type=FormType.PROGRESS_REPORT,
                             window=window, implementation_plan=ginas_plan)


def pages(pk):
    return [reverse(name, args=[pk]) for name in (
        "submissions:detail", "submissions:submit", "submissions:print", "submissions:pdf",
        "submissions:json", "submissions:determine")] + [
        reverse("submissions:part", args=[pk, "a"])]


def test_another_issuers_form_answers_404_everywhere(client, api_client, issuer_alice,
                                                      ginas_draft):
    client.force_login(issuer_alice)
    for url in pages(ginas_draft.pk):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"version": "1"}).status_code == 404, url
    api_client.force_authenticate(issuer_alice)
    assert api_client.get(f"/api/submissions/{ginas_draft.pk}/").status_code == 404
    assert api_client.patch(f"/api/submissions/{ginas_draft.pk}/",
                            {"version": 1, "data": {}}, format="json").status_code == 404
    assert api_client.post(f"/api/submissions/{ginas_draft.pk}/submit/").status_code == 404
    assert ginas_draft.pk not in [row["id"] for row in
                                  api_client.get("/api/submissions/").json()["results"]]


def test_an_issuer_sees_and_edits_their_own_draft(client, issuer_alice, draft_report):
    client.force_login(issuer_alice)
    assert client.get(reverse("submissions:part", args=[draft_report.pk, "a"])).status_code \
        == 200
    listing = client.get(reverse("submissions:list")).content.decode()
    assert f"#{draft_report.pk}" in listing


def test_a_reviewer_does_not_see_drafts(client, reviewer_quinn, draft_report):
    client.force_login(reviewer_quinn)
    assert client.get(draft_report.get_absolute_url()).status_code == 404
    assert f"#{draft_report.pk}<" not in client.get(reverse("submissions:list")).content.decode()


def test_a_reviewer_and_a_read_only_user_see_submitted_forms(client, reviewer_quinn,
                                                             readonly_pat, submitted_report):
    for user in (reviewer_quinn, readonly_pat):
        client.force_login(user)
        assert client.get(submitted_report.get_absolute_url()).status_code == 200
        assert client.get(reverse("submissions:print", args=[submitted_report.pk])
                          ).status_code == 200


def test_a_read_only_user_can_change_nothing(client, api_client, readonly_pat,
                                             submitted_report):
    client.force_login(readonly_pat)
    response = client.post(reverse("submissions:start_review", args=[submitted_report.pk]))
    assert response.status_code == 403
    assert client.get(reverse("submissions:determine", args=[submitted_report.pk])
                      ).status_code == 403
    assert client.get(reverse("submissions:start")).status_code == 403
    api_client.force_authenticate(readonly_pat)
    assert api_client.post(f"/api/submissions/{submitted_report.pk}/start-review/"
                           ).status_code == 403
    assert fresh(submitted_report).status == "submitted"


def test_an_issuer_cannot_act_as_a_reviewer(client, issuer_alice, submitted_report):
    client.force_login(issuer_alice)
    assert client.post(reverse("submissions:start_review", args=[submitted_report.pk])
                       ).status_code == 403


@pytest.mark.parametrize("persona", ["cor_bob", "associate_ann", "outsider_charlie"])
def test_people_without_a_qis_role_see_nothing(client, request, persona, submitted_report):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get(reverse("submissions:list")).status_code == 403
    assert client.get(submitted_report.get_absolute_url()).status_code == 404


def test_a_pending_issuer_assignment_grants_nothing(client, issuer_org, submitted_report):
    pending = user_with_role(Role.ISSUER_USER, issuer_org, status="pending",
                             email="pending@sunrise.test")
    client.force_login(pending)
    assert client.get(submitted_report.get_absolute_url()).status_code == 404


def test_exports_are_for_cms_only(client, issuer_alice, readonly_pat, submitted_report):
    client.force_login(issuer_alice)
    assert client.get(reverse("submissions:export_csv")).status_code == 403
    assert client.get(reverse("submissions:export_json")).status_code == 403
    client.force_login(readonly_pat)
    assert client.get(reverse("submissions:export_csv")).status_code == 200


def test_another_issuers_plan_answers_404(client, issuer_gina, plan):
    client.force_login(issuer_gina)
    assert client.get(reverse("submissions:plan_detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("submissions:plan_edit", args=[plan.pk])).status_code == 404


def test_a_signed_out_visitor_is_sent_to_sign_in(client, submitted_report):
    response = client.get(submitted_report.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_reviewer_cannot_change_a_submitted_form_through_the_api(api_client, reviewer_quinn,
                                                                   submitted_report):
    from qis_portal.models import AuditEvent

    api_client.force_authenticate(reviewer_quinn)
    response = api_client.patch(f"/api/submissions/{submitted_report.pk}/", {
        "version": submitted_report.version, "data": {"goal_1": "Reviewer's goal"}},
        format="json")
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action="submission.save_draft", outcome="denied").exists()
