"""Notifications that know when they are done: "A3C awaits your approval" goes to the task
order's COR and alternate; when one decides, it is done for both and leaves every unread
count."""

import pytest
from django.test import Client
from django.urls import reverse

from qio_program.lifecycle.services import a3c as services
from qio_program.lifecycle.services.cor_assignment import task_order_cors_assign
from qis_portal.models import Notification
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db

KIND = "lifecycle.awaiting_approval"


def unread_count(user) -> int:
    client = Client()
    client.force_login(user)
    return client.get(reverse("notification_list")).context["unread_notifications"]


def test_one_cor_approving_resolves_the_a3c_notification_for_every_cor(
        ne_order, associate_ann, cor_bob, cor_carol, django_capture_on_commit_callbacks):
    task_order_cors_assign(actor=cor_bob, task_order=ne_order, cor=cor_bob,
                           alternate_cor=cor_carol)
    with django_capture_on_commit_callbacks(execute=True):
        a3c = builders.submitted_a3c(ne_order, "ME", associate_ann)
    waiting = Notification.objects.filter(kind=KIND)
    assert {n.recipient for n in waiting} == {cor_bob, cor_carol}
    assert all(n.awaits_action and n.resolved_at is None for n in waiting)
    assert unread_count(cor_carol) == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.a3c_approve(actor=cor_bob, a3c=a3c, note="Approved.")
    assert all(n.resolved_at is not None for n in Notification.objects.filter(kind=KIND))
    assert unread_count(cor_carol) == 0 and unread_count(cor_bob) == 0
    # The list still shows it, as done.
    client = Client()
    client.force_login(cor_carol)
    page = client.get(reverse("notification_list")).content.decode()
    assert "A3C awaits your approval" in page and ">Done</span>" in page


def test_returning_it_resolves_it_too_and_a_resubmission_awaits_again(
        ne_order, associate_ann, cor_bob, cor_carol, django_capture_on_commit_callbacks):
    task_order_cors_assign(actor=cor_bob, task_order=ne_order, cor=cor_bob,
                           alternate_cor=cor_carol)
    with django_capture_on_commit_callbacks(execute=True):
        a3c = builders.submitted_a3c(ne_order, "ME", associate_ann)
    with django_capture_on_commit_callbacks(execute=True):  # each step commits on its own
        services.a3c_return(actor=cor_carol, a3c=a3c, comments="Add the partner scan.")
    assert not Notification.objects.filter(kind=KIND, resolved_at__isnull=True).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.a3c_submit(actor=associate_ann, a3c=a3c)
    assert Notification.objects.filter(kind=KIND, resolved_at__isnull=True).count() == 2
    assert unread_count(cor_bob) == 1
