"""The Interaction Tool and intervention reports (seed 001, Interaction Tool; Interventions).

"Because in healthcare, if it's not documented, it didn't happen." Each interaction is one
provider; a bulk entry makes one interaction per provider, sharing a `batch` id.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from qis_portal.models import Organization

from .directory import Provider, ProviderContact

# Seed 001: "Report intervention details ... no later than 5 days after the provider/outpatient
# clinical practice interaction". The seed says "5 business days" where it means business days
# (monthly reports, PA approval) and plain "5 days" here, so these are calendar days.
INTERVENTION_REPORT_DAYS = 5


class AudienceType(models.TextChoices):
    LEADERSHIP = "leadership", "Leadership / C-suite"
    CLINICAL = "clinical_staff", "Clinical staff"
    QUALITY = "quality_staff", "Quality improvement staff"
    ADMINISTRATIVE = "administrative_staff", "Administrative staff"
    PATIENTS = "patients_families", "Patients and families"
    PARTNERS = "community_partners", "Community partners"


class InteractionMode(models.TextChoices):
    ON_SITE = "on_site", "In person, on site"
    PHONE = "phone", "Phone call"
    VIDEO = "video", "Video meeting"
    EMAIL = "email", "Email"
    WEBINAR = "webinar", "Webinar"


# Category → subcategories. Subcategory codes are unique across categories.
INTERACTION_CATEGORIES: dict[str, tuple[str, dict[str, str]]] = {
    "engagement": ("Provider engagement", {
        "recruitment": "Recruitment and outreach",
        "pes_review": "PES review and sign-off",
        "psa_discussion": "PSA discussion",
    }),
    "assessment": ("Assessment", {
        "needs_assessment": "Needs assessment",
        "ahqt": "AHQT assessment",
        "provider_assessment": "Provider Assessment",
    }),
    "quality_improvement": ("Quality improvement", {
        "technical_assistance": "Hands-on technical assistance",
        "data_review": "Data review and feedback",
        "qap_planning": "QAP planning",
        "intervention": "Intervention delivery",
    }),
    "education": ("Education", {
        "training": "Training",
        "webinar_session": "Webinar",
        "toolkit": "Toolkit or materials shared",
        "peer_learning": "Peer-to-peer learning or collaborative",
    }),
    "fqs": ("Focused QIO Service", {
        "fqs_launch": "FQS referral launch",
        "root_cause": "Root cause analysis",
        "fqs_closeout": "FQS close-out",
    }),
}
CATEGORY_CHOICES = [(code, label) for code, (label, _) in INTERACTION_CATEGORIES.items()]
SUBCATEGORY_CHOICES = [(code, label) for _, (_, subs) in INTERACTION_CATEGORIES.items()
                       for code, label in subs.items()]
SUBCATEGORY_CATEGORY = {code: cat for cat, (_, subs) in INTERACTION_CATEGORIES.items()
                        for code in subs}


class Attachment(models.Model):
    """A file checked by extension and content, stored under a server-made name.

    One stored file may belong to several interactions (a bulk entry for many providers)."""

    file = models.FileField(upload_to="qio/interactions/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class Interaction(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="interactions")
    qio = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="interactions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="qio_interactions")
    date = models.DateField()
    contacts = models.ManyToManyField(ProviderContact, blank=True, related_name="interactions")
    other_contacts = models.CharField(
        max_length=300, blank=True,
        help_text="People not in the provider's contact list (names and roles).",
    )
    audience_type = models.CharField(max_length=30, choices=AudienceType.choices)
    mode = models.CharField(max_length=20, choices=InteractionMode.choices)
    category = models.CharField(max_length=30, choices=CATEGORY_CHOICES)
    subcategory = models.CharField(max_length=30, choices=SUBCATEGORY_CHOICES, db_index=True)
    duration_minutes = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)])
    details = models.TextField(max_length=5000)
    learnings = models.TextField(max_length=5000, blank=True)
    attachments = models.ManyToManyField(Attachment, blank=True, related_name="interactions")
    intervention_delivered = models.BooleanField(
        default=True,
        help_text="An intervention report is then due within 5 days of the interaction.",
    )
    report_due_date = models.DateField(null=True, blank=True)
    report_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    batch = models.UUIDField(null=True, blank=True, default=None, db_index=True,
                             help_text="Shared by the interactions of one bulk entry.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["qio", "date", "id"], name="qio_interaction_qio_date"),
            models.Index(fields=["provider", "date", "id"], name="qio_interaction_prov_date"),
            models.Index(fields=["date", "id"], name="qio_interaction_date"),
            models.Index(fields=["report_due_date"], name="qio_interaction_report_due",
                         condition=models.Q(intervention_delivered=True)),
        ]

    def __str__(self) -> str:
        return f"{self.get_subcategory_display()} with {self.provider} on {self.date}"

    def get_absolute_url(self) -> str:
        return reverse("qio_program:interaction_detail", args=[self.pk])

    @property
    def region(self) -> str:
        return self.provider.region

    @property
    def report_filed(self) -> bool:
        try:
            return self.intervention_report is not None
        except models.ObjectDoesNotExist:
            return False

    @property
    def report_overdue(self) -> bool:
        """Past the 5-day due date with no report (dashboards flag it, the sweep reminds)."""
        return bool(self.intervention_delivered and self.report_due_date
                    and self.report_due_date < timezone.localdate() and not self.report_filed)


class EngagementMode(models.TextChoices):
    ONE_ON_ONE_ON_SITE = "one_on_one_on_site", "One-on-one, on site"
    ONE_ON_ONE_VIRTUAL = "one_on_one_virtual", "One-on-one, virtual"
    GROUP_IN_PERSON = "group_in_person", "Group session, in person"
    GROUP_VIRTUAL = "group_virtual", "Group session, virtual"
    COLLABORATIVE = "learning_collaborative", "Learning collaborative or action network"
    PASSIVE = "passive", "Passive (webinar recording, email, materials)"


class IntensityLevel(models.TextChoices):
    # Seed 001: front-line, high-engagement (active) work is preferred; sole reliance on
    # passive activities is discouraged.
    HIGH = "high", "High: front-line, hands-on (active)"
    MODERATE = "moderate", "Moderate: interactive education (active)"
    LOW = "low", "Low: passive (webinar, email, materials)"


# The seed asks for "details of the 5 IDF key disciplines" without naming them. These five are
# the disciplines the seed itself ties to IDF-based QAP work: leadership support and
# infrastructure, health equity, front-line engagement, performance data, and peer learning.
# One list, so CMS's wording can replace the labels without touching the form or the API.
IDF_DISCIPLINES: list[tuple[str, str, str]] = [
    ("idf_leadership", "Leadership and QI infrastructure",
     "Leadership support and the quality management infrastructure in place."),
    ("idf_health_equity", "Health equity",
     "How the intervention addresses health equity and measures of disparities."),
    ("idf_frontline_engagement", "Front-line engagement",
     "Hands-on, high-engagement work with front-line staff."),
    ("idf_data_measurement", "Data and measurement",
     "Data used and progress on performance metrics and interim objectives."),
    ("idf_peer_learning", "Peer learning and spread",
     "Peer-to-peer learning, collaboratives and learning and action networks."),
]


class InterventionReport(models.Model):
    """What was done in an interaction, reported within 5 days of it (seed 001, Interventions)."""

    interaction = models.OneToOneField(Interaction, on_delete=models.CASCADE,
                                       related_name="intervention_report")
    mode_of_engagement = models.CharField(max_length=30, choices=EngagementMode.choices)
    targeted_audience = models.CharField(max_length=30, choices=AudienceType.choices)
    level_of_intensity = models.CharField(max_length=20, choices=IntensityLevel.choices)
    idf_leadership = models.TextField(max_length=1000)
    idf_health_equity = models.TextField(max_length=1000)
    idf_frontline_engagement = models.TextField(max_length=1000)
    idf_data_measurement = models.TextField(max_length=1000)
    idf_peer_learning = models.TextField(max_length=1000)
    progress_percent = models.PositiveSmallIntegerField(
        "progress toward completion (%)", validators=[MaxValueValidator(100)])
    progress_notes = models.TextField(max_length=1000, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    submitted_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"Intervention report for {self.interaction}"

    def get_absolute_url(self) -> str:
        return self.interaction.get_absolute_url()

    @property
    def region(self) -> str:
        return self.interaction.provider.region

    @property
    def submitted_late(self) -> bool:
        due = self.interaction.report_due_date
        return bool(due and timezone.localdate(self.submitted_at) > due)
