"""Early close-out, 7-day extension and place-on-hold requests, each decided by the COR (seed
001, Closeout Phase). One model with a kind; each row has its own small state machine."""

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from .choices import CloseoutReason, SprintRequestKind
from .referrals import Referral


class SprintRequest(FSMModelMixin, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting COR decision"
        APPROVED = "approved", "Approved by the COR"
        REJECTED = "rejected", "Rejected by the COR"
        WITHDRAWN = "withdrawn", "Withdrawn by the QIO"

    Kind = SprintRequestKind

    status = FSMField(max_length=20, choices=Status.choices, default=Status.PENDING,
                      protected=True, db_index=True)
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE,
                                 related_name="sprint_requests")
    kind = models.CharField(max_length=20, choices=SprintRequestKind.choices, db_index=True)
    closeout_reason = models.CharField(
        max_length=30, blank=True,
        choices=[(c.value, c.label) for c in CloseoutReason if c != CloseoutReason.SPRINT_ENDED],
        help_text="Early close-out requests only.")
    justification = models.TextField(max_length=2000)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(max_length=2000, blank=True)
    # Set once when an extension or hold is still undecided 1 business day after the sprint's
    # end date (the referral stays open meanwhile: fqs/services/closeout.py).
    escalated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "sprint request"
        constraints = [
            # One open request of a kind per referral: a second would be decided twice.
            models.UniqueConstraint(fields=["referral", "kind"],
                                    condition=models.Q(status="pending"),
                                    name="fqs_one_pending_request_per_kind"),
            models.CheckConstraint(
                condition=~models.Q(kind="closeout", closeout_reason=""),
                name="fqs_closeout_request_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} request #{self.pk} on referral #{self.referral_id}"

    @transition(field=status, source=Status.PENDING, target=Status.APPROVED)
    def approve(self):
        """The COR approves; the service applies the effect to the referral."""

    @transition(field=status, source=Status.PENDING, target=Status.REJECTED)
    def reject(self):
        """The COR rejects, with a reason."""

    @transition(field=status, source=Status.PENDING, target=Status.WITHDRAWN)
    def withdraw(self):
        """The QIO takes its own request back before the COR decides."""
