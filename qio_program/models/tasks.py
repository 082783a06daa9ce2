"""The work basket: tasks, their comments, and the groups a task can be assigned to."""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from qis_portal.models import Organization

# Undated tasks sort after every dated one.
FAR_FUTURE = date(9999, 12, 31)


class TaskPriority(models.TextChoices):
    CRITICAL = "critical", "Critical"
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class TaskType(models.TextChoices):
    FQS_REFERRAL = "fqs_referral", "FQS Referral"
    OTHER = "other", "Other"


class TaskQueue(models.TextChoices):
    SUPPORT_TEAM = "support_team", "QIO support team"
    AHQT = "ahqt", "AHQT assessments"


class TaskStatus(models.TextChoices):
    OPEN = "open", "Open"
    COMPLETED = "completed", "Completed"


class WorkGroup(models.Model):
    """A named group of one QIO's users; a task assigned to it is shared by its members."""

    qio = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="work_groups")
    name = models.CharField(max_length=120)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="work_groups",
                                     blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["qio", "name"], name="qio_workgroup_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Task(FSMModelMixin, models.Model):
    """A work-basket task of one QIO (seed 001, Work Basket). CMS roles have none."""

    qio = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="tasks")
    subject = models.CharField(max_length=255)
    task_type = models.CharField(max_length=20, choices=TaskType.choices, default=TaskType.OTHER)
    priority = models.CharField(max_length=10, choices=TaskPriority.choices,
                                default=TaskPriority.MEDIUM)
    status = FSMField(max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN,
                      protected=True, db_index=True)
    due_date = models.DateField(null=True, blank=True, db_index=True)
    # The basket's sort key (soonest due first, undated last), stored so that each basket, and
    # each half of My Tasks (mine, my groups'), reads its page straight from an index.
    due_sort = models.GeneratedField(
        expression=Coalesce("due_date", models.Value(FAR_FUTURE)),
        output_field=models.DateField(), db_persist=True)
    related_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    related_id = models.PositiveBigIntegerField(null=True, blank=True)
    related = GenericForeignKey("related_type", "related_id")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="owned_tasks",
                              help_text="Who created the task (empty for automatic tasks).")
    assigned_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="assigned_tasks")
    assigned_group = models.ForeignKey(WorkGroup, on_delete=models.SET_NULL, null=True,
                                       blank=True, related_name="tasks")
    assigned_queue = models.CharField(max_length=20, choices=TaskQueue.choices, blank=True)
    description = models.TextField(blank=True)
    # Automatic tasks carry a key ("ahqt:provider:42") so they are created once.
    auto_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["status", "due_date", "id"]
        indexes = [
            models.Index(fields=["qio", "status", "due_sort", "id"], name="qio_task_basket"),
            models.Index(fields=["assigned_user", "status", "due_sort", "id"],
                         name="qio_task_user_basket"),
            models.Index(fields=["assigned_group", "status", "due_sort", "id"],
                         name="qio_task_group_basket"),
            models.Index(fields=["related_type", "related_id"]),
            models.Index(fields=["qio", "assigned_queue", "status", "due_sort", "id"],
                         name="qio_task_queue"),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("qio_program:task_detail", args=[self.pk])

    @property
    def region(self) -> str:
        return self.qio.region

    @property
    def assignee_label(self) -> str:
        if self.assigned_user_id:
            return str(self.assigned_user)
        if self.assigned_group_id:
            return f"Group: {self.assigned_group}"
        if self.assigned_queue:
            return f"Queue: {self.get_assigned_queue_display()}"
        return "Unassigned"

    @transition(field=status, source=TaskStatus.OPEN, target=TaskStatus.COMPLETED)
    def complete(self):
        """Mark the task done (the service records when and by whom)."""

    @transition(field=status, source=TaskStatus.COMPLETED, target=TaskStatus.OPEN)
    def reopen(self):
        """Reopen a completed task."""


class TaskComment(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    body = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment on {self.task}"
