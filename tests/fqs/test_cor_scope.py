"""FQS activations go to the CORs of the task order of the QIO they deploy to (issue 15
item 3): the Northeast task order names Bob, the West one Cora."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client

from fqs import selectors, services
from fqs.models import Referral
from qio_program.lifecycle.services.cor_assignment import task_order_cors_assign
from qis_portal.models import AuditEvent, Notification
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(cor_bob, other_cor, northeast_qio, west_qio):
    return (builders.task_order(cor_bob, northeast_qio, number="75FCMC24F0001"),
            builders.task_order(other_cor, west_qio, number="75FCMC24F0002"))


def test_only_the_northeast_cor_hears_of_sees_and_decides_its_activation(
        world, orders, cor_bob, other_cor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        activation = world.pending_activation()
    told = Notification.objects.filter(kind="fqs.activation", title__contains="final approval")
    assert [n.recipient for n in told] == [cor_bob]
    assert activation not in selectors.activations_for_user(other_cor)
    client = Client()
    client.force_login(other_cor)
    assert client.get(f"/fqs/activations/{activation.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.activation_approve(activation=activation, actor=other_cor)
    assert AuditEvent.objects.filter(action="activation.approve", outcome="denied",
                                     target_id=str(activation.pk)).count() == 1
    assert services.activation_approve(activation=activation, actor=cor_bob).status == "deployed"


def test_the_fqs_reviewer_still_sees_every_activation(world, orders, fqs_fay):
    activation = world.pending_activation()
    assert activation in selectors.activations_for_user(fqs_fay)


def test_reassigning_the_northeast_order_hands_the_pending_activation_over(
        world, orders, cor_bob, other_cor, django_capture_on_commit_callbacks):
    northeast, _ = orders
    with django_capture_on_commit_callbacks(execute=True):
        activation = world.pending_activation()
    with django_capture_on_commit_callbacks(execute=True):
        task_order_cors_assign(actor=cor_bob, task_order=northeast, cor=other_cor)
    waiting = Notification.objects.filter(kind="fqs.activation", resolved_at__isnull=True,
                                          title__contains="approval")
    assert [n.recipient for n in waiting] == [other_cor]
    [record] = AuditEvent.objects.filter(action="taskorder.assign_cors")
    assert record.details["moved"] == [f"fqs.activation:{activation.pk}"]
    with pytest.raises(PermissionDenied):
        services.activation_approve(activation=activation, actor=cor_bob)
    assert services.activation_approve(activation=activation,
                                       actor=other_cor).status == "deployed"


def test_an_extension_goes_to_and_is_decided_by_the_northeast_cor_only(
        world, orders, cor_bob, other_cor, django_capture_on_commit_callbacks):
    referral = world.referral(Referral.Status.ASSIGNED)
    with time_machine.travel("2026-03-02 09:00 -05:00", tick=False):
        referral = services.referral_launch(referral=referral, actor=world.p["associate"])
    with django_capture_on_commit_callbacks(execute=True):
        extension = world.sprint_request(referral, "extension")
    told = Notification.objects.filter(kind="fqs.sprint_request")
    assert [n.recipient for n in told] == [cor_bob]
    with pytest.raises(PermissionDenied):
        services.sprint_request_approve(sprint_request=extension, actor=other_cor)
    assert services.sprint_request_approve(sprint_request=extension,
                                           actor=cor_bob).status == "approved"
