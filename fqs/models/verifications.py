"""The evidence of a facility's Medicare certification (seed 001, FQS Request Approval:
"Determine if the facility is on the SPL and if Medicare Cert is verified"; QIO lane: "If I am
working with an FQS provider, who is not on SPL (but has Med Cert), I will upload their
credentials"). Who verified, when, against which source, and the document itself; required
before intake approves an off-SPL facility and before a referral is launched."""

import uuid

from django.conf import settings
from django.db import models

from qio_program.models import Provider
from qis_portal.uploads import extension_of

from .requests import FqsRequest


def verification_upload_to(instance, filename: str) -> str:
    return f"fqs/medicare/{uuid.uuid4().hex}.{extension_of(filename)}"


class MedicareVerification(models.Model):
    fqs_request = models.ForeignKey(FqsRequest, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="medicare_verifications")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="medicare_verifications")
    source = models.CharField("where the certification was verified", max_length=200)
    verified_on = models.DateField("date verified")
    document = models.FileField(upload_to=verification_upload_to, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = "Medicare certification verification"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fqs_request__isnull=False) | models.Q(provider__isnull=False),
                name="fqs_verification_names_a_request_or_provider"),
        ]

    def __str__(self) -> str:
        return f"Medicare certification verified {self.verified_on} ({self.source})"
