"""A refused FQS step leaves exactly one denial record, naming its target, whichever way it
came: a page, the API or a sweep. (Before the one transition path a refused step through a
page wrote two: the guard's, and the 403 handler's without a target.)"""

from datetime import datetime, time

import pytest
import time_machine

from fqs import tasks
from fqs.models import FqsRequest, Referral
from qis_portal.business_days import DEADLINE_TZ
from qis_portal.models import AuditEvent
from qis_portal.workflow import ActionDenied, SystemActor

pytestmark = pytest.mark.django_db


def _denials():
    return list(AuditEvent.objects.filter(outcome="denied").values_list(
        "action", "target_type", "target_id"))


def test_a_cor_refused_the_intake_decision_on_the_page_leaves_one_denial(client, world,
                                                                         cor_bob):
    fqs_request = world.reviewed_request()
    client.force_login(cor_bob)
    response = client.post(f"/fqs/requests/{fqs_request.pk}/approve/", {"note": "Fine."})
    assert response.status_code == 403
    assert _denials() == [("fqsrequest.approve", "fqs.fqsrequest", str(fqs_request.pk))]
    assert FqsRequest.objects.get(pk=fqs_request.pk).status == FqsRequest.Status.NEW


def test_an_associate_not_assigned_refused_the_launch_on_the_page_leaves_one_denial(
        client, world, associate_ned):
    referral = world.referral(Referral.Status.ASSIGNED)
    client.force_login(associate_ned)
    assert client.post(f"/fqs/referrals/{referral.pk}/launch/").status_code == 403
    assert _denials() == [("referral.launch", "fqs.referral", str(referral.pk))]


def test_an_edit_refused_on_the_page_leaves_one_denial(client, world, cor_bob):
    fqs_request = world.request()
    client.force_login(cor_bob)
    response = client.post(f"/fqs/requests/{fqs_request.pk}/notes/", {"body": "A note."})
    assert response.status_code == 403
    assert _denials() == [("fqsrequest.note", "fqs.fqsrequest", str(fqs_request.pk))]


def test_a_step_refused_by_the_api_before_its_service_leaves_one_denial_naming_the_id(
        api_client, world, cor_bob):
    fqs_request = world.reviewed_request()
    api_client.force_authenticate(cor_bob)
    response = api_client.post(f"/api/fqs/requests/{fqs_request.pk}/approve/", {"note": ""})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert _denials() == [("fqsrequest.approve", "fqs.fqsrequest", str(fqs_request.pk))]


def test_a_step_refused_by_its_service_through_the_api_leaves_one_denial(api_client, world,
                                                                         associate_ned):
    referral = world.referral(Referral.Status.ASSIGNED)
    api_client.force_authenticate(associate_ned)
    assert api_client.post(f"/api/fqs/referrals/{referral.pk}/launch/").status_code == 403
    assert _denials() == [("referral.launch", "fqs.referral", str(referral.pk))]


def test_a_step_refused_in_a_sweep_leaves_one_denial(world, monkeypatch):
    referral = world.referral(Referral.Status.EXECUTION)
    # A sweep whose actor lacks the step's permission (a misconfigured system actor).
    monkeypatch.setattr("fqs.services.closeout.SYSTEM", SystemActor())
    end = datetime.combine(referral.sprint_end, time(6), tzinfo=DEADLINE_TZ)
    with time_machine.travel(end, tick=False), pytest.raises(ActionDenied):
        tasks.close_out_ended_sprints()
    assert _denials() == [("referral.close_out", "fqs.referral", str(referral.pk))]
    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.EXECUTION
