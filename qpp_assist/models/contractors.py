"""Contractor types (the seed's four columns, loaded by data migration 0002) and the
organizations on record as contractors of a type for a region or service area."""

from django.core.exceptions import ValidationError
from django.db import models

from qis_portal.models import Organization
from qis_portal.regions import Region
from qpp_assist.who_does_what import ORG_TYPES_BY_CONTRACTOR_TYPE


class ContractorType(models.Model):
    """One column of seed 004's table “Who Does What?”."""

    code = models.SlugField(max_length=30, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    short_name = models.CharField(max_length=60)
    name = models.CharField(max_length=200)
    providers_served = models.TextField()
    providers_excluded = models.TextField()
    primary_objectives = models.TextField()
    key_services = models.JSONField(default=list, help_text="[{text, items: [..]}, ..]")
    success_measures = models.JSONField(default=list)
    response_business_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The response clock the seed sets (QIN-QIO: QPP: 1).")
    reach_goal_percent = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The reach goal the seed sets (QPP-SURS: 75 %).")

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.short_name


class Contractor(models.Model):
    """An organization acting as a contractor type: a QIN-QIO as QIN-QIO: QPP or TCPI for its
    region, a SURS or PTN contractor (a QPP technical assistance contractor) for its area."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="qpp_contractor_roles")
    contractor_type = models.ForeignKey(ContractorType, on_delete=models.PROTECT,
                                        related_name="contractors")
    region = models.CharField(max_length=40, choices=Region.choices, db_index=True,
                              help_text="The QIN region it serves (a PTN: its service area's).")
    service_area = models.CharField(max_length=200, blank=True,
                                    help_text="A PTN's service area, in words.")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["contractor_type__order", "organization__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "contractor_type", "region"],
                                    name="qpp_one_contractor_role_per_region"),
        ]

    def __str__(self) -> str:
        return f"{self.organization.name} ({self.contractor_type.short_name})"

    @property
    def label(self) -> str:
        return f"{self.contractor_type.short_name}: {self.organization.name}"

    def clean(self) -> None:
        allowed = ORG_TYPES_BY_CONTRACTOR_TYPE.get(self.contractor_type.code, ())
        if self.organization.org_type not in allowed:
            raise ValidationError({"organization": f"A {self.contractor_type.short_name} "
                                                   "contractor must be a "
                                                   f"{' or '.join(allowed)} organization."})
        if self.organization.org_type == "qin_qio" and self.region != self.organization.region:
            raise ValidationError({"region": "A QIN-QIO acts for its own region."})
