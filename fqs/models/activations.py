"""The FQS Activation: initial approval by the FQS Reviewer, final approval by the COR (seed
001, FQS Activation – Initial Approval and Final Approval)."""

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from qio_program.models import Provider
from qis_portal.regions import Region

from .choices import SprintDays
from .requests import FqsRequest


class Activation(FSMModelMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Being prepared by the FQS Reviewer"
        PENDING_COR = "pending_cor", "Awaiting COR final approval"
        DEPLOYED = "deployed", "Approved and deployed to the QIO"
        REJECTED = "rejected", "Rejected by the COR"

    status = FSMField(max_length=20, choices=Status.choices, default=Status.DRAFT,
                      protected=True, db_index=True)
    request = models.OneToOneField(FqsRequest, on_delete=models.PROTECT, related_name="activation")
    focus_area = models.CharField(max_length=200, blank=True)
    onsite_required = models.BooleanField("on-site required", null=True, blank=True)
    sprint_days = models.PositiveSmallIntegerField(choices=SprintDays.choices, null=True,
                                                   blank=True)
    quality_issue = models.TextField(max_length=5000, blank=True,
                                     help_text="What is the problem we are trying to solve?")
    inclusion_criteria = models.TextField(max_length=5000, blank=True)
    closeout_metrics = models.TextField("evaluation (close-out) metrics", max_length=5000,
                                        blank=True)
    reporting_requirements = models.TextField(max_length=5000, blank=True)
    submit_comment = models.TextField("comments to the COR", max_length=2000, blank=True)
    decision_reason = models.TextField(max_length=2000, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "FQS activation"
        constraints = [
            models.CheckConstraint(condition=models.Q(sprint_days__isnull=True)
                                   | models.Q(sprint_days__in=[15, 30]),
                                   name="fqs_sprint_is_15_or_30_days"),
        ]

    def __str__(self) -> str:
        return f"FQS activation #{self.pk}: {self.focus_area or self.request.facility_label}"

    @transition(field=status, source=Status.DRAFT, target=Status.PENDING_COR)
    def submit(self):
        """Sent to the COR for final approval."""

    @transition(field=status, source=Status.PENDING_COR, target=Status.DEPLOYED)
    def approve(self):
        """Deployed: the service creates one referral per provider."""

    @transition(field=status, source=Status.PENDING_COR, target=Status.REJECTED)
    def reject(self):
        """Refused by the COR, with a reason."""


class ActivationProvider(models.Model):
    """A provider who gets this referral, with its baseline value (seed 001: "Enter their
    baseline value (related to metrics)"). A facility not yet in the directory is named in
    free text; the QIO creates it once its Medicare certification is verified."""

    activation = models.ForeignKey(Activation, on_delete=models.CASCADE, related_name="providers")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="fqs_activations")
    facility_name = models.CharField(max_length=200, blank=True)
    facility_ccn = models.CharField("facility CCN", max_length=10, blank=True)
    facility_state = models.CharField(max_length=2, blank=True)
    region = models.CharField(max_length=40, choices=Region.choices)
    baseline_metric = models.CharField(max_length=200)
    baseline_value = models.DecimalField(max_digits=12, decimal_places=4)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["activation", "provider"],
                                    condition=models.Q(provider__isnull=False),
                                    name="fqs_provider_once_per_activation"),
            models.CheckConstraint(
                condition=~models.Q(provider__isnull=True, facility_name=""),
                name="fqs_activation_provider_names_a_facility",
            ),
        ]

    def __str__(self) -> str:
        return self.facility_label

    @property
    def facility_label(self) -> str:
        return self.provider.name if self.provider_id else self.facility_name
