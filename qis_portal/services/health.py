"""What /health/ reports: the database, the broker, and a worker heartbeat.

Each check answers (ok, detail); the heartbeat is stale when no worker stamped it within
HEARTBEAT_STALE_AFTER (5 minutes; the beat asks for a stamp every minute).
"""

import logging
from datetime import datetime, timedelta

from celery import current_app
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from qis_portal.models import WorkerHeartbeat

HEARTBEAT_STALE_AFTER = timedelta(minutes=5)
logger = logging.getLogger(__name__)


def _down(part: str, exc: Exception) -> tuple[bool, str]:
    """The log gets the error; the public answer only its kind (no host names or paths)."""
    logger.error("Health check: the %s is down: %s", part, exc)
    return False, f"down ({type(exc).__name__})"


def heartbeat_record(*, worker: str, now: datetime | None = None) -> None:
    WorkerHeartbeat.objects.update_or_create(worker=worker,
                                             defaults={"seen_at": now or timezone.now()})


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any driver error means "down"
        return _down("database", exc)
    return True, "answers"


def check_broker() -> tuple[bool, str]:
    try:
        with current_app.connection_for_write(connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0,
                                   timeout=2)
    except Exception as exc:  # kombu raises transport-specific errors
        return _down("broker", exc)
    return True, "answers"


def check_worker(now: datetime | None = None) -> tuple[bool, str]:
    try:
        last = WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))["last"]
    except Exception as exc:  # the database is down: reported by its own check too
        return False, f"unknown ({type(exc).__name__})"
    if last is None:
        return False, "no heartbeat from any worker yet"
    age = (now or timezone.now()) - last
    if age > HEARTBEAT_STALE_AFTER:
        return False, f"last heartbeat {int(age.total_seconds())} s ago (stale after " \
                      f"{int(HEARTBEAT_STALE_AFTER.total_seconds())} s)"
    return True, f"last heartbeat {max(int(age.total_seconds()), 0)} s ago"


def health_report() -> tuple[bool, dict]:
    checks = {"database": check_database(), "broker": check_broker(), "worker": check_worker()}
    healthy = all(ok for ok, _ in checks.values())
    return healthy, {
        "status": "ok" if healthy else "unavailable",
        "failed": [name for name, (ok, _) in checks.items() if not ok],
        "checks": {name: {"ok": ok, "detail": detail} for name, (ok, detail) in checks.items()},
    }
