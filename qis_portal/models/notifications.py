"""In-app notifications, their e-mail copies, and each user's per-kind switches."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    in_app = models.BooleanField(default=True, help_text="False: the user wants e-mail only.")
    email_wanted = models.BooleanField(default=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # A sweep passes a key per (deadline, recipient), so running it twice notifies once.
    idempotency_key = models.CharField(max_length=200, null=True, blank=True)
    # An action notification ("... awaits your approval") names the object awaiting the
    # recipient; the next workflow step of that object, whoever takes it, resolves it.
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True,
                                    blank=True, related_name="+")
    target_id = models.CharField(max_length=64, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "in_app", "read_at"]),
                   models.Index(fields=["target_type", "target_id"],
                                name="notification_target_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "idempotency_key"], name="notification_once_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient}: {self.title}"

    @property
    def awaits_action(self) -> bool:
        return self.target_type_id is not None


class NotificationPreference(models.Model):
    """A user's switch for one kind; no row means both channels are on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_prefs"
    )
    kind = models.CharField(max_length=60)
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_pref_per_kind")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} (in app {self.in_app}, email {self.email})"
