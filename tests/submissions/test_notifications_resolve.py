"""A submitted QIS form awaits the CMS QIS reviewers' review: when one reviewer starts it, the
reviewers' notification is done for all of them (and leaves their unread count); the issuer's
own "submitted" copy is news, not an action, and stays as it was."""

import pytest
from django.test import Client
from django.urls import reverse

from qis_portal.models import Notification, Role
from submissions.services.lifecycle import submission_start_review, submission_submit
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def unread_count(user) -> int:
    client = Client()
    client.force_login(user)
    return client.get(reverse("notification_list")).context["unread_notifications"]


def test_starting_the_review_resolves_it_for_every_reviewer(
        draft_report, issuer_alice, reviewer_quinn, cms, django_capture_on_commit_callbacks):
    reviewer_rae = user_with_role(Role.CMS_QIS_REVIEWER, cms, email="rae@cms.test")
    with django_capture_on_commit_callbacks(execute=True):
        submitted = submission_submit(submission=draft_report, actor=issuer_alice)
    sent = Notification.objects.filter(kind="submissions.submitted")
    assert {n.recipient for n in sent if n.awaits_action} == {reviewer_quinn, reviewer_rae}
    [issuer_copy] = [n for n in sent if n.recipient == issuer_alice]
    assert not issuer_copy.awaits_action
    assert unread_count(reviewer_rae) == 1

    with django_capture_on_commit_callbacks(execute=True):
        submission_start_review(submission=submitted, actor=reviewer_quinn)
    for note in sent.filter(recipient__in=[reviewer_quinn, reviewer_rae]):
        assert note.resolved_at is not None
    assert unread_count(reviewer_rae) == 0
    issuer_copy.refresh_from_db()
    assert issuer_copy.resolved_at is None and unread_count(issuer_alice) >= 1
