"""Data uploads: every row validated; one bad row imports nothing and the report lists all."""

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition


class DataUpload(FSMModelMixin, models.Model):
    """One uploaded file and its outcome. It is created while its rows are checked and takes
    exactly one step, in the same transaction (scoring.services.uploads): accepted, every row
    imported, or rejected, nothing imported and every problem kept."""

    class Kind(models.TextChoices):
        ENTITIES = "entities", "APM Entities"
        PARTICIPANTS = "participants", "Participation lists (TIN/NPI)"
        SUBMISSIONS = "submissions", "Quality measure data"
        QPP_JSON = "qpp_json", "QPP Submissions API JSON"
        QRDA3 = "qrda3", "QRDA Category III"

    class Status(models.TextChoices):
        CHECKING = "checking", "Checking rows"
        ACCEPTED = "accepted", "Imported"
        REJECTED = "rejected", "Rejected: nothing imported"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    entity = models.ForeignKey("scoring.ApmEntity", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+",
                               help_text="The APM Entity a QPP JSON or QRDA III file is for.")
    filename = models.CharField(max_length=200)
    status = FSMField(max_length=10, choices=Status.choices, default=Status.CHECKING,
                      protected=True)
    row_count = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True,
                              help_text="[{row, column, rule, value}] for every problem.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = "data upload"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} upload #{self.pk}"

    @transition(field=status, source=Status.CHECKING, target=Status.ACCEPTED)
    def accept(self):
        """Every row passed and is imported."""

    @transition(field=status, source=Status.CHECKING, target=Status.REJECTED)
    def reject(self):
        """At least one bad row: nothing imported, every problem listed."""

    @property
    def is_format(self) -> bool:
        """A QPP JSON or QRDA III file: problems are named by element path, not column."""
        return self.kind in (self.Kind.QPP_JSON, self.Kind.QRDA3)

    @property
    def error_rows(self) -> int:
        return len({e["row"] for e in self.errors})
