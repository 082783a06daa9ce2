"""Settings of bench/bench_scoring.py only: the portal's local settings against the bench's own
PostgreSQL database, with a Redis broker for the Celery workers the bench starts.

``BENCH_DATABASE_URL`` must name that database and ``BENCH_BROKER_URL`` the broker: without
them these settings refuse to load, so the bench never touches the portal's own database. The
bench's tasks go to their own queue, so purging it touches nothing else on that Redis.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from qis_portal.settings.local import *  # noqa: F403

if not (os.environ.get("BENCH_DATABASE_URL") and os.environ.get("BENCH_BROKER_URL")):
    raise ImproperlyConfigured("bench/scoring_bench_settings.py needs BENCH_DATABASE_URL and "
                               "BENCH_BROKER_URL.")

DATABASES = {"default": dj_database_url.parse(os.environ["BENCH_DATABASE_URL"])}
DEBUG = False
CELERY_BROKER_URL = os.environ["BENCH_BROKER_URL"]
CELERY_BROKER_TRANSPORT_OPTIONS = {}
CELERY_TASK_DEFAULT_QUEUE = "scoring-bench"
CELERY_BEAT_SCHEDULE = {}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
