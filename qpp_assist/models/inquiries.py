"""The QPP inquiry and its warm hand-offs (seed 004: “no wrong door”)."""

from datetime import date

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django_fsm import GET_STATE, FSMField, FSMModelMixin, transition

from qis_portal.regions import Region

from .contractors import Contractor
from .practices import Practice, tin_validator


class MipsCategory(models.TextChoices):
    """The MIPS categories of the seed's focused technical assistance, plus the program itself
    (“Education and information about program structure, requirements, timelines”)."""

    QUALITY = "quality", "Quality"
    PROMOTING_INTEROPERABILITY = "promoting_interoperability", (
        "Advancing care information / promoting interoperability")
    IMPROVEMENT_ACTIVITIES = "improvement_activities", "Improvement activities"
    COST = "cost", "Cost"
    PROGRAM = "program", "QPP in general: program structure, requirements, timelines"


class RequestKind(models.TextChoices):
    QUESTION = "question", "A question about QPP"
    ASSESSMENT = "assessment", "A practice assessment (practices enrolled in a PTN)"


class Channel(models.TextChoices):
    DIRECT = "direct", "Direct from the clinician or practice"
    HELP_DESK = "help_desk", "Through the CMS help desk"


class Inquiry(FSMModelMixin, models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        ROUTED = "routed", "With a contractor"
        HELP_DESK = "help_desk", "With the CMS help desk"
        ANSWERED = "answered", "Answered"

    OPEN = (Status.ROUTED, Status.HELP_DESK)

    status = FSMField(max_length=20, choices=Status.choices, default=Status.RECEIVED,
                      protected=True, db_index=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="qpp_inquiries")
    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="inquiries")
    # What the intake recorded (kept as asked, even when the practice's facts change later).
    practice_name = models.CharField(max_length=200)
    tin = models.CharField("TIN", max_length=9, validators=[tin_validator])
    state = models.CharField(max_length=2)
    region = models.CharField(max_length=40, choices=Region.choices, db_index=True)
    clinician_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    group_size = models.PositiveIntegerField("number of clinicians",
                                             validators=[MinValueValidator(1)])
    advanced_apm = models.BooleanField("participates in an advanced APM")
    any_apm = models.BooleanField("participates in an APM (including any Medicare ACO)")
    ptn_enrolled = models.BooleanField("enrolled in a PTN")
    ptn = models.ForeignKey(Contractor, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+", verbose_name="PTN")
    rural = models.BooleanField(default=False)
    underserved = models.BooleanField("medically underserved area", default=False)
    shortage_area = models.BooleanField("health professional shortage area", default=False)
    medicare_charges = models.DecimalField("billed to Medicare per year ($)", max_digits=12,
                                           decimal_places=2, validators=[MinValueValidator(0)])
    medicare_patients = models.PositiveIntegerField("Medicare patients per year")
    eligible_clinician = models.BooleanField("eligible clinician (EC)")
    kind = models.CharField(max_length=20, choices=RequestKind.choices,
                            default=RequestKind.QUESTION)
    mips_category = models.CharField("MIPS category", max_length=30,
                                     choices=MipsCategory.choices)
    question = models.TextField(max_length=4000)
    # Routing (routing.py) and the current owner; no contractor means the CMS help desk.
    contractor = models.ForeignKey(Contractor, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="inquiries")
    routing_rule = models.CharField(max_length=30, blank=True)
    routing_explanation = models.TextField(blank=True)
    routing_verdicts = models.JSONField(default=list, blank=True)
    priority = models.BooleanField(default=False, db_index=True)
    route_overridden = models.BooleanField(default=False)
    # The response clock: restarted at every (re)assignment.
    assigned_at = models.DateTimeField(null=True, blank=True)
    respond_by = models.DateField(null=True, blank=True, db_index=True)
    assignment_count = models.PositiveSmallIntegerField(default=0)
    escalated_at = models.DateTimeField(null=True, blank=True)
    # The answer.
    response = models.TextField(max_length=5000, blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)
    response_business_days = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "QPP inquiry"
        verbose_name_plural = "QPP inquiries"
        indexes = [models.Index(fields=["status", "respond_by"], name="qpp_inquiry_clock")]

    def __str__(self) -> str:
        return f"QPP inquiry #{self.pk}: {self.practice_name}"

    def get_absolute_url(self) -> str:
        return reverse("qpp_assist:inquiry_detail", args=[self.pk])

    @property
    def owner_label(self) -> str:
        if self.contractor_id is None:
            return "CMS help desk"
        return self.contractor.label

    def is_overdue(self, today: date) -> bool:
        return (self.status == self.Status.ROUTED and self.respond_by is not None
                and today > self.respond_by)

    def _routed_state(self) -> str:
        return self.Status.ROUTED if self.contractor_id else self.Status.HELP_DESK

    @transition(field=status, source=Status.RECEIVED,
                target=GET_STATE(_routed_state, states=[Status.ROUTED, Status.HELP_DESK]))
    def route(self):
        """The rules chose a contractor, or the CMS help desk when every one is excluded."""

    @transition(field=status, source=Status.ROUTED, target=Status.ROUTED)
    def hand_off(self):
        """The receiving contractor refers it to the right one (a warm hand-off)."""

    @transition(field=status, source=[Status.ROUTED, Status.HELP_DESK], target=Status.ROUTED)
    def override_route(self):
        """The CMS help desk or the receiving contractor overrides the rules, with a reason."""

    @transition(field=status, source=[Status.ROUTED, Status.HELP_DESK], target=Status.ANSWERED)
    def respond(self):
        """The owner answers the clinician."""


class HandOff(models.Model):
    """One change of owner after routing: a warm hand-off or a routing override."""

    class Kind(models.TextChoices):
        HAND_OFF = "hand_off", "Warm hand-off"
        OVERRIDE = "override", "Routing override"

    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="handoffs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_contractor = models.ForeignKey(Contractor, on_delete=models.PROTECT, null=True,
                                        blank=True, related_name="handoffs_out",
                                        help_text="Empty: the CMS help desk.")
    to_contractor = models.ForeignKey(Contractor, on_delete=models.PROTECT,
                                      related_name="handoffs_in")
    note = models.TextField(max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="+")
    respond_by = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "hand-off"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of inquiry #{self.inquiry_id}"

    @property
    def from_label(self) -> str:
        return self.from_contractor.label if self.from_contractor_id else "CMS help desk"
