"""A worker killed with SIGKILL mid-task: after a restart every e-mail goes out exactly once.

Late acknowledgement keeps the message on the broker while the task runs; the killed worker
never acks it, so Redis hands it out again once the visibility timeout passes; the task's
idempotency mark (`emailed_at`, written in the same transaction as the send) stops a second
send of anything that did complete.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from qis_portal.celery import app
from qis_portal.models import Notification
from qis_portal.services.notifications import notify

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

REDIS_DB_URL = "redis://127.0.0.1:6379/13"
QUEUE = "worker-failure-test"


def start_worker(tmp_path: Path) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qis_portal.settings.local",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": REDIS_DB_URL,
        "CELERY_VISIBILITY_TIMEOUT": "4",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
        "EMAIL_BACKEND": "tests.support.slow_email.SlowMarkerBackend",
        "SLOW_EMAIL_DIR": str(tmp_path),
        "SLOW_EMAIL_SECONDS": "2",
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "qis_portal", "worker", "--pool=solo",
         "-Q", QUEUE, "--without-heartbeat", "--without-mingle", "--without-gossip",
         "--loglevel=WARNING"],
        cwd=settings.BASE_DIR, env=env, start_new_session=True,
        stdout=open(tmp_path / "worker.log", "a"), stderr=subprocess.STDOUT,
    )


def wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_every_email_is_sent_exactly_once_after_a_sigkill(cor_bob, tmp_path):
    notes = [notify(recipients=[cor_bob], kind="account.token", title=f"Reminder n{i}")[0]
             for i in range(3)]
    redis_app = app.connection_for_write(REDIS_DB_URL)
    with redis_app as conn:
        conn.default_channel.client.flushdb()
        for note in notes:
            app.send_task("qis_portal.tasks.send_notification_email", args=[note.pk],
                          queue=QUEUE, connection=conn)

    worker = start_worker(tmp_path)
    try:
        assert wait_for(lambda: any(tmp_path.glob("started-n0-*")), 60), "no task started"
        os.killpg(worker.pid, signal.SIGKILL)  # in the middle of the first send
        worker.wait(10)
        assert not any(tmp_path.glob("sent-n0-*"))
        worker = start_worker(tmp_path)
        assert wait_for(lambda: all(any(tmp_path.glob(f"sent-n{i}-*")) for i in range(3)), 90)
        time.sleep(3)  # room for a wrong second delivery to show itself
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(20)
    for i in range(3):
        assert len(list(tmp_path.glob(f"sent-n{i}-*"))) == 1, f"n{i} sent more than once"
    assert Notification.objects.filter(pk__in=[n.pk for n in notes],
                                       emailed_at__isnull=False).count() == 3
