"""The measures a provider reports under one task order, pinned when its QAP is approved."""

from django.conf import settings
from django.db import models

from qio_program.lifecycle.models.contract import TaskOrder
from qio_program.models import OutcomeMeasure, Provider


class OutcomeMeasureSet(models.Model):
    """The catalogue's measures for the provider's setting on the day its first QAP was
    approved; they stay for the task order even when CMS changes the catalogue later."""

    task_order = models.ForeignKey(TaskOrder, on_delete=models.PROTECT,
                                   related_name="outcome_measure_sets")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT,
                                 related_name="outcome_measure_sets")
    measures = models.ManyToManyField(OutcomeMeasure, related_name="+")
    pinned_at = models.DateTimeField(auto_now_add=True)
    pinned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task_order", "provider"],
                                    name="one_measure_set_per_provider_and_task_order"),
        ]

    def __str__(self) -> str:
        return f"Measures of {self.provider} under {self.task_order.number}"
