"""A new QIO user acts only after the region's Security Officer approves the assignment."""

import pytest
from django.core.exceptions import PermissionDenied

from qis_portal.models import AuditEvent, Role, RoleAssignment
from qis_portal.services.accounts import role_assignment_decide, role_assignment_request
from qis_portal.workflow import WorkflowConflict
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(northeast_qio):
    return UserFactory(organization=northeast_qio, email="new@northeast.test")


def test_a_pending_qio_user_holds_no_role_yet(newcomer, officer_northeast):
    role_assignment_request(user=newcomer, role=Role.QIO_ASSOCIATE)
    assert not newcomer.has_role(Role.QIO_ASSOCIATE)
    assert not newcomer.has_perm("qio_program.view_task")


def test_the_regions_security_officer_approves_and_the_user_can_act(
    newcomer, officer_northeast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assignment = role_assignment_request(user=newcomer, role=Role.QIO_ASSOCIATE)
    assert officer_northeast.notifications.filter(kind="account.role_request").exists()
    with django_capture_on_commit_callbacks(execute=True):
        role_assignment_decide(assignment_id=assignment.pk, actor=officer_northeast, approve=True)
    newcomer = type(newcomer).objects.get(pk=newcomer.pk)
    assert newcomer.has_role(Role.QIO_ASSOCIATE)
    assert newcomer.notifications.filter(kind="account.role_assignment").exists()
    event = AuditEvent.objects.get(action="role_assignment.approve")
    assert (event.from_state, event.to_state, event.actor) == ("pending", "approved",
                                                                officer_northeast)


def test_another_regions_security_officer_cannot_decide(newcomer, officer_west):
    assignment = role_assignment_request(user=newcomer, role=Role.QIO_ASSOCIATE)
    with pytest.raises(PermissionDenied):
        role_assignment_decide(assignment_id=assignment.pk, actor=officer_west, approve=True)
    assignment.refresh_from_db()
    assert assignment.status == RoleAssignment.Status.PENDING


def test_a_decided_assignment_cannot_be_decided_again(newcomer, officer_northeast):
    assignment = role_assignment_request(user=newcomer, role=Role.QIO_ASSOCIATE)
    role_assignment_decide(assignment_id=assignment.pk, actor=officer_northeast, approve=False)
    with pytest.raises(WorkflowConflict) as refusal:
        role_assignment_decide(assignment_id=assignment.pk, actor=officer_northeast, approve=True)
    assert "already rejected" in refusal.value.message


def test_a_qio_role_outside_a_qio_organization_is_refused(issuer_org):
    from django.core.exceptions import ValidationError

    user = UserFactory(organization=issuer_org)
    with pytest.raises(ValidationError):
        role_assignment_request(user=user, role=Role.QIO_ASSOCIATE)


def test_the_officer_sees_only_their_regions_queue_in_the_browser(
    client, newcomer, officer_northeast, officer_west
):
    role_assignment_request(user=newcomer, role=Role.QIO_ASSOCIATE)
    client.force_login(officer_west)
    assert newcomer.email not in client.get("/accounts/assignments/").content.decode()
    client.force_login(officer_northeast)
    page = client.get("/accounts/assignments/").content.decode()
    assert newcomer.email in page


def test_the_api_answers_409_for_a_second_decision(api_client, newcomer, officer_northeast):
    assignment = role_assignment_request(user=newcomer, role=Role.QIO_ASSOCIATE)
    api_client.force_authenticate(officer_northeast)
    first = api_client.post(f"/api/role-assignments/{assignment.pk}/approve/", {"note": "ok"})
    assert first.status_code == 200
    assert first.json()["status"] == "approved"
    second = api_client.post(f"/api/role-assignments/{assignment.pk}/reject/")
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "conflict"
    assert "already approved" in second.json()["error"]["message"]


def test_non_officers_get_403_from_the_assignment_api_and_it_is_audited(api_client, cor_bob):
    api_client.force_authenticate(cor_bob)
    assert api_client.get("/api/role-assignments/").status_code == 403
    refusal = AuditEvent.objects.get(outcome="denied")
    assert refusal.actor == cor_bob
    assert refusal.path == "/api/role-assignments/"


def test_a_superuser_passes_restricted_permissions_only_through_roles(cms):
    from qis_portal.models import User

    admin = User.objects.create_superuser("root@cms.test", "x-long-password-1", organization=cms)
    assert not admin.has_perm("fqs.read_survey_response")
    assert admin.has_perm("qis_portal.change_organization")  # plain Django admin permission


def test_a_role_asked_for_again_after_a_rejection_waits_for_a_new_decision(
        newcomer, officer_northeast):
    assignment = role_assignment_request(user=newcomer, role=Role.QIO_ASSOCIATE)
    role_assignment_decide(assignment_id=assignment.pk, actor=officer_northeast, approve=False)
    again = role_assignment_request(user=newcomer, role=Role.QIO_ASSOCIATE)
    assert (again.pk, again.status, again.decided_by) == (assignment.pk, "pending", None)
    event = AuditEvent.objects.filter(action="role_assignment.requested").first()
    assert (event.from_state, event.to_state, event.actor_label) == ("rejected", "pending",
                                                                      "system")


def test_an_administrator_grants_a_pending_assignment_through_the_path(client, cms, newcomer):
    from qis_portal.models import User

    admin = User.objects.create_superuser("root@cms.test", "x-long-password-1",
                                          organization=cms)
    assignment = role_assignment_request(user=newcomer, role=Role.QIO_MANAGER)
    client.force_login(admin)
    response = client.post("/admin/qis_portal/roleassignment/",
                           {"action": "grant", "_selected_action": [assignment.pk]})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.status, assignment.decided_by) == ("approved", admin)
    grant = AuditEvent.objects.get(action="role_assignment.grant")
    assert (grant.actor, grant.from_state, grant.to_state) == (admin, "pending", "approved")


def test_the_user_admin_shows_an_assignment_s_status_but_has_no_field_to_write_it(
        client, cms, newcomer):
    from qis_portal.models import User

    admin = User.objects.create_superuser("root@cms.test", "x-long-password-1",
                                          organization=cms)
    role_assignment_request(user=newcomer, role=Role.QIO_ASSOCIATE)
    client.force_login(admin)
    page = client.get(f"/admin/qis_portal/user/{newcomer.pk}/change/").content.decode()
    assert "Pending Security Officer approval" in page
    assert 'name="role_assignments-0-status"' not in page
    assert 'name="role_assignments-0-role"' in page
