"""The General Directory: provider accounts and their contacts (seed 001, General Directory)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse

from qis_portal.models import Organization
from qis_portal.regions import AIAN_REGIONS, Region

AIAN_REGION_VALUES = frozenset(r.value for r in AIAN_REGIONS)


def on_spl_for_aim_work(on_spl: bool, region: str) -> bool:
    """On the SPL for aim work: every AIAN provider is (seed 001: "all AIAN are on the SPL")."""
    return on_spl or region in AIAN_REGION_VALUES


ccn_validator = RegexValidator(
    r"^[A-Za-z0-9]{6}$", "A CCN is exactly 6 letters or digits.", code="ccn_format"
)
tin_validator = RegexValidator(r"^\d{9}$", "A TIN is exactly 9 digits.", code="tin_format")
npi_validator = RegexValidator(r"^\d{10}$", "An NPI is exactly 10 digits.", code="npi_format")

# The one SPL rule (seed 001: "All AIAN are on the SPL"): on the region's current SPL, or any
# provider of a tribal region. Pages, API, services and CSV read it through
# `Provider.spl_eligible` (a row) or `Provider.objects.spl_eligible()` / SPL_ELIGIBLE (a query),
# never the stored `on_spl` flag alone, which only the SPL upload sets.
SPL_ELIGIBLE = models.Q(on_spl=True) | models.Q(region__in=AIAN_REGION_VALUES)


def spl_flag_for_new_provider(region: str) -> bool:
    """The stored flag of a provider a QIO creates: on for a tribal region, else off until an
    SPL upload lists it."""
    return region in AIAN_REGION_VALUES


class ProviderQuerySet(models.QuerySet):
    def spl_eligible(self):
        return self.filter(SPL_ELIGIBLE)

    def off_spl(self):
        return self.exclude(SPL_ELIGIBLE)


class ProviderSetting(models.TextChoices):
    NURSING_HOME = "nursing_home", "Nursing home"
    HOSPITAL = "hospital", "Hospital"
    OUTPATIENT = "outpatient_clinical_practice", "Outpatient clinical practice"


class MedicareStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PENDING = "pending", "Pending verification"
    INACTIVE = "inactive", "Inactive"
    TERMINATED = "terminated", "Terminated"


class Provider(models.Model):
    """A provider account in the General Directory (seed 001, General Directory)."""

    name = models.CharField(max_length=200, db_index=True)
    setting = models.CharField(max_length=40, choices=ProviderSetting.choices)
    ccn = models.CharField("CCN", max_length=10, blank=True, db_index=True,
                           validators=[ccn_validator],
                           help_text="CMS Certification Number (6 characters).")
    tin = models.CharField("TIN", max_length=9, blank=True, db_index=True,
                           validators=[tin_validator],
                           help_text="Taxpayer Identification Number (9 digits).")
    npi = models.CharField("NPI", max_length=10, blank=True, db_index=True,
                           validators=[npi_validator],
                           help_text="National Provider Identifier (10 digits).")
    address_line1 = models.CharField(max_length=200, blank=True)
    address_line2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, db_index=True)
    zip_code = models.CharField(max_length=10, blank=True)
    region = models.CharField(max_length=40, choices=Region.choices, db_index=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    medicare_status = models.CharField(max_length=20, choices=MedicareStatus.choices,
                                       default=MedicareStatus.PENDING)
    medicare_verified_at = models.DateTimeField(null=True, blank=True)
    on_spl = models.BooleanField("on the SPL", default=False, db_index=True,
                                 help_text="On the region's current Service Provider List.")
    organization = models.OneToOneField(
        Organization, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="provider", help_text="The provider's own portal organization, if any.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["region", "state", "setting"]),
            # Keyset pagination walks (name, id), inside one region for QIO users.
            models.Index(fields=["region", "name", "id"], name="qio_provider_region_name"),
            models.Index(fields=["name", "id"], name="qio_provider_name_id"),
            models.Index(fields=["medicare_status"], name="qio_provider_medicare"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("qio_program:provider_detail", args=[self.pk])

    @property
    def medicare_active(self) -> bool:
        return (self.medicare_status == MedicareStatus.ACTIVE
                and self.medicare_verified_at is not None)

    @property
    def is_aian(self) -> bool:
        return self.region in AIAN_REGION_VALUES

    @property
    def spl_eligible(self) -> bool:
        return on_spl_for_aim_work(self.on_spl, self.region)


class ProviderContact(models.Model):
    """A person at a provider; the QI lead / point of contact signs the PES (seed 001, PES)."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    is_qi_lead = models.BooleanField(
        "QI lead / point of contact", default=False,
        help_text="The provider's QI lead or point of contact (reviews and signs the PES).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_qi_lead", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.provider})"
