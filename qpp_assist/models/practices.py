"""Practices (by TIN) and the assistance contractors record for them: the base of QPP-SURS's
reach, “Reach at least 75% of SURS practices” (seed 004)."""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse

from qis_portal.regions import Region
from qpp_assist.measures import is_surs_practice
from qpp_assist.routing import SMALL_GROUP_MAX

from .contractors import Contractor

tin_validator = RegexValidator(r"^\d{9}$", "A TIN is exactly 9 digits.")


class Practice(models.Model):
    """A clinical practice; its facts are the latest the intake or a contractor recorded."""

    name = models.CharField(max_length=200)
    tin = models.CharField("TIN", max_length=9, unique=True, validators=[tin_validator],
                           help_text="Taxpayer Identification Number (9 digits).")
    state = models.CharField(max_length=2)
    region = models.CharField(max_length=40, choices=Region.choices, db_index=True)
    group_size = models.PositiveIntegerField("number of clinicians",
                                             validators=[MinValueValidator(1)])
    advanced_apm = models.BooleanField("participates in an advanced APM", default=False)
    any_apm = models.BooleanField("participates in an APM (including any Medicare ACO)",
                                  default=False)
    ptn_enrolled = models.BooleanField("enrolled in a PTN", default=False)
    rural = models.BooleanField(default=False)
    underserved = models.BooleanField("medically underserved area", default=False)
    shortage_area = models.BooleanField("health professional shortage area", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["region", "group_size"], name="qpp_practice_region_size")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("qpp_assist:practice_detail", args=[self.pk])

    @property
    def is_surs_practice(self) -> bool:
        return is_surs_practice(group_size=self.group_size, advanced_apm=self.advanced_apm,
                                ptn_enrolled=self.ptn_enrolled)

    @property
    def small(self) -> bool:
        return self.group_size <= SMALL_GROUP_MAX


class AssistanceRecord(models.Model):
    """Assistance a contractor gave a practice outside an inquiry (seed 004, Key QPP services)."""

    class Kind(models.TextChoices):
        EDUCATION = "education", ("Education and information about program structure, "
                                  "requirements, timelines")
        OUTREACH = "outreach", "Intensive outreach, networking"
        RESOURCES = "resources", "Promotion of educational resources available from CMS"
        GENERAL_TA = "general_ta", "General technical assistance"
        FOCUSED_TA = "focused_ta", "Focused technical assistance (a MIPS category)"

    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="assistance")
    contractor = models.ForeignKey(Contractor, on_delete=models.PROTECT,
                                   related_name="assistance")
    provided_on = models.DateField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    note = models.TextField(max_length=2000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-provided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.practice} on {self.provided_on}"
