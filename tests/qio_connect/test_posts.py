"""Posts, replies and reactions: "Chatter will be enabled within the site"; "Can interact with
a post or a topic such as an emoji, like, etc." (seed 001)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qio_connect import selectors, services
from qio_connect.models import Post, Reaction, ReactionKind
from qis_portal.models import AuditEvent, Notification

pytestmark = pytest.mark.django_db


def test_a_post_notifies_the_followers_and_facilitators_but_not_its_author(
        associate_ann, associate_wes, nlc_nia, public_group, django_capture_on_commit_callbacks):
    services.group_join(actor=associate_wes, group=public_group)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(actor=associate_ann, group=public_group, body="Hello all")
    told = set(Notification.objects.filter(kind="connect.group_post")
               .values_list("recipient__email", flat=True))
    assert told == {associate_wes.email, nlc_nia.email}


def test_a_reply_tells_the_posts_author(associate_ann, associate_wes, public_group,
                                        django_capture_on_commit_callbacks):
    post = services.post_create(actor=associate_ann, group=public_group, body="Question?")
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.post_create(actor=associate_wes, group=public_group, parent=post,
                                     body="Answer.")
    assert reply.parent == post
    assert Notification.objects.filter(recipient=associate_ann,
                                       kind="connect.post_activity").exists()


def test_a_reply_stays_in_its_group_and_one_level_deep(associate_ann, public_group,
                                                       community_ne):
    post = services.post_create(actor=associate_ann, group=public_group, body="Q")
    reply = services.post_create(actor=associate_ann, group=public_group, parent=post, body="A")
    with pytest.raises(ValidationError):
        services.post_create(actor=associate_ann, group=community_ne, parent=post, body="x")
    with pytest.raises(ValidationError):
        services.post_create(actor=associate_ann, group=public_group, parent=reply, body="x")


def test_nobody_posts_in_another_qios_private_group(associate_wes, community_ne):
    with pytest.raises(PermissionDenied):
        services.post_create(actor=associate_wes, group=community_ne, body="Hi")


def test_posts_of_a_private_group_are_invisible_to_another_qio(associate_ann, associate_wes,
                                                               community_ne):
    post = services.post_create(actor=associate_ann, group=community_ne, body="Internal")
    assert post in selectors.posts_for(associate_ann)
    assert post not in selectors.posts_for(associate_wes)


def test_reactions_come_from_a_fixed_set_and_toggle(associate_ann, associate_wes, public_group,
                                                    django_capture_on_commit_callbacks):
    post = services.post_create(actor=associate_ann, group=public_group, body="Q")
    assert set(ReactionKind.values) == {"like", "love", "celebrate", "insightful", "thanks"}
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reaction_toggle(actor=associate_wes, post=post, kind="like") is True
    assert services.reaction_toggle(actor=associate_wes, post=post, kind="celebrate") is True
    assert services.reaction_toggle(actor=associate_wes, post=post, kind="like") is False
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["celebrate"]
    with pytest.raises(ValidationError):
        services.reaction_toggle(actor=associate_wes, post=post, kind="angry")
    assert Notification.objects.filter(recipient=associate_ann,
                                       kind="connect.post_activity").count() == 1


def test_liking_again_after_undoing_does_not_notify_twice(associate_ann, associate_wes,
                                                          public_group,
                                                          django_capture_on_commit_callbacks):
    post = services.post_create(actor=associate_ann, group=public_group, body="Q")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            services.reaction_toggle(actor=associate_wes, post=post, kind="like")
    assert Notification.objects.filter(kind="connect.post_activity").count() == 1


def test_authors_edit_their_own_posts_only(associate_ann, associate_wes, public_group):
    post = services.post_create(actor=associate_ann, group=public_group, body="Typo")
    post = services.post_update(actor=associate_ann, post=post, body="Fixed")
    assert post.body == "Fixed" and post.edited_at is not None
    with pytest.raises(PermissionDenied):
        services.post_update(actor=associate_wes, post=post, body="Vandal")


def test_the_groups_facilitator_removes_a_post_and_it_is_audited(associate_wes, nlc_nia,
                                                                  associate_ann, public_group):
    post = services.post_create(actor=associate_wes, group=public_group, body="Off topic")
    with pytest.raises(PermissionDenied):
        services.post_delete(actor=associate_ann, post=post)
    services.post_delete(actor=nlc_nia, post=post)
    assert not Post.objects.filter(pk=post.pk).exists()
    event = AuditEvent.objects.get(action="post.delete")
    assert event.note == "Removed by a moderator."


def test_the_moderators_do_not_moderate_private_channels(cor_bob, associate_ann, admin_dee,
                                                         northeast_qio):
    channel = services.channel_create(actor=cor_bob, organization=northeast_qio)
    post = services.post_create(actor=associate_ann, group=channel, body="For the COR")
    assert not admin_dee.has_perm("qio_connect.delete_post", post)
    assert cor_bob.has_perm("qio_connect.delete_post", post)


def test_an_empty_post_is_refused(associate_ann, public_group):
    with pytest.raises(ValidationError):
        services.post_create(actor=associate_ann, group=public_group, body="   ")
