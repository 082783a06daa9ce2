"""FQS pages: each renders for its roles, refuses others, and never answers 500 on bad input."""

from datetime import timedelta

import pytest

from fqs.models import Activation, FqsRequest, Referral, SprintRequest
from qis_portal.home import panels_for
from qis_portal.navigation import nav_for
from tests.fqs.conftest import certificate

pytestmark = pytest.mark.django_db


def test_the_fqs_nav_item_shows_for_anyone_signed_in(outsider_charlie, associate_ann):
    for user in (outsider_charlie, associate_ann):
        assert "FQS" in [item["label"] for item in nav_for(user)]


def test_home_panels_by_role(rf, world, readonly_pat):
    world.request()
    world.pending_activation()
    referral = world.referral(Referral.Status.ASSIGNED)

    def titles(user):
        request = rf.get("/")
        request.user = user
        return {panel["title"]: panel for panel in panels_for(request)}

    assert titles(world.p["intake"])["FQS intake queue"]["fqs_count"] == 1
    assert titles(world.p["cor"])["FQS activations pending approval"]["fqs_count"] == 1
    mine = titles(world.p["associate"])["My FQS referrals"]
    assert [r.pk for r in mine["fqs_rows"]] == [referral.pk]
    assert "My FQS referrals" not in titles(readonly_pat)
    assert "FQS intake queue" not in titles(world.p["associate"])


def test_the_dashboard_lists_pending_approvals_active_sprints_and_requests(client, world):
    world.pending_activation()
    active = world.referral(Referral.Status.INITIATION)
    world.sprint_request(active, SprintRequest.Kind.EXTENSION)
    closing = world.referral(Referral.Status.EXECUTION)
    world.sprint_request(closing, SprintRequest.Kind.CLOSEOUT)
    client.force_login(world.p["cor"])
    page = client.get("/fqs/")
    assert page.status_code == 200
    context = page.context
    assert len(context["activations_pending"].rows) == 1
    assert {r.pk for r in context["active_referrals"].rows} == {active.pk, closing.pk}
    assert all(r.days_left_value == 15 for r in context["active_referrals"].rows)
    assert [r.pk for r in context["pending_extension"].rows] == [active.pk]
    assert [r.pk for r in context["pending_closeout"].rows] == [closing.pk]
    assert not context["active_referrals"].more and "See all" not in page.content.decode()


def test_each_dashboard_section_shows_its_most_urgent_rows_and_links_to_the_rest(
        client, world, monkeypatch):
    """The dashboard stays one screenful at national scale: a section shows its first rows
    (the sprint ending soonest first) and says where the others are."""
    from fqs import selectors

    monkeypatch.setattr(selectors, "DASHBOARD_ROWS", 2)
    referrals = [world.referral(Referral.Status.EXECUTION) for _ in range(3)]
    for days, referral in zip((9, 3, 6), referrals, strict=True):
        Referral.objects.filter(pk=referral.pk).update(
            sprint_end=referral.sprint_start + timedelta(days=days))
    client.force_login(world.p["cor"])
    page = client.get("/fqs/")
    section = page.context["active_referrals"]
    assert [r.pk for r in section.rows] == [referrals[1].pk, referrals[2].pk]
    assert section.more
    assert 'See all referrals</a>' in page.content.decode()


def test_the_dashboard_of_a_qio_shows_only_its_referrals(client, world, associate_wes):
    world.referral(Referral.Status.INITIATION)
    client.force_login(associate_wes)
    assert client.get("/fqs/").context["active_referrals"].rows == []


def test_someone_without_a_role_sees_only_the_request_pages(client, world):
    client.force_login(world.p["outsider"])
    page = client.get("/fqs/")
    assert page.status_code == 200 and not page.context["can_view_dashboard"]
    assert client.get("/fqs/activations/").status_code == 403
    assert client.get("/fqs/referrals/").status_code == 403


def _pages(world):
    request = world.request()
    activation = world.pending_activation()
    referral = world.referral(Referral.Status.EXECUTION)
    return {
        "dashboard": "/fqs/", "requests": "/fqs/requests/", "new": "/fqs/requests/new/",
        "request": f"/fqs/requests/{request.pk}/",
        "intake": f"/fqs/requests/{request.pk}/intake/",
        "activations": "/fqs/activations/", "activation": f"/fqs/activations/{activation.pk}/",
        "activation_edit": f"/fqs/activations/{world.activation().pk}/edit/",
        "referrals": "/fqs/referrals/", "referral": f"/fqs/referrals/{referral.pk}/",
        "sprint_request": f"/fqs/referrals/{referral.pk}/requests/new/?kind=hold",
        "responses": "/fqs/survey-responses/",
    }


ACCESS = {
    "intake": {"dashboard", "requests", "new", "request", "intake", "activations",
               "activation", "referrals", "referral"},
    "fay": {"dashboard", "requests", "new", "request", "activations", "activation",
            "activation_edit", "referrals", "referral"},
    "cor": {"dashboard", "requests", "new", "request", "activations", "activation",
            "referrals", "referral", "responses"},
    "associate": {"dashboard", "requests", "new", "referrals", "referral", "sprint_request"},
    "outsider": {"dashboard", "requests", "new", "request"},  # the world's submitter
}


@pytest.mark.parametrize("role", sorted(ACCESS))
def test_each_page_opens_for_its_roles_only(client, world, role):
    pages = _pages(world)
    client.force_login(world.p[role])
    for name, url in pages.items():
        status = client.get(url).status_code
        if name in ACCESS[role]:
            assert status == 200, (role, name, status)
        else:
            assert status in (403, 404), (role, name, status)


def test_the_whole_flow_through_the_pages(client, world, provider_pia):
    client.force_login(world.p["outsider"])
    client.post("/fqs/requests/new/", {"source": "bfcc_qio_referral",
                                       "provider": world.provider.pk,
                                       "description": "Pending termination"})
    req = FqsRequest.objects.get()
    client.force_login(world.p["intake"])
    client.post(f"/fqs/requests/{req.pk}/intake/", {
        "source": "bfcc_qio_referral", "provider": world.provider.pk,
        "description": "Pending termination", "work_description": "Stabilise care",
        "route_cors": [world.p["cor"].pk]})
    client.post(f"/fqs/requests/{req.pk}/notes/", {"body": "Called the administrator."})
    client.post(f"/fqs/requests/{req.pk}/medicare/", {
        "source": "CMS Provider of Services file", "verified_on": "2026-03-09",
        "document": certificate()})
    client.post(f"/fqs/requests/{req.pk}/approve/", {"note": ""})
    activation = Activation.objects.get(request=req)
    client.force_login(world.p["fay"])
    client.post(f"/fqs/activations/{activation.pk}/edit/", {
        "focus_area": "Termination risk", "onsite_required": "yes", "sprint_days": "30",
        "quality_issue": "Deficiencies", "inclusion_criteria": "All residents",
        "closeout_metrics": "Deficiencies cleared", "reporting_requirements": "Weekly"})
    client.post(f"/fqs/activations/{activation.pk}/providers/", {
        "provider": world.provider.pk, "baseline_metric": "Open deficiencies",
        "baseline_value": "12"})
    client.post(f"/fqs/activations/{activation.pk}/submit/", {"comment": ""})
    client.force_login(world.p["cor"])
    client.post(f"/fqs/activations/{activation.pk}/approve/", {"note": "Go"})
    referral = Referral.objects.get(activation=activation)
    client.force_login(world.p["manager"])
    client.post(f"/fqs/referrals/{referral.pk}/assign/", {"assignee": world.p["associate"].pk})
    client.force_login(world.p["associate"])
    client.post(f"/fqs/referrals/{referral.pk}/launch/")
    client.post(f"/fqs/referrals/{referral.pk}/initiation/", {
        "provider_engaged_on": "2020-01-01", "root_causes": "Staffing", "action_plans": "Hire",
        "baseline_metrics": "12 open", "action": "complete"})
    client.post(f"/fqs/referrals/{referral.pk}/qap/", {
        "planned_interventions": "Mock survey", "sustainability_plan": "QAPI committee",
        "qap_agreed_on": "2020-01-02", "action": "complete"})
    client.post(f"/fqs/referrals/{referral.pk}/interventions/", {
        "performed_on": "2020-01-03", "description": "Mock survey held"})
    client.post(f"/fqs/referrals/{referral.pk}/outcomes/", {
        "measured_on": "2020-01-04", "value": "3", "note": ""})
    client.post(f"/fqs/referrals/{referral.pk}/requests/new/", {
        "kind": "closeout", "closeout_reason": "requirements_met",
        "justification": "All deficiencies cleared"})
    closeout = SprintRequest.objects.get(referral=referral)
    client.force_login(world.p["cor"])
    client.post(f"/fqs/sprint-requests/{closeout.pk}/approve/")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.CLOSED
    assert referral.outcomes.get().change_from_baseline == -9
    assert referral.survey.status == "sent"


def test_an_illegal_step_in_the_browser_is_a_message_not_an_error(client, world):
    referral = world.referral(Referral.Status.INITIATION)
    client.force_login(world.p["associate"])
    response = client.post(f"/fqs/referrals/{referral.pk}/launch/", follow=True)
    assert response.status_code == 200
    assert "Cannot launch: the FQS referral is initiation." in response.text


@pytest.mark.parametrize(("url", "data"), [
    ("/fqs/requests/new/", {"source": "nonsense", "provider": "abc", "description": ""}),
    ("/fqs/requests/new/", {"source": "acute_emergency", "facility_name": "X",
                            "facility_ccn": "12", "description": "y"}),
])
def test_bad_input_is_a_form_error_not_a_500(client, world, url, data):
    client.force_login(world.p["outsider"])
    response = client.post(url, data)
    assert response.status_code == 200
    assert "usa-error-message" in response.text


def test_bad_referral_input_is_a_message_not_a_500(client, world):
    referral = world.referral(Referral.Status.EXECUTION)
    client.force_login(world.p["associate"])
    for url, data in [
        (f"/fqs/referrals/{referral.pk}/outcomes/", {"measured_on": "not a date", "value": "x"}),
        (f"/fqs/referrals/{referral.pk}/interventions/", {"performed_on": "2999-01-01",
                                                          "description": "future"}),
        (f"/fqs/referrals/{referral.pk}/assign/", {"assignee": "999999"}),
    ]:
        response = client.post(url, data, follow=True)
        assert response.status_code in (200, 403), url
        assert response.status_code != 500


def test_a_missing_object_is_404(client, world):
    client.force_login(world.p["cor"])
    for url in ("/fqs/requests/999999/", "/fqs/activations/999999/",
                "/fqs/referrals/999999/", "/fqs/survey-responses/999999/"):
        assert client.get(url).status_code == 404
