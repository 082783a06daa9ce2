"""Change requests: "Users can submit requests to modify existing content to NLC" (seed 001)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qio_connect import services
from qio_connect.models import ChangeRequest
from qis_portal.models import Notification
from qis_portal.workflow import WorkflowConflict

pytestmark = pytest.mark.django_db


def test_a_reader_asks_for_a_change_and_the_nlc_and_author_are_told(
        associate_ann, associate_wes, nlc_nia, library, django_capture_on_commit_callbacks):
    item = library.published(associate_ann)
    with django_capture_on_commit_callbacks(execute=True):
        change = services.change_request_create(actor=associate_wes, item=item,
                                                body="The CDC link moved.")
    assert change.status == ChangeRequest.Status.OPEN
    told = set(Notification.objects.filter(kind="connect.change_request")
               .values_list("recipient__email", flat=True))
    assert {nlc_nia.email, associate_ann.email} <= told
    assert associate_wes.email not in told


def test_changes_are_requested_on_published_content_only(associate_ann, associate_wes, library):
    item = library.draft(associate_ann)
    with pytest.raises(WorkflowConflict):
        services.change_request_create(actor=associate_wes, item=item, body="Fix")


def test_the_request_needs_a_text(associate_ann, associate_wes, library):
    with pytest.raises(ValidationError):
        services.change_request_create(actor=associate_wes, item=library.published(associate_ann),
                                       body="  ")


def test_the_nlc_accepts_or_declines_and_the_requester_hears_back(
        associate_ann, associate_wes, nlc_nia, library, django_capture_on_commit_callbacks):
    item = library.published(associate_ann)
    first = services.change_request_create(actor=associate_wes, item=item, body="One")
    second = services.change_request_create(actor=associate_wes, item=item, body="Two")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.change_request_accept(actor=nlc_nia, change=first, note="Fixed")
        with pytest.raises(ValidationError):
            services.change_request_decline(actor=nlc_nia, change=second, reason="")
        second = services.change_request_decline(actor=nlc_nia, change=second, reason="Fine")
    assert (first.status, second.status) == ("accepted", "declined")
    assert Notification.objects.filter(recipient=associate_wes,
                                       kind="connect.change_request").count() == 2
    with pytest.raises(WorkflowConflict):
        services.change_request_accept(actor=nlc_nia, change=first)


def test_an_associate_cannot_decide_a_change_request(associate_ann, associate_wes, library):
    change = services.change_request_create(actor=associate_wes,
                                            item=library.published(associate_ann), body="x")
    with pytest.raises(PermissionDenied):
        services.change_request_accept(actor=associate_ann, change=change)
