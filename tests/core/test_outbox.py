"""The e-mail outbox (issue 13, item 3), in-process: the row is written with its notification,
a send claims it first and carries the row's Message-ID, and the sweep offers again what the
broker lost or a dead worker left claimed. (tests/ops/test_outbox_redis.py: the same on the
real Redis, with workers and an SMTP server.)"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from qis_portal.models import Notification, OutboundEmail
from qis_portal.services import outbox
from qis_portal.services.notifications import notify, notify_on_commit
from qis_portal.tasks import resend_unsent_email, send_outbound_email

pytestmark = pytest.mark.django_db
Status = OutboundEmail.Status


def test_the_email_row_is_written_in_the_notifications_transaction(cor_bob):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(recipients=[cor_bob], kind="account.token", title="Rolled back")
        assert OutboundEmail.objects.count() == 1
        raise RuntimeError
    assert not Notification.objects.exists() and not OutboundEmail.objects.exists()
    [note] = notify(recipients=[cor_bob], kind="account.token", title="Kept", url="/tokens/")
    row = OutboundEmail.objects.get(notification=note)
    assert (row.to, row.status, row.attempts) == (cor_bob.email, Status.PENDING, 0)
    assert row.subject == "[QIS & QIO Portal] Kept" and row.body.endswith("/tokens/")
    assert row.message_id.startswith("<") and row.message_id.endswith(">")


def test_an_unreachable_broker_after_commit_loses_nothing(cor_bob, monkeypatch,
                                                          django_capture_on_commit_callbacks):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_outbound_email, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        notify_on_commit(recipients=[cor_bob], kind="account.token", title="During outage")
    row = OutboundEmail.objects.get()
    assert row.status == Status.PENDING  # waits for the sweep; the request did not fail


def test_the_sweep_offers_only_late_and_abandoned_rows(cor_bob, suite_clock, monkeypatch):
    offered = []
    monkeypatch.setattr(outbox, "enqueue", lambda ids: offered.extend(ids) or len(ids))
    [fresh, late, sent, abandoned, claimed] = [
        notify(recipients=[cor_bob], kind="account.token", title=f"n{i}")[0] for i in range(5)]
    rows = {note.title: OutboundEmail.objects.get(notification=note)
            for note in (fresh, late, sent, abandoned, claimed)}
    now = timezone.now()
    OutboundEmail.objects.filter(pk=rows["n1"].pk).update(created_at=now - timedelta(minutes=4))
    OutboundEmail.objects.filter(pk=rows["n2"].pk).update(
        created_at=now - timedelta(minutes=4), status=Status.SENT, sent_at=now)
    OutboundEmail.objects.filter(pk=rows["n3"].pk).update(
        status=Status.SENDING, claimed_at=now - timedelta(minutes=6))
    OutboundEmail.objects.filter(pk=rows["n4"].pk).update(
        status=Status.SENDING, claimed_at=now - timedelta(minutes=1))
    assert resend_unsent_email.run() == 2
    assert offered == [rows["n1"].pk, rows["n3"].pk]


def test_a_send_claims_the_row_and_keeps_its_message_id(cor_bob, mailoutbox):
    [note] = notify(recipients=[cor_bob], kind="account.token", title="Claimed")
    row = OutboundEmail.objects.get(notification=note)
    assert outbox.send_claimed(row.pk) is True
    assert outbox.send_claimed(row.pk) is False  # sent: nothing to claim
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENT, 1)
    assert mailoutbox[0].extra_headers["Message-ID"] == row.message_id
    assert mailoutbox[0].message()["Message-ID"] == row.message_id
    assert Notification.objects.get(pk=note.pk).emailed_at == row.sent_at


def test_a_live_claim_is_not_taken_over_and_a_stale_one_is(cor_bob, suite_clock, mailoutbox):
    [note] = notify(recipients=[cor_bob], kind="account.token", title="Held")
    row = OutboundEmail.objects.get(notification=note)
    assert outbox.claim(row.pk, timezone.now())  # a worker that then dies mid-send
    assert outbox.send_claimed(row.pk) is False
    suite_clock.shift(timedelta(minutes=6))
    assert outbox.send_claimed(row.pk) is True
    row.refresh_from_db()
    assert (row.status, row.attempts, len(mailoutbox)) == (Status.SENT, 2, 1)


def test_a_refused_send_goes_back_to_pending_then_gives_up(cor_bob, monkeypatch, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2

    def smtp_down(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", smtp_down)
    [note] = notify(recipients=[cor_bob], kind="account.token", title="Refused")
    row = OutboundEmail.objects.get(notification=note)
    assert outbox.send_claimed(row.pk) is False
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.PENDING, 1)
    assert "SMTP server down" in row.last_error
    assert outbox.send_claimed(row.pk) is False
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.FAILED, 2)


def test_the_sweep_runs_every_two_minutes_and_tasks_stay_under_the_visibility_timeout():
    from django.conf import settings

    sweep = settings.CELERY_BEAT_SCHEDULE["qis_portal.tasks.resend_unsent_email"]
    assert sweep["schedule"] == timedelta(minutes=2)
    assert settings.CELERY_TASK_TIME_LIMIT < 15 * 60  # the Redis visibility timeout's default
    assert settings.OUTBOX_CLAIM_TIMEOUT.total_seconds() > settings.EMAIL_TIMEOUT
