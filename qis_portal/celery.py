"""The Celery app: Redis in production, a SQLite-file broker in the embedded default."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qis_portal.settings.local")

app = Celery("qis_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
