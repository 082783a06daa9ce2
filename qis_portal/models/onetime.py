"""Signed, single-use, expiring links for people who have no portal account (a provider's
QI lead signing a PSA, a contact answering a survey, an invitee). The service is
`qis_portal.onetime_links`; this row is what the link points at."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class OneTimeLink(models.Model):
    purpose = models.CharField(max_length=60, db_index=True,
                               help_text="What the link lets its holder do, e.g. psa.sign.")
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    recipient_email = models.EmailField()
    recipient_name = models.CharField(max_length=200, blank=True)
    # Only a hash of the link's secret is kept: the database alone cannot rebuild a link.
    secret_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_ip = models.GenericIPAddressField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "purpose"],
                                name="onetime_link_target")]

    def __str__(self) -> str:
        return f"{self.purpose} link for {self.recipient_email}"
