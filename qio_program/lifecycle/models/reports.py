"""Reports tied to deliverables, and the executive dashboard template CMS approves first."""

from django.db import models
from django.urls import reverse

from qio_program.lifecycle.choices import DeliverableKind
from qio_program.lifecycle.models.base import ReviewedArtifact
from qio_program.lifecycle.models.contract import Deliverable, TaskOrder


class DashboardTemplate(ReviewedArtifact):
    """The draft ELC/TELC dashboard template: CMS approves it before any quarterly executive
    dashboard report is submitted (seed 001: "TELC creates a draft of the dashboard template
    and submits to CMS for review/approval before the final development of the dashboard")."""

    task_order = models.OneToOneField(TaskOrder, on_delete=models.PROTECT,
                                      related_name="dashboard_template")
    layout = models.TextField(blank=True, help_text="Sections and layout of the dashboard.")
    measures = models.TextField(blank=True,
                                help_text="Performance measures and outcomes it will show.")

    class Meta:
        verbose_name = "executive dashboard template"

    def __str__(self) -> str:
        return f"{self.task_order.council} dashboard template — {self.task_order.qio}"

    def get_absolute_url(self) -> str:
        return reverse("lifecycle:template_detail", args=[self.task_order_id])


class Report(ReviewedArtifact):
    """A report answering one deliverable; sections depend on the kind (report_sections)."""

    deliverable = models.OneToOneField(Deliverable, on_delete=models.PROTECT,
                                       related_name="report")
    task_order = models.ForeignKey(TaskOrder, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(max_length=20, choices=DeliverableKind.choices, db_index=True)
    content = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-deliverable__due_date", "-id"]

    def __str__(self) -> str:
        return self.deliverable.title

    def get_absolute_url(self) -> str:
        return reverse("lifecycle:report_detail", args=[self.pk])
