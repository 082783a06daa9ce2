"""Two people acting on one inquiry at the same moment: the row lock lets exactly one win."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import close_old_connections, connection

from qis_portal.models import AuditEvent
from qis_portal.workflow import WorkflowConflict
from qpp_assist import services
from qpp_assist.models import HandOff, Inquiry
from qpp_assist.who_does_what import PTN, QPP_SURS

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(*calls) -> list[str]:
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL row locks.")
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("done")
        except WorkflowConflict:
            outcomes.append("conflict")
        except PermissionDenied:
            outcomes.append("denied")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_two_simultaneous_answers_yield_one_answer(submit, quinn_qpp, associate_ann):
    inquiry = submit()

    def answer(user):
        return lambda: services.inquiry_respond(
            inquiry=Inquiry.objects.get(pk=inquiry.pk), actor=user, response=user.email)

    assert race(answer(quinn_qpp), answer(associate_ann)) == ["conflict", "done"]
    assert AuditEvent.objects.filter(action="inquiry.respond", outcome="success").count() == 1


def test_two_simultaneous_hand_offs_move_it_once(submit, quinn_qpp, associate_ann, contractors):
    inquiry = submit()

    def hand_off(user, to):
        return lambda: services.inquiry_hand_off(
            inquiry=Inquiry.objects.get(pk=inquiry.pk), actor=user, to_contractor=to,
            note=user.email)

    # The loser no longer holds the inquiry once the winner handed it off.
    assert race(hand_off(quinn_qpp, contractors[QPP_SURS]),
                hand_off(associate_ann, contractors[PTN])) == ["denied", "done"]
    assert HandOff.objects.filter(inquiry_id=inquiry.pk).count() == 1
