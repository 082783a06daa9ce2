"""Issuers with open drafts are reminded 30, 7 and 1 days before the due date, once each,
however often the sweep runs."""

from datetime import date, timedelta

import pytest

from qis_portal.models import Notification
from submissions.models import SubmissionWindow
from submissions.services.deadlines import deadline_reminders_send, reminder_due
from submissions.tasks import send_deadline_reminders

pytestmark = pytest.mark.django_db

DUE = date(2025, 6, 1)


@pytest.fixture
def due_window(window):
    SubmissionWindow.objects.filter(pk=window.pk).update(opens_on=date(2025, 1, 1), due_date=DUE)
    return SubmissionWindow.objects.get(pk=window.pk)


@pytest.mark.parametrize(("days_left", "threshold"), [
    (45, None), (31, None), (30, 30), (12, 30), (7, 7), (2, 7), (1, 1), (0, 1), (-1, None)])
def test_the_reminder_due_is_the_nearest_threshold_not_yet_passed(days_left, threshold):
    assert reminder_due(days_left) == threshold


def test_reminders_go_30_7_and_1_days_before_the_due_date_once_each(
        due_window, make_progress_report, issuer_alice):
    make_progress_report()
    sent = {}
    for days_left in (31, 30, 30, 29, 8, 7, 6, 2, 1, 1, 0):
        sent[days_left] = sent.get(days_left, 0) + deadline_reminders_send(
            today=DUE - timedelta(days=days_left))
    notes = Notification.objects.filter(kind="submissions.deadline", recipient=issuer_alice)
    assert notes.count() == 3
    assert sent[31] == 0 and sent[30] == 1 and sent[7] == 1 and sent[1] == 1
    titles = sorted(n.title for n in notes)
    assert any("due in 30 days (06/01/2025)" in t for t in titles)
    assert any("due tomorrow" in t for t in titles)


def test_submitted_forms_are_not_reminded(submitted_report, due_window, issuer_alice):
    assert deadline_reminders_send(today=DUE - timedelta(days=7)) == 0


def test_the_sweep_is_a_registered_celery_task(settings):
    from django.apps import apps

    apps.get_app_config("submissions").ready()
    assert "submissions.tasks.send_deadline_reminders" in settings.CELERY_BEAT_SCHEDULE
    assert send_deadline_reminders.name == "submissions.tasks.send_deadline_reminders"
    assert send_deadline_reminders.run() == 0
