"""Operable in production (issue 13, item 7): one JSON log line per request, Sentry only with
a DSN, and a /health/ that names the part that failed (a worker heartbeat stale after 5 min)."""

import json
import logging
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from qis_portal.models import WorkerHeartbeat
from qis_portal.request_log import JsonFormatter
from qis_portal.services import health
from qis_portal.tasks import record_heartbeat

pytestmark = pytest.mark.django_db


def _request_lines(caplog):
    return [r for r in caplog.records if r.name == "qis_portal.requests"]


def test_each_request_is_one_json_line_with_its_fields(client, cor_bob, caplog):
    client.force_login(cor_bob)
    with caplog.at_level(logging.INFO, logger="qis_portal.requests"):
        response = client.get("/notifications/", HTTP_X_REQUEST_ID="lb-7f3a-0001")
    [record] = _request_lines(caplog)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "lb-7f3a-0001" == response["X-Request-ID"]
    assert line["user_id"] == cor_bob.pk
    assert line["route"] == "notifications/"
    assert (line["method"], line["status"]) == ("GET", 200)
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["logger"] == "qis_portal.requests" and line["level"] == "INFO"


def test_a_request_without_an_id_gets_a_fresh_one_and_a_forged_id_is_replaced(client, caplog):
    with caplog.at_level(logging.INFO, logger="qis_portal.requests"):
        plain = client.get("/accounts/login/")
        forged = client.get("/accounts/login/", HTTP_X_REQUEST_ID="x\r\nSet-Cookie: a=b")
    assert len(plain["X-Request-ID"]) == 32 and len(forged["X-Request-ID"]) == 32
    assert plain["X-Request-ID"] != forged["X-Request-ID"]
    first = json.loads(JsonFormatter().format(_request_lines(caplog)[0]))
    assert "user_id" not in first  # anonymous


def test_an_unmatched_route_and_an_api_refusal_are_logged_with_their_status(api_client, caplog):
    with caplog.at_level(logging.INFO, logger="qis_portal.requests"):
        api_client.get("/api/no-such-thing/")
        api_client.get("/api/me/")
    statuses = [(r.route, r.status, r.levelname) for r in _request_lines(caplog)]
    assert statuses == [("", 404, "WARNING"), ("api/me/", 401, "WARNING")]
    assert not [r for r in caplog.records if r.name == "django.request"]  # one line each


def test_production_logs_are_json_by_default():
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import "
         "settings; print(settings.LOGGING['handlers']['console']['formatter'])"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "qis_portal.settings.production",
             "SECRET_KEY": "a-production-like-secret-key-for-this-test-only-0123456789",
             "REDIS_URL": "redis://127.0.0.1:6379/15"},
        cwd=settings.BASE_DIR, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "json"


def _sentry_client(**env) -> str:
    environment = {key: value for key, value in os.environ.items() if key != "SENTRY_DSN"}
    environment.update(DJANGO_SETTINGS_MODULE="qis_portal.settings.local", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); import sentry_sdk; "
         "client = sentry_sdk.get_client(); print(client.is_active(), client.dsn)"],
        env=environment, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True,
    ).stdout.strip()


def test_sentry_is_off_without_a_dsn():
    assert _sentry_client() == "False None"
    assert _sentry_client(SENTRY_DSN="") == "False None"


def test_sentry_is_on_with_a_dsn():
    dsn = "https://publickey@errors.example.test/42"
    assert _sentry_client(SENTRY_DSN=dsn) == f"True {dsn}"


def test_health_is_ok_with_the_database_the_broker_and_a_fresh_heartbeat(client):
    record_heartbeat.run()
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["failed"] == []
    assert {name for name, check in body["checks"].items() if check["ok"]} == {
        "database", "broker", "worker"}


def test_a_heartbeat_older_than_five_minutes_is_a_503_naming_the_worker(client, suite_clock):
    record_heartbeat.run()
    suite_clock.shift(timedelta(minutes=5, seconds=1))
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable" and body["failed"] == ["worker"]
    assert "stale" in body["checks"]["worker"]["detail"]
    suite_clock.shift(timedelta(minutes=-1))  # within five minutes: healthy again
    assert client.get("/health/").status_code == 200


def test_no_heartbeat_at_all_is_a_503(client):
    assert not WorkerHeartbeat.objects.exists()
    response = client.get("/health/")
    assert response.status_code == 503 and response.json()["failed"] == ["worker"]


def test_an_unreachable_broker_is_a_503_naming_the_broker(client, settings):
    from celery import current_app

    record_heartbeat.run()
    saved = current_app.conf.broker_write_url
    current_app.conf.broker_write_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/health/")
    finally:
        current_app.conf.broker_write_url = saved
    assert response.status_code == 503 and response.json()["failed"] == ["broker"]


def test_the_heartbeat_is_stamped_every_minute_by_the_beat():
    beat = settings.CELERY_BEAT_SCHEDULE["qis_portal.tasks.record_heartbeat"]
    assert beat["schedule"] == timedelta(minutes=1)
    stale_after = health.HEARTBEAT_STALE_AFTER
    assert stale_after == timedelta(minutes=5)
    record_heartbeat.run()
    assert WorkerHeartbeat.objects.get().seen_at == pytest.approx(timezone.now(),
                                                                 abs=timedelta(seconds=5))


def test_a_token_request_is_logged_with_the_tokens_user(api_client, cor_bob, caplog):
    from qis_portal.services.tokens import api_token_create

    _, key = api_token_create(user=cor_bob, name="log test")
    with caplog.at_level(logging.INFO, logger="qis_portal.requests"):
        api_client.get("/api/me/", HTTP_AUTHORIZATION=f"Bearer {key}")
    [record] = _request_lines(caplog)
    assert (record.user_id, record.route, record.status) == (cor_bob.pk, "api/me/", 200)
