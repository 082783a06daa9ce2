"""Settings of bench/bench_load.py only: the portal's local settings served over plain HTTP on
loopback, against the bench's own PostgreSQL database, with DEBUG off.

``BENCH_DATABASE_URL`` must name that database: without it these settings refuse to load, so
the bench can never fall back to the portal's own database. The burst limits (per client
address, and all 16 bench clients share 127.0.0.1) are lifted, as they would otherwise answer
429 to a load test; the lockout after failed sign-ins stays as it is (the bench never fails
one). Background jobs go to an in-memory broker, mail nowhere, files to the bench's own
temporary folder.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from qis_portal.settings.env import env_int, env_str
from qis_portal.settings.local import *  # noqa: F403

if not os.environ.get("BENCH_DATABASE_URL"):
    raise ImproperlyConfigured("bench/load_bench_settings.py needs BENCH_DATABASE_URL.")

DATABASES = {
    "default": dj_database_url.parse(os.environ["BENCH_DATABASE_URL"],
                                     conn_max_age=env_int("DB_CONN_MAX_AGE", 0)),
}
DEBUG = False
MFA_REQUIRED = False  # waived outside production, as in the demo
ROOT_URLCONF = "load_bench_urls"
RATE_LIMIT_LOGIN = (10**9, 60)
RATE_LIMIT_API = (10**9, 60)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_BROKER_URL = "memory://localhost/"
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
MEDIA_ROOT = env_str("BENCH_MEDIA_ROOT", "/nonexistent-bench-media")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
