"""Posts and replies in discussion groups ("Chatter will be enabled within the site", seed
001); authors edit their own; the author, the group's facilitators or a moderator delete."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from qis_portal.models import User
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.validation import require_text
from qis_portal.workflow import ActionDenied, lock, require_permission

from ..models import Group, GroupMember, Post
from ..selectors.scope import can_see_group
from .common import url

POST_KIND = "connect.group_post"
ACTIVITY_KIND = "connect.post_activity"


@transaction.atomic
def post_create(*, actor, group: Group, body: str, parent: Post | None = None,
                request=None) -> Post:
    require_permission(actor, "qio_connect.add_post", action="post.create", request=request)
    if not can_see_group(actor, group):
        raise ActionDenied("You cannot post in this group.", action="post.create", target=group)
    body = require_text(body, "body", "Write something.", 10000)
    if parent is not None and (parent.group_id != group.pk or parent.parent_id is not None):
        raise ValidationError({"parent": "Reply to a post of this group."})
    post = Post.objects.create(group=group, author=actor, parent=parent, body=body)
    if parent is None:
        followers = User.objects.filter(
            pk__in=GroupMember.objects.filter(group=group).values("user_id"))
        facilitators = User.objects.filter(pk__in=group.facilitator_ids())
        notify_on_commit(recipients=[*followers, *facilitators], kind=POST_KIND, exclude=actor,
                         title=f"New post in {group.name}"[:200], body=post.excerpt,
                         url=url("post_detail", post.pk))
    else:
        notify_on_commit(recipients=[parent.author], kind=ACTIVITY_KIND, exclude=actor,
                         title=f"{actor} replied to your post in {group.name}"[:200],
                         body=post.excerpt, url=url("post_detail", parent.pk))
    return post


@transaction.atomic
def post_update(*, actor, post: Post, body: str, request=None) -> Post:
    locked = lock(Post, post.pk)
    require_permission(actor, "qio_connect.change_post", locked, action="post.edit",
                       request=request)
    locked.body = require_text(body, "body", "Write something.", 10000)
    locked.edited_at = timezone.now()
    locked.save()
    return locked


@transaction.atomic
def post_delete(*, actor, post: Post, request=None) -> None:
    locked = lock(Post, post.pk)
    require_permission(actor, "qio_connect.delete_post", locked, action="post.delete",
                       request=request)
    audit_record(action="post.delete", actor=actor, target=locked, request=request,
                 note="" if locked.author_id == actor.pk else "Removed by a moderator.",
                 details={"group": locked.group_id, "author": locked.author.email,
                          "replies": locked.replies.count()})
    locked.delete()
