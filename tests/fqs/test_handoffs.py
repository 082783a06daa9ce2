"""Assignment and hand-offs as seed 001 draws them: the QIO FQS Support Team (or the manager)
assigns referrals; Non-FQS Support is a QIO task accepted or declined with a reason that the
COR sees."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fqs import selectors, services
from fqs.models import FqsRequest, Referral, SupportHandoff
from qio_program.models import Task, TaskQueue, TaskStatus
from qis_portal.models import AuditEvent, Notification
from qis_portal.workflow import WorkflowConflict

pytestmark = pytest.mark.django_db


def test_the_support_team_assigns_a_referral_and_its_task_follows(world, support_sam):
    referral = world.referral()
    referral = services.referral_assign(referral=referral, actor=support_sam,
                                        assignee=world.p["associate"])
    assert (referral.status, referral.assigned_to, referral.assigned_by) == (
        Referral.Status.ASSIGNED, world.p["associate"], support_sam)
    task = Task.objects.get(pk=referral.task_id)
    assert (task.assigned_user, task.assigned_queue) == (world.p["associate"], "")
    move = AuditEvent.objects.get(action="task.assign", target_id=str(task.pk))
    assert support_sam.email in move.note


def test_an_associate_or_another_qio_cannot_assign(world, associate_ned, manager_west):
    referral = world.referral()
    for outsider in (associate_ned, manager_west):
        with pytest.raises(PermissionDenied):
            services.referral_assign(referral=referral, actor=outsider,
                                     assignee=world.p["associate"])


def _handed_off(world, spl_provider) -> SupportHandoff:
    req = world.reviewed_request(provider=spl_provider)
    req = services.fqs_request_approve(fqs_request=req, actor=world.p["intake"])
    assert req.status == FqsRequest.Status.NON_FQS_SUPPORT
    return SupportHandoff.objects.get(fqs_request=req)


def test_an_spl_request_becomes_a_tracked_qio_task(
        world, spl_provider, northeast_qio,
        support_sam, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        handoff = _handed_off(world, spl_provider)
    assert (handoff.status, handoff.organization) == (SupportHandoff.Status.OPEN, northeast_qio)
    task = handoff.task
    assert (task.qio, task.assigned_queue, task.status) == (
        northeast_qio, TaskQueue.SUPPORT_TEAM, TaskStatus.OPEN)
    assert Notification.objects.filter(recipient=support_sam, kind="fqs.handoff").exists()
    assert Notification.objects.filter(recipient=world.p["manager"], kind="fqs.handoff").exists()


def test_the_qio_accepts_and_the_cor_sees_it(world, spl_provider, support_sam, client,
                                             django_capture_on_commit_callbacks):
    handoff = _handed_off(world, spl_provider)
    with django_capture_on_commit_callbacks(execute=True):
        handoff = services.support_handoff_accept(handoff=handoff, actor=support_sam,
                                                  note="Folded into the pressure-injury work.")
    assert (handoff.status, handoff.decided_by) == (SupportHandoff.Status.ACCEPTED, support_sam)
    assert Task.objects.get(pk=handoff.task_id).status == TaskStatus.COMPLETED
    assert Notification.objects.filter(recipient=world.p["cor"], kind="fqs.handoff",
                                       title__contains="accepted").exists()
    client.force_login(world.p["cor"])
    page = client.get(f"/fqs/requests/{handoff.fqs_request_id}/").content.decode()
    assert "Accepted by the QIO: Folded into the pressure-injury work." in page


def test_a_decline_needs_a_reason_the_cor_reads(world, spl_provider, client):
    handoff = _handed_off(world, spl_provider)
    with pytest.raises(ValidationError) as caught:
        services.support_handoff_decline(handoff=handoff, actor=world.p["manager"], reason=" ")
    assert "reason" in caught.value.message_dict
    handoff = services.support_handoff_decline(handoff=handoff, actor=world.p["manager"],
                                               reason="The provider already has a PSA with us.")
    assert handoff.status == SupportHandoff.Status.DECLINED
    client.force_login(world.p["cor"])
    page = client.get(f"/fqs/requests/{handoff.fqs_request_id}/").content.decode()
    assert "Declined by the QIO: The provider already has a PSA with us." in page
    with pytest.raises(WorkflowConflict):
        services.support_handoff_accept(handoff=handoff, actor=world.p["manager"])


def test_only_the_qios_manager_or_support_team_decides(world, spl_provider, manager_west):
    handoff = _handed_off(world, spl_provider)
    for outsider in (world.p["associate"], manager_west, world.p["cor"]):
        with pytest.raises(PermissionDenied):
            services.support_handoff_accept(handoff=handoff, actor=outsider)
    assert not selectors.handoffs_for_user(manager_west).exists()
    assert selectors.handoffs_for_user(world.p["cor"]).get() == handoff


def test_the_api_declines_with_a_reason(world, spl_provider, api_client):
    handoff = _handed_off(world, spl_provider)
    api_client.force_authenticate(world.p["manager"])
    assert api_client.post(f"/api/fqs/handoffs/{handoff.pk}/decline/", {},
                           format="json").status_code == 400
    response = api_client.post(f"/api/fqs/handoffs/{handoff.pk}/decline/",
                               {"reason": "No capacity this quarter."}, format="json")
    assert (response.status_code, response.json()["status"]) == (200, "declined")
    assert api_client.post(f"/api/fqs/handoffs/{handoff.pk}/accept/", {},
                           format="json").status_code == 409
