"""APM Entities, their participation lists and the quality measure data they submit."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from qis_portal.models import Organization
from scoring.choices import (
    PERFORMANCE_YEAR,
    REQUIRES_MIPS_QUALITY_REPORTING,
    ApmType,
    Level,
    SubmissionMethod,
)

ENTITY_ID = RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$",
                           "Letters, digits, hyphens and underscores (at most 40).")
TIN = RegexValidator(r"^[0-9]{9}$", "A TIN is nine digits.")
NPI = RegexValidator(r"^[0-9]{10}$", "An NPI is ten digits.")
PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class ApmEntity(models.Model):
    """An APM Entity in a MIPS APM for one performance year (seed §2.2, §4.1)."""

    performance_year = models.PositiveSmallIntegerField(default=PERFORMANCE_YEAR,
                                                        choices=[(PERFORMANCE_YEAR, "2020")])
    entity_id = models.CharField("APM Entity ID", max_length=40, validators=[ENTITY_ID])
    name = models.CharField(max_length=200)
    apm_type = models.CharField("APM", max_length=20, choices=ApmType.choices)
    clinician_count = models.PositiveIntegerField(
        null=True, blank=True,
        help_text="MIPS eligible clinicians; leave blank to count the participation list.")
    small_practice = models.BooleanField(
        null=True, blank=True,
        help_text="Leave blank to derive it: 15 or fewer clinicians (seed §4.3.3).")
    complex_patient_bonus = models.DecimalField(
        max_digits=6, decimal_places=4, default=0,
        validators=[MinValueValidator(0), MaxValueValidator(5)])
    improvement_activities_score = models.DecimalField(
        "improvement activities score (%)", max_digits=7, decimal_places=4, null=True,
        blank=True, validators=PERCENT, help_text="Blank: the category is reweighted to 0.")
    promoting_interoperability_score = models.DecimalField(
        "promoting interoperability score (%)", max_digits=7, decimal_places=4, null=True,
        blank=True, validators=PERCENT, help_text="Blank: the category is reweighted to 0.")
    quality_reweighted = models.BooleanField(
        default=False, help_text="CMS reweighted the quality category to 0 (seed §2.4).")
    prior_year_quality_achievement_percent = models.DecimalField(
        "2019 quality achievement percent", max_digits=7, decimal_places=4, null=True,
        blank=True, validators=PERCENT,
        help_text="The achievement percent, without bonus, of the identifier that submitted "
                  "in 2019; blank: no improvement score unless individual 2019 scores are "
                  "given (seed §4.2.4).")
    prior_year_identifier = models.CharField(
        "identifier that submitted in 2019", max_length=40, blank=True,
        help_text="Blank: this APM Entity ID. When it differs, \"the comparable Quality "
                  "performance category achievement percent score is the average of the "
                  "Quality performance category achievement percent scores ... for each of "
                  "the individuals in the APM Entity\" (seed §4.2.4): give them on the "
                  "participation list.")
    improvement_score = models.DecimalField(
        "improvement score provided by CMS (percentage points)", max_digits=7,
        decimal_places=4, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text="0 to 10; used as given instead of the 2019 scores (\"may not total more "
                  "than 10 percentage points and cannot be lower than zero\", seed §4.2.4).")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The organization whose REST client may push this entity's data.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["entity_id"]
        verbose_name = "APM Entity"
        verbose_name_plural = "APM Entities"
        constraints = [models.UniqueConstraint(fields=["performance_year", "entity_id"],
                                               name="scoring_entity_unique_per_year")]

    def __str__(self) -> str:
        return f"{self.entity_id} {self.name}"

    def clean(self) -> None:
        """CMS provides either the improvement score or the 2019 scores it is computed from."""
        super().clean()
        if self.improvement_score is not None and (
                self.prior_year_quality_achievement_percent is not None
                or self.prior_year_identifier):
            raise ValidationError({"improvement_score": (
                "Give either the improvement score CMS provides or the 2019 identifier and "
                "achievement percent it is computed from, not both.")})

    @property
    def requires_mips_quality_reporting(self) -> bool:
        return self.apm_type in REQUIRES_MIPS_QUALITY_REPORTING


class Participant(models.Model):
    """One TIN/NPI on the entity's participation list (the APM participant identifier)."""

    entity = models.ForeignKey(ApmEntity, on_delete=models.CASCADE, related_name="participants")
    tin = models.CharField("TIN", max_length=9, validators=[TIN])
    npi = models.CharField("NPI", max_length=10, validators=[NPI])
    prior_year_achievement_percent = models.DecimalField(
        "2019 achievement percent", max_digits=7, decimal_places=4, null=True, blank=True,
        validators=PERCENT,
        help_text="The achievement percent score behind the clinician's 2019 final score; "
                  "averaged when the entity's 2019 identifier differs (seed §4.2.4).")

    class Meta:
        ordering = ["tin", "npi"]
        constraints = [models.UniqueConstraint(fields=["entity", "tin", "npi"],
                                               name="scoring_participant_unique")]

    def __str__(self) -> str:
        return f"{self.tin}/{self.npi}"


class QualitySubmission(models.Model):
    """Performance data for one measure by one collection type, from the entity, a TIN or one
    TIN/NPI (seed §4.2.6). ``tin`` and ``npi`` are blank where the level has none."""

    entity = models.ForeignKey(ApmEntity, on_delete=models.CASCADE, related_name="submissions")
    level = models.CharField(max_length=10, choices=Level.choices)
    tin = models.CharField("TIN", max_length=9, blank=True, validators=[TIN])
    npi = models.CharField("NPI", max_length=10, blank=True, validators=[NPI])
    measure_id = models.CharField("Quality ID", max_length=20)
    submission_method = models.CharField(max_length=30, choices=SubmissionMethod.choices)
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField("performance denominator", null=True, blank=True)
    performance_rate = models.DecimalField(max_digits=12, decimal_places=4, null=True,
                                           blank=True)
    eligible_population = models.PositiveIntegerField(null=True, blank=True)
    data_completeness = models.DecimalField("data completeness (%)", max_digits=7,
                                            decimal_places=4, null=True, blank=True,
                                            validators=PERCENT)
    end_to_end = models.BooleanField("end-to-end CEHRT reporting", default=False)
    external_points = models.DecimalField(
        max_digits=6, decimal_places=4, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text="Points CMS calculated outside the benchmark file (CAHPS for ACOs).")
    summary_measures = models.JSONField(
        "summary survey measure scores", default=list, blank=True,
        help_text="CAHPS 321 / ACO321: [{measure_id, performance_rate}]; the survey is one "
                  "measure worth their average points (seed §4.3.3).")
    wi_reported_beneficiaries = models.PositiveIntegerField(
        "Web Interface beneficiaries reported", null=True, blank=True,
        help_text="Consecutively ranked beneficiaries reported (seed §4.2.2).")
    wi_sample_size = models.PositiveIntegerField(
        "Web Interface sample size", null=True, blank=True,
        help_text="Eligible assigned beneficiaries in the sample CMS provided.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["level", "tin", "npi", "measure_id", "submission_method"]
        constraints = [models.UniqueConstraint(
            fields=["entity", "level", "tin", "npi", "measure_id", "submission_method"],
            name="scoring_submission_unique")]

    def __str__(self) -> str:
        who = {Level.ENTITY: "entity", Level.TIN: self.tin}.get(self.level,
                                                                   f"{self.tin}/{self.npi}")
        return f"{self.measure_id} via {self.submission_method} ({who})"
