"""Events (seed 001, QIO Connect, Events): a public calendar for all QIOs and private
calendars per QIO group; users submit events for approval; subscribe, follow, like and give
feedback; add an event to a personal calendar (.ics)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from qis_portal.models import Organization

from .groups import Group


class Event(FSMModelMixin, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting approval"
        APPROVED = "approved", "On the calendar"
        REJECTED = "rejected", "Not approved"
        CANCELLED = "cancelled", "Cancelled"

    title = models.CharField(max_length=200)
    description = models.TextField(max_length=5000, blank=True)
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    online_url = models.URLField("online meeting link", max_length=500, blank=True)
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, null=True, blank=True, related_name="events",
        verbose_name="calendar", help_text="Empty: the public calendar of all QIOs.")
    status = FSMField(max_length=10, choices=Status.choices, default=Status.PENDING,
                      protected=True, db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="connect_events")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="connect_events")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decision_note = models.TextField(max_length=2000, blank=True)
    # RFC 5545 SEQUENCE: raised on each change after approval, so calendars take the update.
    sequence = models.PositiveIntegerField(default=0)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="connect_event_ends_after_start")]

    def __str__(self) -> str:
        return self.title

    @property
    def calendar_label(self) -> str:
        return self.group.name if self.group_id else "Public calendar"

    @transition(field=status, source=Status.PENDING, target=Status.APPROVED)
    def approve(self):
        """On the calendar."""

    @transition(field=status, source=Status.PENDING, target=Status.REJECTED)
    def reject(self):
        """Not approved; the reason is stored by the service."""

    @transition(field=status, source=[Status.PENDING, Status.APPROVED], target=Status.CANCELLED)
    def cancel(self):
        """Withdrawn by its submitter or cancelled by an approver."""


class EventSubscription(models.Model):
    """Subscribe (reminders and changes), follow (changes) or like an event."""

    class Kind(models.TextChoices):
        SUBSCRIBE = "subscribe", "Subscribe"
        FOLLOW = "follow", "Follow"
        LIKE = "like", "Like"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="connect_event_subscriptions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "user", "kind"],
                                               name="connect_one_subscription_per_kind")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.event}"


class EventFeedback(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="connect_event_feedback")
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (poor) to 5 (excellent).")
    comment = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "event feedback"
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="connect_one_feedback"),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5),
                                   name="connect_rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.user} rated {self.event} {self.rating}/5"
