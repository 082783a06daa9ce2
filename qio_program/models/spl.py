"""The Service Provider List: CMS uploads one per QIN region; each upload is a new version.

Seed 001 (SPL): "The SPL is uploaded by CMS per QIN"; criteria 1–4 (poor performance on
selected quality metrics, area deprivation index and dual eligibility, enforcement data, not
submitting quality reporting data); "the list specifies which aims, sub-aims and measures the
provider has quality deficits". Old versions are kept; `Provider.on_spl` follows the current one.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from qis_portal.regions import Region

from .directory import Provider


def spl_upload_path(instance, filename: str) -> str:
    # Never the client's name on disk: a server-made name (the original is kept in a column).
    return f"qio/spl/{instance.region}/{uuid.uuid4().hex}.csv"


class SplUploadStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    VALIDATING = "validating", "Checking rows"
    IMPORTING = "importing", "Saving the new version"
    IMPORTED = "imported", "Imported"
    FAILED = "failed", "Refused: nothing imported"


RUNNING_STATUSES = (SplUploadStatus.QUEUED, SplUploadStatus.VALIDATING,
                    SplUploadStatus.IMPORTING)


class SplUpload(FSMModelMixin, models.Model):
    """One CSV file sent by CMS, and the background job that checks and imports it.

    The status is the job's progress; the worker moves it through run_transition like every
    other state (qio_program.services.spl), and the page polls `rows_checked` / `rows_total`.
    """

    region = models.CharField(max_length=40, choices=Region.choices, db_index=True)
    file = models.FileField(upload_to=spl_upload_path)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    status = FSMField(max_length=20, choices=SplUploadStatus.choices,
                      default=SplUploadStatus.QUEUED, protected=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"SPL upload {self.pk} ({self.get_region_display()})"

    def get_absolute_url(self) -> str:
        return reverse("qio_program:spl_upload_detail", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING_STATUSES

    @property
    def percent(self) -> int:
        if self.status in (SplUploadStatus.IMPORTED, SplUploadStatus.IMPORTING):
            return 100
        if not self.rows_total:
            return 0
        return min(100, int(self.rows_checked * 100 / self.rows_total))

    @transition(field=status, source=list(RUNNING_STATUSES), target=SplUploadStatus.VALIDATING)
    def start_checking(self):
        """The job starts checking every row (again, for a job delivered twice)."""

    @transition(field=status, source=SplUploadStatus.VALIDATING, target=SplUploadStatus.IMPORTING)
    def start_import(self):
        """Every row passed: the new version is being written."""

    @transition(field=status, source=SplUploadStatus.IMPORTING, target=SplUploadStatus.IMPORTED)
    def finish(self):
        """The new version is the region's current SPL."""

    @transition(field=status, source=list(RUNNING_STATUSES), target=SplUploadStatus.FAILED)
    def fail(self):
        """A bad row (or an unreadable file): nothing was imported."""


class SplUploadError(models.Model):
    """One refused cell or row: row number (1 = the header line), column and broken rule."""

    upload = models.ForeignKey(SplUpload, on_delete=models.CASCADE, related_name="errors")
    row_number = models.PositiveIntegerField()
    column = models.CharField(max_length=60, blank=True)
    rule = models.CharField(max_length=300)
    value = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["row_number", "id"]
        indexes = [models.Index(fields=["upload", "row_number", "id"])]

    def __str__(self) -> str:
        return f"row {self.row_number} {self.column}: {self.rule}"


class SplVersion(models.Model):
    """An imported SPL of one QIN region; numbers count up per region, old ones stay."""

    region = models.CharField(max_length=40, choices=Region.choices)
    number = models.PositiveIntegerField()
    upload = models.OneToOneField(SplUpload, on_delete=models.PROTECT, related_name="version")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    is_current = models.BooleanField(default=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    entry_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["region", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["region", "number"], name="qio_spl_version_number"),
            models.UniqueConstraint(fields=["region"], condition=models.Q(is_current=True),
                                    name="qio_spl_one_current_per_region"),
        ]

    def __str__(self) -> str:
        return f"{self.get_region_display()} SPL v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("qio_program:spl_version_detail", args=[self.pk])


class SplEntry(models.Model):
    """One provider on one SPL version: which criteria put it there, and its deficits."""

    version = models.ForeignKey(SplVersion, on_delete=models.CASCADE, related_name="entries")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="spl_entries")
    row_number = models.PositiveIntegerField()
    poor_performance = models.BooleanField("poor performance on selected quality metrics")
    adi_dual_eligibility = models.BooleanField("area deprivation index and dual eligibility")
    enforcement = models.BooleanField("enforcement data")
    not_submitting_data = models.BooleanField("not submitting quality reporting data")
    # [{"aim": "...", "sub_aim": "..."}]: the aims and sub-aims where the provider has deficits.
    deficits = models.JSONField(default=list)

    class Meta:
        ordering = ["version", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "provider"], name="qio_spl_entry_once"),
        ]
        indexes = [models.Index(fields=["provider", "version"])]

    def __str__(self) -> str:
        return f"{self.provider} on {self.version}"

    @property
    def criteria_labels(self) -> list[str]:
        return [str(self._meta.get_field(name).verbose_name).capitalize()
                for name in ("poor_performance", "adi_dual_eligibility", "enforcement",
                             "not_submitting_data")
                if getattr(self, name)]
