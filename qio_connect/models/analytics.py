"""One row per page view and per search: cheap to write (a single insert), aggregated only by
the report queries (seed 001, Dashboards & Reports: views per page, how many people read a
post, search terms, level of engagement)."""

from django.conf import settings
from django.db import models

from qis_portal.models import Organization


class PageView(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.SET_NULL, null=True,
                                     related_name="+")
    path = models.CharField(max_length=255)
    label = models.CharField(max_length=200, blank=True)
    item = models.ForeignKey("qio_connect.LibraryItem", on_delete=models.SET_NULL, null=True,
                             related_name="views")
    post = models.ForeignKey("qio_connect.Post", on_delete=models.SET_NULL, null=True,
                             related_name="views")
    event = models.ForeignKey("qio_connect.Event", on_delete=models.SET_NULL, null=True,
                              related_name="views")
    group = models.ForeignKey("qio_connect.Group", on_delete=models.SET_NULL, null=True,
                              related_name="views")
    viewed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-viewed_at", "-id"]
        indexes = [models.Index(fields=["path", "viewed_at"], name="connect_view_path_at")]

    def __str__(self) -> str:
        return f"{self.path} at {self.viewed_at:%Y-%m-%d %H:%M}"


class SearchLog(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.SET_NULL, null=True,
                                     related_name="+")
    terms = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, db_index=True)
    results = models.PositiveIntegerField(default=0)
    searched_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-searched_at", "-id"]

    def __str__(self) -> str:
        return self.terms
