"""Discussion groups and communities (seed 001, QIO Connect): a QIO's private community,
user-created groups (private unless made public to all program users), private channels such
as COR-to-QIO, each run by a facilitator and a co-facilitator; posts with replies."""

from django.conf import settings
from django.db import models

from qis_portal.models import Organization


class Group(models.Model):
    class Kind(models.TextChoices):
        COMMUNITY = "community", "QIO community"
        GROUP = "group", "Discussion group"
        CHANNEL = "channel", "Private channel"

    class Visibility(models.TextChoices):
        PRIVATE = "private", "Private: my organization and invited members"
        PUBLIC = "public", "Public: all program users"

    name = models.CharField(max_length=150)
    description = models.TextField(max_length=2000, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.GROUP)
    visibility = models.CharField(max_length=10, choices=Visibility.choices,
                                  default=Visibility.PRIVATE)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="connect_groups",
        help_text="The organization whose users see a private group.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    co_facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                       null=True, blank=True, related_name="+",
                                       verbose_name="co-facilitator")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="GroupMember",
                                     through_fields=("group", "user"),
                                     related_name="connect_groups", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["kind", "name", "id"]
        verbose_name = "discussion group"
        constraints = [
            models.UniqueConstraint(fields=["organization"], condition=models.Q(kind="community"),
                                    name="connect_one_community_per_org"),
            models.CheckConstraint(
                condition=models.Q(kind="group") | models.Q(visibility="private"),
                name="connect_communities_and_channels_are_private"),
            models.CheckConstraint(
                condition=models.Q(facilitator__isnull=True)
                | ~models.Q(facilitator=models.F("co_facilitator")),
                name="connect_two_distinct_facilitators"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    def facilitator_ids(self) -> set[int]:
        return {pk for pk in (self.facilitator_id, self.co_facilitator_id) if pk}


class GroupMember(models.Model):
    """An explicit member: someone who joined to follow a group, or was added to a private
    group or channel from outside its organization (a COR in a COR-to-QIO channel)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="connect_memberships")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="+")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [models.UniqueConstraint(fields=["group", "user"],
                                               name="connect_one_membership")]

    def __str__(self) -> str:
        return f"{self.user} in {self.group}"


class Post(models.Model):
    """A post in a group, or a reply to one (one level of replies, like a forum thread)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="connect_posts")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="replies")
    body = models.TextField(max_length=10000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.author}: {self.excerpt}"

    @property
    def excerpt(self) -> str:
        text = " ".join(self.body.split())
        return text if len(text) <= 80 else text[:77] + "…"
