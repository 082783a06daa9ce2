"""Quarterly outcomes (seed 001, Outcomes reporting): measure values per provider and quarter."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from .directory import Provider, ProviderSetting

# Seed 001: "Each outpatient clinical practice will submit a max of 6 measures each quarter."
OUTPATIENT_MAX_MEASURES_PER_QUARTER = 6


class OutcomeMeasure(models.Model):
    """A measure providers report; CMS sets the list, and it stays for the Task Order."""

    code = models.CharField(max_length=30, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=30, default="%")
    applies_to = models.CharField(
        max_length=40, choices=ProviderSetting.choices, blank=True,
        help_text="The setting that reports it; empty for every setting.",
    )
    higher_is_better = models.BooleanField(default=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class OutcomeStatus(models.TextChoices):
    ENTERED = "entered", "Entered, awaiting validation"
    QUERIED = "queried", "Queried"
    VALIDATED = "validated", "Validated"


class OutcomeValue(FSMModelMixin, models.Model):
    """One measure's value for one provider and quarter; a correction updates it (audited).

    Each value is entered, then validated or queried by the QIO or the COR; a queried value is
    corrected (back to entered) and looked at again. A validated value is final.
    """

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="outcomes")
    measure = models.ForeignKey(OutcomeMeasure, on_delete=models.PROTECT, related_name="values")
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2020), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(4)])
    value = models.DecimalField(max_digits=12, decimal_places=4)
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    notes = models.CharField(max_length=500, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    entered_by_qio = models.BooleanField(
        default=False, help_text="Entered by the QIO on the provider's behalf.")
    status = FSMField(max_length=10, choices=OutcomeStatus.choices,
                      default=OutcomeStatus.ENTERED, protected=True, db_index=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    query_note = models.CharField(max_length=500, blank=True,
                                  help_text="What the reviewer asked when querying the value.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-year", "-quarter", "measure__code"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "measure", "year", "quarter"],
                                    name="qio_outcome_once_per_quarter"),
        ]
        indexes = [models.Index(fields=["provider", "year", "quarter"])]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.year} Q{self.quarter}: {self.value}"

    @property
    def region(self) -> str:
        return self.provider.region

    @property
    def period(self) -> str:
        return f"{self.year} Q{self.quarter}"

    def provider_outcomes_url(self) -> str:
        return reverse("qio_program:provider_outcomes", args=[self.provider_id])

    @transition(field=status, source=OutcomeStatus.ENTERED, target=OutcomeStatus.VALIDATED)
    def validate(self):
        """The QIO or the COR confirms the value."""

    @transition(field=status, source=OutcomeStatus.ENTERED, target=OutcomeStatus.QUERIED)
    def query(self):
        """The QIO or the COR asks about the value; the reporter corrects it."""

    @transition(field=status, source=OutcomeStatus.QUERIED, target=OutcomeStatus.ENTERED)
    def answer(self):
        """The reporter corrects a queried value; it awaits validation again."""
