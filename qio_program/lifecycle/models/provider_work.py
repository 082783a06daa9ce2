"""Per-provider work: engagement strategy (PES), service agreement (PSA), assessment (PA)."""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from qio_program.lifecycle import schedule
from qio_program.lifecycle.choices import PesStatus, PsaStatus
from qio_program.lifecycle.models.base import ReviewedArtifact
from qio_program.lifecycle.models.contract import TaskOrder
from qio_program.lifecycle.models.signatures import ProviderSignature
from qio_program.models import Provider
from qis_portal.business_days import add_months, business_days_between, is_business_day


class ProviderEngagementStrategy(FSMModelMixin, ProviderSignature):
    """How the QIO works with one provider; its QI lead signs it off (seed 001, PES)."""

    task_order = models.ForeignKey(TaskOrder, on_delete=models.PROTECT, related_name="pes_set")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT,
                                 related_name="engagement_strategies")
    version = models.PositiveSmallIntegerField(default=1)
    previous = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    qi_lead_name = models.CharField("provider QI lead or point of contact", max_length=200,
                                    blank=True)
    qi_lead_email = models.EmailField("QI lead email", blank=True)
    needs_summary = models.TextField("needs the strategy answers", blank=True)
    engagement_approach = models.TextField("how the QIO will engage the provider", blank=True)
    planned_interventions = models.TextField(blank=True)
    provider_input = models.TextField("provider's input", blank=True)
    status = FSMField(max_length=12, choices=PesStatus.choices, default=PesStatus.DRAFT,
                      protected=True, db_index=True)
    presented_at = models.DateTimeField(null=True, blank=True)
    signed_on = models.DateField(null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    reevaluation_due = models.DateField(null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["provider__name", "-version"]
        verbose_name = "provider engagement strategy"
        verbose_name_plural = "provider engagement strategies"
        constraints = [
            models.UniqueConstraint(fields=["task_order", "provider", "version"],
                                    name="one_pes_version_per_provider"),
        ]

    def __str__(self) -> str:
        return f"PES {self.provider} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("lifecycle:pes_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == PesStatus.DRAFT

    @transition(field=status, source=PesStatus.DRAFT, target=PesStatus.PRESENTED)
    def present(self):
        """Presented to the provider's QI lead for review, input and sign-off."""

    @transition(field=status, source=PesStatus.PRESENTED, target=PesStatus.DRAFT)
    def request_changes(self):
        """The provider sends it back with input."""

    @transition(field=status, source=PesStatus.PRESENTED, target=PesStatus.SIGNED)
    def sign(self):
        """The provider signs it off; re-evaluation falls due on the next 12-month anniversary
        of the initial submission."""

    @staticmethod
    def reevaluation_date(initial_submission: date, signed_on: date) -> date:
        """Seed 001: re-evaluated "12 months after initial submission and every 12 months
        after": the first 12-month anniversary of the initial submission after the sign-off."""
        months = schedule.PES_REEVALUATION_MONTHS
        due = add_months(initial_submission, months)
        while due <= signed_on:
            months += schedule.PES_REEVALUATION_MONTHS
            due = add_months(initial_submission, months)
        return due


class ProviderServiceAgreement(FSMModelMixin, ProviderSignature):
    """The mutually developed agreement: drafted by the QIO, signed by the provider."""

    task_order = models.ForeignKey(TaskOrder, on_delete=models.PROTECT, related_name="psas")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT,
                                 related_name="service_agreements")
    provider_needs = models.TextField("provider's needs", blank=True)
    service_response = models.TextField("QIO's service response to those needs", blank=True)
    start_date = models.DateField(null=True, blank=True)
    status = FSMField(max_length=12, choices=PsaStatus.choices, default=PsaStatus.DRAFT,
                      protected=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    provider_comments = models.TextField(blank=True)
    signed_on = models.DateField(null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    terminated_on = models.DateField(null=True, blank=True)
    terminated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="+")
    termination_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["provider__name", "-id"]
        verbose_name = "provider service agreement"
        constraints = [
            models.UniqueConstraint(
                fields=["task_order", "provider"], name="one_open_psa_per_provider",
                condition=~models.Q(status="terminated"),
            ),
        ]

    def __str__(self) -> str:
        return f"PSA {self.provider}"

    def get_absolute_url(self) -> str:
        return reverse("lifecycle:psa_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == PsaStatus.DRAFT

    @transition(field=status, source=PsaStatus.DRAFT, target=PsaStatus.SENT)
    def send(self):
        """Sent to the provider for signature."""

    @transition(field=status, source=PsaStatus.SENT, target=PsaStatus.DRAFT)
    def decline(self):
        """The provider asks for changes before signing."""

    @transition(field=status, source=PsaStatus.SENT, target=PsaStatus.ACTIVE)
    def sign(self):
        """The provider signs; the agreement is active."""

    @transition(field=status, source=PsaStatus.ACTIVE, target=PsaStatus.TERMINATED)
    def terminate(self):
        """Either party ends it; the QIO recruits a replacement from the SPL."""


class ProviderAssessment(ReviewedArtifact):
    """General, Readiness, Needs and Resource sections; the COR approves within 5 business
    days of submission (seed 001). Sequence 1 is the initial assessment, then yearly ones."""

    task_order = models.ForeignKey(TaskOrder, on_delete=models.PROTECT,
                                   related_name="provider_assessments")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="assessments")
    sequence = models.PositiveSmallIntegerField(default=1)
    general_assessment = models.TextField(blank=True)
    readiness_assessment = models.TextField(
        blank=True, help_text="The provider's readiness to perform and partner with the QIO.")
    needs_assessment = models.TextField(blank=True, help_text="The provider's needs.")
    resource_assessment = models.TextField(blank=True,
                                           help_text="The resources available to the provider.")
    submitted_on = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True, db_index=True,
                                help_text="The COR's deadline: 5 business days after submission.")
    submission_count = models.PositiveSmallIntegerField(default=0)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["provider__name", "-sequence"]
        verbose_name = "provider assessment"
        constraints = [
            models.UniqueConstraint(fields=["task_order", "provider", "sequence"],
                                    name="one_assessment_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.kind_label} provider assessment — {self.provider}"

    def get_absolute_url(self) -> str:
        return reverse("lifecycle:pa_detail", args=[self.pk])

    @property
    def kind_label(self) -> str:
        return "Initial" if self.sequence == 1 else f"Follow-up {self.sequence - 1}"

    @property
    def next_follow_up_due(self) -> date | None:
        if self.decided_at is None or self.status != "approved":
            return None
        from django.utils import timezone

        return add_months(timezone.localdate(self.decided_at), schedule.PA_FOLLOW_UP_MONTHS)


def business_days_left(due: date, today: date, *, clock_start: date | None = None) -> int:
    """Business days the reviewer still has, counting today when it is one of the clock's
    days: 1 on the due date, 2 the business day before, 5 on the day of submission (the clock
    starts the next business day); negative once the deadline has passed."""
    if today > due:
        return -business_days_between(due, today)
    counts_today = is_business_day(today) and (clock_start is None or today > clock_start)
    return business_days_between(today, due) + (1 if counts_today else 0)
