"""Reactions on posts and library items: "interact with a post or a topic such as an emoji,
like, etc." (seed 001). A fixed set, so they can be counted and reported."""

from django.conf import settings
from django.db import models


class ReactionKind(models.TextChoices):
    LIKE = "like", "👍 Like"
    LOVE = "love", "❤️ Love"
    CELEBRATE = "celebrate", "🎉 Celebrate"
    INSIGHTFUL = "insightful", "💡 Insightful"
    THANKS = "thanks", "🙏 Thanks"


class Reaction(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="connect_reactions")
    kind = models.CharField(max_length=12, choices=ReactionKind.choices)
    post = models.ForeignKey("qio_connect.Post", on_delete=models.CASCADE, null=True,
                             blank=True, related_name="reactions")
    item = models.ForeignKey("qio_connect.LibraryItem", on_delete=models.CASCADE, null=True,
                             blank=True, related_name="reactions")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(post__isnull=False, item__isnull=True)
                           | models.Q(post__isnull=True, item__isnull=False)),
                name="connect_reaction_has_one_target"),
            models.UniqueConstraint(fields=["user", "post", "kind"],
                                    condition=models.Q(post__isnull=False),
                                    name="connect_one_reaction_per_post"),
            models.UniqueConstraint(fields=["user", "item", "kind"],
                                    condition=models.Q(item__isnull=False),
                                    name="connect_one_reaction_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}"
