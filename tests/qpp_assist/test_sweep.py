"""The overdue sweep: flags and escalates once per assignment; running it twice sends nothing
twice."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from qis_portal.models import AuditEvent, Notification
from qpp_assist import services, tasks
from qpp_assist.who_does_what import QPP_SURS

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")


def at(y, m, d, hour=10):
    return datetime(y, m, d, hour, tzinfo=EASTERN)


def run_sweep(django_capture_on_commit_callbacks) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return tasks.escalate_overdue_inquiries.run()


def test_the_sweep_is_registered_with_celery_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["qpp_assist.tasks.escalate_overdue_inquiries"]
    assert entry["task"] == "qpp_assist.tasks.escalate_overdue_inquiries"


def test_nothing_is_overdue_on_the_due_date_itself(submit, quinn_qpp,
                                                   django_capture_on_commit_callbacks):
    with time_machine.travel(at(2025, 11, 26), tick=False):
        submit()
    with time_machine.travel(at(2025, 11, 28, hour=23), tick=False):
        assert run_sweep(django_capture_on_commit_callbacks) == 0


def test_an_overdue_inquiry_is_escalated_once_to_staff_and_help_desk(
        submit, quinn_qpp, hal, django_capture_on_commit_callbacks):
    with time_machine.travel(at(2025, 11, 26), tick=False):
        inquiry = submit()
    with time_machine.travel(at(2025, 12, 1), tick=False):
        assert run_sweep(django_capture_on_commit_callbacks) == 1
        assert run_sweep(django_capture_on_commit_callbacks) == 0
    notes = Notification.objects.filter(kind="qpp.inquiry_overdue")
    assert sorted(notes.values_list("recipient__email", flat=True)) == [
        "hal@cms.test", "quinn@northeast.test"]
    assert "due by Friday, November 28, 2025" in notes.first().body
    inquiry.refresh_from_db()
    assert inquiry.escalated_at is not None
    assert AuditEvent.objects.filter(action="inquiry.escalate_overdue").count() == 1


def test_the_sweep_twice_even_with_the_flag_cleared_sends_nothing_twice(
        submit, quinn_qpp, hal, django_capture_on_commit_callbacks):
    with time_machine.travel(at(2025, 11, 26), tick=False):
        inquiry = submit()
    with time_machine.travel(at(2025, 12, 1), tick=False):
        run_sweep(django_capture_on_commit_callbacks)
        type(inquiry).objects.filter(pk=inquiry.pk).update(escalated_at=None)
        run_sweep(django_capture_on_commit_callbacks)
    # The notification's idempotency key is per assignment: each person is told once.
    assert Notification.objects.filter(kind="qpp.inquiry_overdue").count() == 2


def test_a_hand_off_starts_a_new_clock_that_can_be_escalated_again(
        submit, quinn_qpp, hal, contractors, django_capture_on_commit_callbacks):
    with time_machine.travel(at(2025, 11, 26), tick=False):
        inquiry = submit()
    with time_machine.travel(at(2025, 12, 1), tick=False):
        run_sweep(django_capture_on_commit_callbacks)
        services.inquiry_hand_off(inquiry=inquiry, actor=quinn_qpp,
                                  to_contractor=contractors["west_qpp"], note="Oregon practice.")
    with time_machine.travel(at(2025, 12, 4), tick=False):
        assert run_sweep(django_capture_on_commit_callbacks) == 1
    assert Notification.objects.filter(kind="qpp.inquiry_overdue", recipient=hal).count() == 2


def test_answered_and_clockless_inquiries_are_never_escalated(
        submit, quinn_qpp, sue, django_capture_on_commit_callbacks):
    with time_machine.travel(at(2025, 11, 26), tick=False):
        answered = submit()
        services.inquiry_respond(inquiry=answered, actor=quinn_qpp, response="Answered.")
        surs = submit(group_size=4, tin="987654321")
    assert surs.contractor.contractor_type.code == QPP_SURS
    with time_machine.travel(at(2025, 12, 10), tick=False):
        assert run_sweep(django_capture_on_commit_callbacks) == 0
