"""Quality Action Plan: Aim → Sub-aim → Initiative → Intervention → Activity (seed 001)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from qio_program.lifecycle.choices import TrainingAudience
from qio_program.lifecycle.models.base import ReviewedArtifact
from qio_program.lifecycle.models.contract import TaskOrder
from qio_program.lifecycle.models.reference import SubAim
from qio_program.models import Provider, ProviderSetting


class QualityActionPlan(ReviewedArtifact):
    """Within 16 months of award, updated annually; read-only once approved."""

    task_order = models.ForeignKey(TaskOrder, on_delete=models.PROTECT, related_name="qaps")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT,
                                 related_name="quality_action_plans")
    version = models.PositiveSmallIntegerField(default=1)
    previous = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    quality_landscape = models.TextField(
        blank=True, help_text="The provider's quality landscape and other available data "
                              "measuring its quality (internal and external).")
    deficiencies = models.TextField(blank=True)
    collaborating_entities = models.TextField(
        blank=True, help_text="Local, state and regional entities collaborating with the QIO.")
    health_equity = models.TextField(
        "health-equity consideration", blank=True,
        help_text="How the selected interventions consider health equity and improve measures "
                  "of health disparities.")

    class Meta:
        ordering = ["provider__name", "-version"]
        verbose_name = "quality action plan"
        constraints = [
            models.UniqueConstraint(fields=["task_order", "provider", "version"],
                                    name="one_qap_version_per_provider"),
        ]

    def __str__(self) -> str:
        return f"QAP {self.provider} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("lifecycle:qap_detail", args=[self.pk])

    @property
    def needs_training_plan(self) -> bool:
        return self.provider.setting == ProviderSetting.NURSING_HOME


class QapInitiative(models.Model):
    qap = models.ForeignKey(QualityActionPlan, on_delete=models.CASCADE,
                            related_name="initiatives")
    sub_aim = models.ForeignKey(SubAim, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["sub_aim__aim__order", "sub_aim__order", "id"]

    def __str__(self) -> str:
        return self.title


class QapIntervention(models.Model):
    initiative = models.ForeignKey(QapInitiative, on_delete=models.CASCADE,
                                   related_name="interventions")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class QapActivity(models.Model):
    intervention = models.ForeignKey(QapIntervention, on_delete=models.CASCADE,
                                     related_name="activities")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    target_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["target_date", "id"]
        verbose_name_plural = "QAP activities"

    def __str__(self) -> str:
        return self.title


class TrainingPlanItem(models.Model):
    """A nursing home's multi-year training plan (seed 001: NH get a multi-year plan)."""

    qap = models.ForeignKey(QualityActionPlan, on_delete=models.CASCADE,
                            related_name="training_items")
    plan_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="Year of the plan (1–5).")
    audience = models.CharField(max_length=20, choices=TrainingAudience.choices)
    topic = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["plan_year", "id"]

    def __str__(self) -> str:
        return f"Year {self.plan_year}: {self.topic}"
