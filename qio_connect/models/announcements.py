"""Targeted communications: "Ability for CMS to send targeted communications to specific QIO
organizations or All" (seed 001, QIO Connect)."""

from django.conf import settings
from django.db import models

from qis_portal.models import Organization


class Announcement(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=5000)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="connect_announcements")
    to_all = models.BooleanField("send to all QIOs", default=False)
    organizations = models.ManyToManyField(Organization, blank=True, related_name="+",
                                           verbose_name="QIO organizations")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title
