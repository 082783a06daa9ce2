"""Reactions on posts and library items: a fixed set, toggled (seed 001: "Can interact with a
post or a topic such as an emoji, like, etc.")."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from qis_portal.services.notifications import notify_on_commit
from qis_portal.workflow import require_permission

from ..models import LibraryItem, Post, Reaction, ReactionKind
from .common import url

KIND = "connect.post_activity"


def reaction_toggle(*, actor, kind: str, post: Post | None = None,
                    item: LibraryItem | None = None, request=None) -> bool:
    """Add the reaction, or take it back if the user had it; returns True when it is on."""
    require_permission(actor, "qio_connect.react", post or item, action="reaction.toggle",
                       request=request)
    if kind not in ReactionKind.values:
        raise ValidationError({"kind": "Choose one of the listed reactions."})
    if (post is None) == (item is None):
        raise ValidationError({"kind": "React to one post or one library item."})
    if item is not None and item.status != LibraryItem.Status.PUBLISHED:
        raise ValidationError({"kind": "Only published content takes reactions."})
    target = {"post": post} if post is not None else {"item": item}
    with transaction.atomic():
        deleted, _ = Reaction.objects.filter(user=actor, kind=kind, **target).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                Reaction.objects.create(user=actor, kind=kind, **target)
        except IntegrityError:
            return True  # a double click: the first request already added it
        if post is not None:
            label = ReactionKind(kind).label
            notify_on_commit(
                recipients=[post.author], kind=KIND, exclude=actor,
                title=f"{actor} reacted {label} to your post in {post.group.name}"[:200],
                url=url("post_detail", post.pk),
                idempotency_key=f"connect.reaction:{post.pk}:{actor.pk}:{kind}")
    return True
