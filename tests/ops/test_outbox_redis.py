"""The outbox on the real Redis with real workers, counted at an SMTP server the test starts
(issue 13, item 3): a broker outage delays an e-mail and never drops it, and a worker killed
with SIGKILL mid-send causes at most one repeat, with the same Message-ID.

Late acknowledgement keeps a task on the broker while it runs; a killed worker never acks it,
so Redis hands it out again once the visibility timeout passes (seconds here, minutes in
production); the row's claim, stale by then, lets the new worker send it once more.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from celery import current_app
from django.conf import settings
from django.db import connection

from qis_portal.models import OutboundEmail
from qis_portal.services.notifications import notify
from qis_portal.tasks import resend_unsent_email
from tests.support.clocked_worker import worker_env
from tests.support.smtp_sink import SmtpSink

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

REDIS_DB_URL = "redis://127.0.0.1:6379/11"  # a database of its own: flushed by this test
Status = OutboundEmail.Status


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


DOWN_URL = f"redis://127.0.0.1:{_closed_port()}/11"  # nothing listens: the broker is down


@contextmanager
def broker(url: str):
    """The test process publishes to `url` (the suite's own broker is in memory)."""
    conf = current_app.conf
    saved = conf.broker_write_url
    conf.broker_write_url = url
    try:
        yield
    finally:
        conf.broker_write_url = saved


@pytest.fixture
def sink():
    with SmtpSink() as server:
        yield server


@pytest.fixture
def redis_db():
    with current_app.connection_for_write(REDIS_DB_URL) as conn:
        conn.default_channel.client.flushdb()
    yield REDIS_DB_URL


def start_worker(tmp_path: Path, sink: SmtpSink) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        **worker_env(),
        "DJANGO_SETTINGS_MODULE": "qis_portal.settings.local",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": REDIS_DB_URL,
        "CELERY_VISIBILITY_TIMEOUT": "4",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
        "OUTBOX_CLAIM_SECONDS": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.clocked_worker", "-A", "qis_portal", "worker",
         "--pool=solo", "--without-heartbeat", "--without-mingle", "--without-gossip",
         "--loglevel=WARNING"],
        cwd=settings.BASE_DIR, env=env, start_new_session=True,
        stdout=open(tmp_path / "worker.log", "a"), stderr=subprocess.STDOUT,
    )


def stop(worker: subprocess.Popen) -> None:
    """A warm shutdown: the worker finishes its task, so every send it makes has been made."""
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)


def wait_for(predicate, timeout: float) -> bool:
    """Poll a subprocess's progress (its work takes real time; nothing is asserted on it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def status_of(row: OutboundEmail) -> str:
    return OutboundEmail.objects.values_list("status", flat=True).get(pk=row.pk)


def test_a_broker_outage_delays_the_mail_and_it_arrives_once(cor_bob, sink, redis_db,
                                                             suite_clock, tmp_path):
    with broker(DOWN_URL):
        [note] = notify(recipients=[cor_bob], kind="account.token", title="During an outage")
        row = OutboundEmail.objects.get(notification=note)
        suite_clock.shift(timedelta(minutes=4))
        assert resend_unsent_email.run() == 0  # the sweep meets the outage too
    assert status_of(row) == Status.PENDING and sink.messages == []

    with broker(redis_db):
        assert resend_unsent_email.run() == 1  # the broker is back
    worker = start_worker(tmp_path, sink)
    try:
        assert wait_for(lambda: status_of(row) == Status.SENT, 90), (tmp_path / "worker.log"
                                                                     ).read_text()[-2000:]
        with broker(redis_db):
            assert resend_unsent_email.run() == 0  # sent: the next sweep offers nothing
    finally:
        stop(worker)
    assert sink.message_ids() == [row.message_id]


def test_a_worker_killed_mid_send_repeats_at_most_once_with_the_same_message_id(
        cor_bob, sink, redis_db, tmp_path):
    sink.hold.set()  # take the message, then keep the sender waiting for "250 OK"
    with broker(redis_db):
        [note] = notify(recipients=[cor_bob], kind="account.token", title="Mid-send")
    row = OutboundEmail.objects.get(notification=note)
    worker = start_worker(tmp_path, sink)
    try:
        assert sink.received.wait(60), (tmp_path / "worker.log").read_text()[-2000:]
        os.killpg(worker.pid, signal.SIGKILL)  # delivered, but the worker never knew
        worker.wait(10)
        sink.release()
        assert status_of(row) == Status.SENDING  # claimed by the dead worker
        worker = start_worker(tmp_path, sink)
        assert wait_for(lambda: status_of(row) == Status.SENT, 90), (tmp_path / "worker.log"
                                                                     ).read_text()[-2000:]
    finally:
        stop(worker)
    row.refresh_from_db()
    assert sink.message_ids() == [row.message_id, row.message_id]  # one repeat, same id
    assert row.attempts == 2
