"""The library: "the repository of articles, training, documents & FAQs" (seed 001, QIO
Connect, Library). Content types: written articles, uploaded documents, uploaded videos and
links to external content; each candidate enters Draft and the NLC / Delegated Administrator
approves, rejects or edits it before it is published."""

import uuid

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from qis_portal.models import Organization
from qis_portal.uploads import extension_of


class Category(models.Model):
    """A topic ("Categorize and organize content by topic and/or tag")."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def library_upload_to(instance, filename: str) -> str:
    """A server-generated name: nothing of the uploaded name is kept but its extension."""
    return f"connect/library/{uuid.uuid4().hex}.{extension_of(filename)}"


class LibraryItem(FSMModelMixin, models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", "Written article"
        DOCUMENT = "document", "Document (PDF, Word or PowerPoint)"
        VIDEO = "video", "Video (MP4)"
        LINK = "link", "Link to external content"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft: awaiting approval"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Returned to the author"

    class Audience(models.TextChoices):
        PUBLIC = "public", "All program users"
        ORGANIZATION = "organization", "My organization only"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = FSMField(max_length=12, choices=Status.choices, default=Status.DRAFT,
                      protected=True, db_index=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=500, blank=True)
    body = models.TextField(max_length=50000, blank=True)
    file = models.FileField(upload_to=library_upload_to, max_length=200, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    captions = models.FileField(upload_to=library_upload_to, max_length=200, blank=True,
                                help_text="WebVTT captions for a video (Section 508).")
    external_url = models.URLField("link to the external content", max_length=500, blank=True)
    original_published_on = models.DateField(
        "original publish date", null=True, blank=True,
        help_text="When the external content was first published elsewhere.")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="items", verbose_name="topic")
    tags = models.ManyToManyField(Tag, blank=True, related_name="items")
    audience = models.CharField(max_length=12, choices=Audience.choices,
                                default=Audience.PUBLIC)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="connect_items")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True,
        related_name="connect_items", help_text="The author's organization, set by the server.")
    submitted_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField("publish date in QIO Connect", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decision_note = models.TextField(max_length=2000, blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-published_at", "-submitted_at", "-id"]
        verbose_name = "library item"
        constraints = [
            models.CheckConstraint(condition=~models.Q(kind="link", external_url=""),
                                   name="connect_link_has_url"),
            models.CheckConstraint(condition=~models.Q(kind="article", body=""),
                                   name="connect_article_has_body"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_file(self) -> bool:
        return self.kind in (self.Kind.DOCUMENT, self.Kind.VIDEO) and bool(self.file)

    @transition(field=status, source=Status.DRAFT, target=Status.PUBLISHED)
    def approve(self):
        """The NLC / Delegated Administrator publishes the candidate."""

    @transition(field=status, source=Status.DRAFT, target=Status.REJECTED)
    def reject(self):
        """Returned to the author with a reason (stored by the service)."""

    @transition(field=status, source=Status.REJECTED, target=Status.DRAFT)
    def resubmit(self):
        """The author sends an amended candidate back for approval."""

    @transition(field=status, source=Status.PUBLISHED, target=Status.DRAFT)
    def revise(self):
        """An author's own edit of published content goes back through approval."""


class ChangeRequest(FSMModelMixin, models.Model):
    """"Users can submit requests to modify existing content to NLC" (seed 001)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACCEPTED = "accepted", "Accepted: content changed"
        DECLINED = "declined", "Declined"

    item = models.ForeignKey(LibraryItem, on_delete=models.CASCADE,
                             related_name="change_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="connect_change_requests")
    body = models.TextField("what should change", max_length=2000)
    status = FSMField(max_length=10, choices=Status.choices, default=Status.OPEN,
                      protected=True, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decision_note = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "change request"

    def __str__(self) -> str:
        return f"Change request #{self.pk} on {self.item}"

    @transition(field=status, source=Status.OPEN, target=Status.ACCEPTED)
    def accept(self):
        """The requested change was made."""

    @transition(field=status, source=Status.OPEN, target=Status.DECLINED)
    def decline(self):
        """Not changed; the reason is stored by the service."""
