"""Beat schedule registry: each app registers its periodic sweeps in AppConfig.ready."""

from datetime import timedelta

from django.conf import settings


def register_sweep(task: str, **every) -> None:
    """Run `task` every `timedelta(**every)`.

    Sweeps must be idempotent, so a doubled beat is harmless."""
    settings.CELERY_BEAT_SCHEDULE[task] = {"task": task, "schedule": timedelta(**every)}
