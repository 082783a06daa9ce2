"""The e-mail outbox: every e-mail the portal sends is first a row, written in the same
transaction as the notification that causes it, so no broker outage can lose it."""

from django.db import models


class OutboundEmail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending (claimed by a worker)"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (gave up)"

    notification = models.ForeignKey("qis_portal.Notification", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="emails")
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    # Fixed when the row is written: a repeat after a crash carries the same Message-ID, so
    # the recipient's mail system can tell it is the same message.
    message_id = models.CharField(max_length=250, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_status_created")]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject} ({self.status})"
