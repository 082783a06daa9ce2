"""The Task Order (the contract of one QIO), its deliverables, PSA target and hand-off notes."""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from qio_program.lifecycle import schedule
from qio_program.lifecycle.choices import (
    REPORT_KINDS,
    DeliverableKind,
    HandoffTopic,
    TaskOrderStatus,
)
from qio_program.models import Provider
from qis_portal.models import QIO_ORG_TYPES, Organization, OrgType


class TaskOrder(FSMModelMixin, models.Model):
    """One QIO's five-year period of performance; every deadline counts from `award_date`."""

    qio = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="task_orders", verbose_name="QIO",
        limit_choices_to={"org_type__in": list(QIO_ORG_TYPES)},
    )
    number = models.CharField("task order number", max_length=40, unique=True)
    award_date = models.DateField()
    status = FSMField(max_length=10, choices=TaskOrderStatus.choices,
                      default=TaskOrderStatus.ACTIVE, protected=True, db_index=True)
    ended_on = models.DateField(null=True, blank=True,
                                help_text="Last day of performance once the COR ends it.")
    accounts_closed_at = models.DateTimeField(null=True, blank=True)
    # The CORs of this QIO's work (seed 001): only they hear of, are reminded of and decide
    # its A3Cs, Provider Assessments, reports and FQS activations (qio_program.lifecycle.cors).
    cor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                            blank=True, related_name="task_orders_as_cor", verbose_name="COR")
    alternate_cor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      null=True, blank=True,
                                      related_name="task_orders_as_alternate_cor",
                                      verbose_name="alternate COR")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["qio__name", "-award_date"]
        constraints = [
            models.UniqueConstraint(fields=["qio"], condition=models.Q(status="active"),
                                    name="one_active_task_order_per_qio"),
            models.CheckConstraint(
                condition=(models.Q(cor__isnull=True) | models.Q(alternate_cor__isnull=True)
                           | ~models.Q(cor=models.F("alternate_cor"))),
                name="task_order_alternate_is_another_cor"),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.qio}"

    def get_absolute_url(self) -> str:
        return reverse("lifecycle:taskorder_detail", args=[self.pk])

    @property
    def region(self) -> str:
        return self.qio.region

    @property
    def is_tribal(self) -> bool:
        return self.qio.org_type == OrgType.AIAN_QIO

    @property
    def council(self) -> str:
        """ELC for a QIN-QIO, TELC for an AIAN QIO (seed 001)."""
        return "TELC" if self.is_tribal else "ELC"

    @property
    def pop_end(self) -> date:
        return schedule.pop_end(self.award_date)

    def phases(self) -> list[schedule.Phase]:
        return schedule.phases(self.award_date)

    @transition(field=status, source=TaskOrderStatus.ACTIVE, target=TaskOrderStatus.ENDED)
    def end(self):
        """The COR marks the period of performance ended; accounts close after `ended_on`."""


class PsaTarget(models.Model):
    """How many providers CMS expects the QIO to hold PSAs with (seed 001)."""

    task_order = models.OneToOneField(TaskOrder, on_delete=models.CASCADE,
                                      related_name="psa_target")
    target = models.PositiveIntegerField()
    note = models.CharField(max_length=500, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "PSA target"

    def __str__(self) -> str:
        return f"{self.task_order}: {self.target} PSAs"


class Deliverable(models.Model):
    """One dated obligation of the task order; `due_date` is stored when the order is made."""

    task_order = models.ForeignKey(TaskOrder, on_delete=models.CASCADE,
                                   related_name="deliverables")
    kind = models.CharField(max_length=20, choices=DeliverableKind.choices, db_index=True)
    title = models.CharField(max_length=200)
    sequence = models.PositiveSmallIntegerField(default=1)
    state = models.CharField(max_length=2, blank=True)
    due_date = models.DateField(db_index=True)
    contract_year = models.PositiveSmallIntegerField()
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    delivered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["due_date", "kind", "state", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["task_order", "kind", "state", "sequence"],
                                    name="one_deliverable_per_slot"),
        ]
        indexes = [models.Index(fields=["task_order", "due_date"])]

    def __str__(self) -> str:
        return f"{self.title} (due {self.due_date:%Y-%m-%d})"

    @property
    def region(self) -> str:
        return self.task_order.qio.region

    @property
    def is_report(self) -> bool:
        return self.kind in REPORT_KINDS

    def is_overdue(self, today: date) -> bool:
        return self.delivered_at is None and self.due_date < today


class HandoffNote(models.Model):
    """Transition-off notes from the incumbent to the incoming QIO (seed 001, Completion)."""

    task_order = models.ForeignKey(TaskOrder, on_delete=models.CASCADE,
                                   related_name="handoff_notes")
    topic = models.CharField(max_length=30, choices=HandoffTopic.choices)
    provider = models.ForeignKey(Provider, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    incoming_contractor = models.CharField(max_length=200, blank=True)
    # The QIO taking over: its staff read the note (seed 001, Completion: "hand-off activities
    # ... to the incoming contractor"); nobody else outside the incumbent and CMS does.
    incoming_qio = models.ForeignKey(Organization, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="incoming_handoff_notes",
                                     verbose_name="incoming QIO")
    body = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: {self.body[:60]}"
