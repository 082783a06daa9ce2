"""A worker heartbeat: the beat schedule has a worker stamp its row every minute, so the web
process (which shares only the database with it, even in the embedded default) can tell
that background jobs still run."""

from django.db import models


class WorkerHeartbeat(models.Model):
    worker = models.CharField(max_length=200, unique=True, help_text="The Celery hostname.")
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker} at {self.seen_at:%Y-%m-%d %H:%M:%S}"
