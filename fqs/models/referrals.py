"""The FQS referral: assignment, launch, initiation, QAP agreement, execution, close-out (seed
001, FQS Referral Execution). Sprint arithmetic lives in fqs/sprint.py."""

from datetime import date

from django.conf import settings
from django.db import models
from django_fsm import GET_STATE, FSMField, FSMModelMixin, transition

from qio_program.models import Provider, Task
from qis_portal.models import Organization
from qis_portal.regions import Region

from .activations import Activation, ActivationProvider
from .choices import CloseoutReason, SprintDays


class Referral(FSMModelMixin, models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "In the QIO support team queue"
        ASSIGNED = "assigned", "Assigned, awaiting launch"
        INITIATION = "initiation", "Initiation"
        QAP = "qap", "QAP agreement"
        EXECUTION = "execution", "Execution"
        ON_HOLD = "on_hold", "On hold"
        CLOSED = "closed", "Closed out"

    # The sprint clock runs in these states; ON_HOLD stops it.
    RUNNING = (Status.INITIATION, Status.QAP, Status.EXECUTION)
    LAUNCHED = (*RUNNING, Status.ON_HOLD)

    status = FSMField(max_length=20, choices=Status.choices, default=Status.QUEUED,
                      protected=True, db_index=True)
    activation = models.ForeignKey(Activation, on_delete=models.PROTECT, related_name="referrals")
    activation_provider = models.OneToOneField(ActivationProvider, on_delete=models.PROTECT,
                                               related_name="referral")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="fqs_referrals",
                                 help_text="Empty until the QIO creates a facility not yet in "
                                           "the directory.")
    # The QIO the referral is deployed to; named `organization` like every tenant-owned row.
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="fqs_referrals", verbose_name="QIO")
    region = models.CharField(max_length=40, choices=Region.choices, db_index=True)
    task = models.ForeignKey(Task, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="fqs_referrals")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    assigned_at = models.DateTimeField(null=True, blank=True)
    launch_due_date = models.DateField(null=True, blank=True, db_index=True)
    launch_overdue_notified_at = models.DateTimeField(null=True, blank=True)
    launched_at = models.DateTimeField(null=True, blank=True)
    # Sprint: start at launch; end = start + 15 or 30 days, +7 per extension, + held days.
    sprint_days = models.PositiveSmallIntegerField(choices=SprintDays.choices)
    sprint_start = models.DateField(null=True, blank=True)
    sprint_end = models.DateField(null=True, blank=True, db_index=True)
    extension_count = models.PositiveSmallIntegerField(default=0)
    hold_started_on = models.DateField(null=True, blank=True)
    held_from_status = models.CharField(max_length=20, blank=True)
    held_days_total = models.PositiveIntegerField(default=0)
    # Initiation (seed 001: agreement with the provider, RCA, plans of action, baseline).
    provider_engaged_on = models.DateField("date the provider agreed to engage", null=True,
                                           blank=True)
    root_causes = models.TextField("root causes (RCA)", max_length=5000, blank=True)
    action_plans = models.TextField("plans of action", max_length=5000, blank=True)
    baseline_metrics = models.TextField(max_length=5000, blank=True)
    # QAP agreement (seed 001: planned interventions, sustainability plan, date agreed).
    planned_interventions = models.TextField(max_length=5000, blank=True)
    sustainability_plan = models.TextField(max_length=5000, blank=True)
    qap_agreed_on = models.DateField("date the provider agreed to the QAP", null=True,
                                     blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closeout_reason = models.CharField(max_length=30, choices=CloseoutReason.choices, blank=True)
    # Close-out values against the activation's close-out metric (seed 001, FQS Activation:
    # "Evaluation (close out) metrics"; "Enter their baseline value (related to metrics)").
    closeout_metric = models.CharField(max_length=200, blank=True)
    closeout_baseline_value = models.DecimalField(max_digits=12, decimal_places=4, null=True,
                                                  blank=True)
    closeout_final_value = models.DecimalField(
        max_digits=12, decimal_places=4, null=True, blank=True,
        help_text="The last outcome measured before close-out; empty when none was recorded.")
    closeout_final_measured_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "FQS referral"
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        return f"FQS referral #{self.pk}: {self.facility_label}"

    @property
    def facility_label(self) -> str:
        return self.provider.name if self.provider_id else self.activation_provider.facility_label

    @property
    def closeout_change(self):
        """Final minus baseline on the close-out metric, once both are recorded."""
        if self.closeout_final_value is None or self.closeout_baseline_value is None:
            return None
        return self.closeout_final_value - self.closeout_baseline_value

    def days_left(self, today: date) -> int | None:
        """Calendar days until the sprint end date; a held sprint's clock is stopped."""
        from fqs.sprint import days_left

        return days_left(self, today)

    @transition(field=status, source=[Status.QUEUED, Status.ASSIGNED], target=Status.ASSIGNED)
    def assign(self):
        """A QIO manager assigns (or reassigns) an associate."""

    @transition(field=status, source=Status.ASSIGNED, target=Status.INITIATION)
    def launch(self):
        """The associate launches the FQS; the sprint starts."""

    @transition(field=status, source=Status.INITIATION, target=Status.QAP)
    def complete_initiation(self):
        """Agreement, root causes, plans of action and baseline recorded."""

    @transition(field=status, source=Status.QAP, target=Status.EXECUTION)
    def agree_qap(self):
        """The provider agreed to the FQS QAP on a recorded date."""

    @transition(field=status, source=list(RUNNING), target=Status.ON_HOLD)
    def place_on_hold(self):
        """An approved hold request stops the sprint clock."""

    def _resume_state(self) -> str:
        return self.held_from_status or self.Status.INITIATION

    @transition(field=status, source=Status.ON_HOLD,
                target=GET_STATE(_resume_state, states=list(RUNNING)))
    def resume(self):
        """Back to the step it was held in; the end date moves by the held days."""

    @transition(field=status, source=list(LAUNCHED), target=Status.CLOSED)
    def close_out(self):
        """At the sprint end date, or on an approved early close-out request."""


class ReferralIntervention(models.Model):
    """An intervention performed with the provider during execution."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE,
                                 related_name="interventions")
    performed_on = models.DateField()
    description = models.TextField(max_length=5000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["performed_on", "id"]

    def __str__(self) -> str:
        return f"Intervention {self.performed_on} on referral #{self.referral_id}"


class ReferralOutcome(models.Model):
    """Outcome data collected to monitor progress against the activation's baseline."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="outcomes")
    measured_on = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=4)
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measured_on", "id"]

    def __str__(self) -> str:
        return f"Outcome {self.value} on {self.measured_on}"

    @property
    def change_from_baseline(self):
        return self.value - self.referral.activation_provider.baseline_value
