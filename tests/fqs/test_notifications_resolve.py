"""FQS action notifications are done once decided: a new request awaits the intake reviewers
until one of them decides it; an activation awaits the CORs' final approval until one COR
decides it; the unread count leaves resolved ones out."""

import pytest
from django.test import Client
from django.urls import reverse

from fqs import services
from qis_portal.models import Notification

pytestmark = pytest.mark.django_db


def unread_count(user) -> int:
    client = Client()
    client.force_login(user)
    return client.get(reverse("notification_list")).context["unread_notifications"]


def open_titles(user) -> list[str]:
    return [n.title for n in Notification.objects.filter(recipient=user, resolved_at__isnull=True)]


def test_a_new_request_is_done_for_the_intake_reviewer_once_decided(
        world, intake_ian, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        req = world.reviewed_request()
    [waiting] = Notification.objects.filter(recipient=intake_ian, kind="fqs.request")
    assert waiting.title.startswith(f"New FQS request #{req.pk}") and waiting.awaits_action
    assert unread_count(intake_ian) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.fqs_request_approve(fqs_request=req, actor=intake_ian)
    waiting.refresh_from_db()
    assert waiting.resolved_at is not None
    assert unread_count(intake_ian) == 0


def test_an_activation_awaiting_final_approval_is_done_for_every_cor_once_one_decides(
        world, cor_bob, other_cor, fqs_fay, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        prepared = world.activation()
    with django_capture_on_commit_callbacks(execute=True):  # each step commits on its own
        activation = services.activation_submit(activation=prepared, actor=fqs_fay)
    awaiting = f"FQS activation #{activation.pk} awaits your final approval"
    assert awaiting in open_titles(cor_bob) and awaiting in open_titles(other_cor)
    # The reviewer's own "to prepare" notification was done when she submitted it.
    assert not [t for t in open_titles(fqs_fay) if "to prepare" in t]
    before = unread_count(other_cor)
    with django_capture_on_commit_callbacks(execute=True):
        services.activation_approve(activation=activation, actor=cor_bob)
    assert awaiting not in open_titles(cor_bob) and awaiting not in open_titles(other_cor)
    assert Notification.objects.get(recipient=other_cor, title=awaiting).resolved_at
    assert unread_count(other_cor) == before - 1
