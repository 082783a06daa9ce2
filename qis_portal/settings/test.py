"""Tests: PostgreSQL on 127.0.0.1:5432 when it answers, otherwise SQLite (server tests skip)."""

import socket

import dj_database_url

from .base import *  # noqa: F403
from .env import env_str


def _server_answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


REDIS_AVAILABLE = _server_answers("127.0.0.1", 6379)
_db_url = env_str("TEST_DATABASE_URL") or (
    "postgres://postgres@127.0.0.1:5432/qis_portal" if _server_answers("127.0.0.1", 5432)
    else "sqlite://:memory:"
)
DATABASES = {"default": dj_database_url.parse(_db_url)}
# The row-lock tests need the suite itself on PostgreSQL; a run forced onto SQLite skips them.
POSTGRES_AVAILABLE = "postgresql" in DATABASES["default"]["ENGINE"]
# Parallel runs on one server (several checkouts, several developers) need their own test DB.
_suffix = env_str("TEST_DB_SUFFIX")
if _suffix and DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": f"test_qis_portal_{_suffix}"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}

DEBUG = False
MFA_REQUIRED = False
DEMO_MODE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Every browser test signs in from 127.0.0.1: at full speed one worker signs in more than 20
# times a minute and met the production burst limit (429). The limiter's own tests set the
# limits they prove (tests/core/test_rate_limits.py).
RATE_LIMIT_LOGIN = (10_000, 60)
RATE_LIMIT_API = (100_000, 60)
RATE_LIMIT_API_ANON = (100_000, 60)
# Tasks are called directly in tests; enqueueing goes to an in-process broker.
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Static files come straight from the finders (node_modules, static/); no collectstatic here.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
