"""Non-FQS Support as a tracked hand-off (seed 001, FQS Request Approval: "If provider is on
SPL, request is sent to Non-FQS Support"; the COR "Receives the Non-FQS Support request so
that the COR can work with the QIO to get it into the regular QI engagement work"). The QIO of
the facility's region accepts it or declines it with a reason; the COR sees which."""

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from qio_program.models import Provider, Task
from qis_portal.models import Organization

from .requests import FqsRequest


class SupportHandoff(FSMModelMixin, models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Awaiting the QIO"
        ACCEPTED = "accepted", "Accepted by the QIO"
        DECLINED = "declined", "Declined by the QIO"

    status = FSMField(max_length=20, choices=Status.choices, default=Status.OPEN,
                      protected=True, db_index=True)
    fqs_request = models.OneToOneField(FqsRequest, on_delete=models.PROTECT,
                                       related_name="support_handoff")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT,
                                 related_name="support_handoffs")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="fqs_support_handoffs", verbose_name="QIO")
    task = models.ForeignKey(Task, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "Non-FQS support hand-off"
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        return f"Non-FQS support #{self.pk}: {self.provider}"

    def get_absolute_url(self) -> str:
        return f"/fqs/handoffs/{self.pk}/"

    @transition(field=status, source=Status.OPEN, target=Status.ACCEPTED)
    def accept(self):
        """The QIO takes the need into its regular QI engagement work."""

    @transition(field=status, source=Status.OPEN, target=Status.DECLINED)
    def decline(self):
        """The QIO declines, with a reason the COR reads."""
