"""No deadline lives only in a Celery ETA: deadlines are database timestamps the sweeps read."""

import re
from pathlib import Path

from django.conf import settings

APPS = ["qis_portal", "submissions", "qio_program", "fqs", "scoring", "qpp_assist",
        "qio_connect"]
ETA = re.compile(r"apply_async\([^)]*\b(eta|countdown)\s*=", re.S)


def test_no_task_is_scheduled_with_an_eta_or_countdown():
    offenders = []
    for app in APPS:
        for path in Path(settings.BASE_DIR, app).rglob("*.py"):
            if ETA.search(path.read_text()):
                offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert offenders == []


def test_every_registered_sweep_is_a_real_task():
    from qis_portal.celery import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry["task"]
