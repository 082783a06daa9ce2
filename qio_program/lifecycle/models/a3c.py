"""A3C (Assess, Complement, Coordinate, Create): one per state/territory, a new version a year."""

from django.db import models
from django.urls import reverse

from qio_program.lifecycle.choices import QioRole
from qio_program.lifecycle.models.base import ReviewedArtifact
from qio_program.lifecycle.models.contract import TaskOrder
from qio_program.lifecycle.models.reference import SubAim
from qis_portal.regions import state_name


class A3C(ReviewedArtifact):
    """The state-level assessment (seed 001): four scans and a focus area per sub-aim.

    The COR approves each version before it is implemented; the yearly update is a new
    version and earlier versions stay readable."""

    task_order = models.ForeignKey(TaskOrder, on_delete=models.PROTECT, related_name="a3cs")
    state = models.CharField(max_length=2)
    version = models.PositiveSmallIntegerField(default=1)
    previous = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    general_assessment = models.TextField(
        blank=True, help_text="The state's landscape for health quality and safety.")
    healthcare_scan = models.TextField(
        blank=True, help_text="High-level comparative analysis of health statistics for the "
                              "clinical and foundational aims and sub-aims.")
    quality_scan = models.TextField(
        blank=True, help_text="Federal, state, local and private-sector QI initiatives.")
    partner_scan = models.TextField(
        blank=True, help_text="Key stakeholders and QI partners in those initiatives, e.g. "
                              "state and local health departments.")

    class Meta:
        ordering = ["task_order", "state", "-version"]
        verbose_name = "A3C"
        verbose_name_plural = "A3Cs"
        constraints = [
            models.UniqueConstraint(fields=["task_order", "state", "version"],
                                    name="one_a3c_version_per_state"),
        ]

    def __str__(self) -> str:
        return f"A3C {state_name(self.state)} ({self.state}) v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("lifecycle:a3c_detail", args=[self.pk])

    @property
    def state_label(self) -> str:
        return f"{state_name(self.state)} ({self.state})"


class FocusAreaAssessment(models.Model):
    """Per sub-aim: the assessment, the QIO's role (Create, Complement, Coordinate), why."""

    a3c = models.ForeignKey(A3C, on_delete=models.CASCADE, related_name="focus_areas")
    sub_aim = models.ForeignKey(SubAim, on_delete=models.PROTECT, related_name="+")
    assessment = models.TextField(blank=True)
    qio_role = models.CharField("QIO role", max_length=12, choices=QioRole.choices, blank=True)
    rationale = models.TextField(blank=True)

    class Meta:
        ordering = ["sub_aim__aim__order", "sub_aim__order"]
        constraints = [
            models.UniqueConstraint(fields=["a3c", "sub_aim"], name="one_focus_area_per_sub_aim"),
        ]

    def __str__(self) -> str:
        return f"{self.a3c} — {self.sub_aim}"

    @property
    def is_complete(self) -> bool:
        return bool(self.assessment.strip() and self.qio_role and self.rationale.strip())
