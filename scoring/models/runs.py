"""Batch scoring runs of a performance year and the stored result of each entity."""

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from scoring.choices import PERFORMANCE_YEAR
from scoring.models.entities import ApmEntity


class ScoringRun(FSMModelMixin, models.Model):
    """Scores every APM Entity of a performance year in the background: one Celery task plans
    the run into chunks (``ScoringChunk``), one task per chunk scores it, on any worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    performance_year = models.PositiveSmallIntegerField(default=PERFORMANCE_YEAR)
    status = FSMField(max_length=20, choices=Status.choices, default=Status.QUEUED,
                      protected=True, db_index=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    invalid = models.PositiveIntegerField(default=0, help_text="Entities whose data the "
                                                                "engine refused.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = "scoring run"
        constraints = [
            # Two people pressing "Start" at once: the database lets one run through.
            models.UniqueConstraint(fields=["performance_year"],
                                    condition=models.Q(status__in=["queued", "running"]),
                                    name="scoring_one_active_run_per_year"),
        ]

    def __str__(self) -> str:
        return f"Scoring run #{self.pk} ({self.performance_year})"

    @property
    def percent_done(self) -> int:
        return 100 if not self.total else min(100, self.done * 100 // self.total)

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @transition(field=status, source=Status.QUEUED, target=Status.RUNNING)
    def start(self):
        """The worker picked the run up."""

    @transition(field=status, source=Status.RUNNING, target=Status.FINISHED)
    def finish(self):
        """Every entity has a stored result."""

    @transition(field=status, source=[Status.QUEUED, Status.RUNNING], target=Status.FAILED)
    def fail(self):
        """An unexpected error stopped the run; its message is kept in ``error``."""


class ScoringChunk(models.Model):
    """A slice of a run's entities, scored in one transaction by one task.

    The task locks this row, scores its entities, stores their results, marks it done and adds
    its counts to the run, all in that transaction: a task delivered twice finds it done and
    does nothing, a worker killed mid-chunk leaves nothing behind, so ``run.done`` is exact."""

    run = models.ForeignKey(ScoringRun, on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField()
    entity_pks = models.JSONField(help_text="The primary keys of the chunk's entities.")
    measure_rows = models.PositiveIntegerField(default=0)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run_id", "number"]
        constraints = [models.UniqueConstraint(fields=["run", "number"],
                                               name="scoring_one_chunk_number_per_run")]

    def __str__(self) -> str:
        return f"Chunk {self.number} of run #{self.run_id}"


class EntityScore(models.Model):
    """The engine's output for one entity in one run, with the numbers lists filter on."""

    class Status(models.TextChoices):
        SCORED = "scored", "Scored"
        INVALID = "invalid", "Data refused"

    run = models.ForeignKey(ScoringRun, on_delete=models.CASCADE, related_name="scores")
    entity = models.ForeignKey(ApmEntity, on_delete=models.PROTECT, related_name="scores")
    status = models.CharField(max_length=10, choices=Status.choices)
    final_score = models.DecimalField(max_digits=8, decimal_places=4, null=True, blank=True)
    quality_percent = models.DecimalField(max_digits=8, decimal_places=4, null=True,
                                          blank=True)
    achievement_score = models.DecimalField(max_digits=8, decimal_places=4, null=True,
                                            blank=True)
    improvement_score = models.DecimalField(max_digits=8, decimal_places=4, null=True,
                                            blank=True)
    reporting_level = models.CharField(max_length=10, blank=True)
    output = models.JSONField(null=True, blank=True)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-run_id", "entity__entity_id"]
        constraints = [models.UniqueConstraint(fields=["run", "entity"],
                                               name="scoring_one_score_per_entity_per_run")]

    def __str__(self) -> str:
        return f"{self.entity.entity_id} in run #{self.run_id}"
