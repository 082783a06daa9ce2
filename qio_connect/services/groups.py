"""Discussion groups and communities (seed 001, QIO Connect): each QIO's private community is
created with the QIO; user-created groups are private unless their creator makes them public
to all program users; a facilitator and a co-facilitator run each group; CMS opens private
channels with a QIO ("Private channels will be enabled — example between COR and the QIO")."""

from django.core.exceptions import ValidationError
from django.db import transaction

from qis_portal.models import Organization, User
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.validation import optional_text, require_text
from qis_portal.workflow import lock, require_permission

from ..models import Group, GroupMember
from ..selectors.scope import can_see_group, is_connect_user
from .common import url

KIND = "connect.group_membership"
UNSET = object()


def community_ensure(*, organization: Organization) -> Group | None:
    """The QIO's private community, created once (one per QIO, enforced by a constraint)."""
    if not organization.is_qio:
        return None
    group, _ = Group.objects.get_or_create(
        kind=Group.Kind.COMMUNITY, organization=organization,
        defaults={"name": f"{organization.name} community"[:150],
                  "description": f"The private community of {organization.name}: only its "
                                 "users and invited members see it."},
    )
    return group


def _facilitator(user, group: Group, field: str) -> User | None:
    if user is None:
        return None
    if not isinstance(user, User) or not is_connect_user(user):
        raise ValidationError({field: "Choose a QIO Connect user."})
    return user


def _ensure_member(group: Group, user: User | None, actor) -> None:
    """A facilitator from outside a private group's organization becomes a member, or they
    could not see the group they run."""
    if user is None:
        return
    if group.is_public or user.organization_id == group.organization_id:
        return
    GroupMember.objects.get_or_create(group=group, user=user, defaults={"added_by": actor})


def _assign_facilitators(group: Group, facilitator, co_facilitator, actor) -> list[User]:
    before = group.facilitator_ids()
    if facilitator is not UNSET:
        group.facilitator = _facilitator(facilitator, group, "facilitator")
    if co_facilitator is not UNSET:
        group.co_facilitator = _facilitator(co_facilitator, group, "co_facilitator")
    if group.facilitator_id and group.facilitator_id == group.co_facilitator_id:
        raise ValidationError({"co_facilitator": "Choose two different people."})
    return [u for u in (group.facilitator, group.co_facilitator)
            if u is not None and u.pk not in before and u.pk != actor.pk]


@transaction.atomic
def group_create(*, actor, name: str, description: str = "", visibility: str = "private",
                 facilitator=UNSET, co_facilitator=UNSET, request=None) -> Group:
    """A user-created discussion group of the creator's organization; private by default."""
    require_permission(actor, "qio_connect.add_group", action="group.create", request=request)
    if actor.organization_id is None:
        raise ValidationError({"name": "Your account has no organization to hold the group."})
    if visibility not in Group.Visibility.values:
        raise ValidationError({"visibility": "Choose private or public."})
    group = Group(kind=Group.Kind.GROUP, visibility=visibility, created_by=actor,
                  organization=actor.organization,
                  name=require_text(name, "name", "Name the group.", 150),
                  description=optional_text(description, "description", 2000))
    assigned = _assign_facilitators(group, actor if facilitator is UNSET else facilitator,
                                    co_facilitator, actor)
    group.save()
    GroupMember.objects.create(group=group, user=actor, added_by=actor)
    for person in (group.facilitator, group.co_facilitator):
        _ensure_member(group, person, actor)
    audit_record(action="group.create", actor=actor, target=group, request=request,
                 details={"visibility": visibility})
    _tell_facilitators(group, assigned)
    return group


def _tell_facilitators(group: Group, people: list[User]) -> None:
    for person in people:
        role = "facilitator" if person.pk == group.facilitator_id else "co-facilitator"
        notify_on_commit(recipients=[person], kind=KIND,
                         title=f"You are the {role} of {group.name}"[:200],
                         url=url("group_detail", group.pk))


def group_update(*, actor, group: Group, name=None, description=None, visibility=None,
                 facilitator=UNSET, co_facilitator=UNSET, request=None) -> Group:
    with transaction.atomic():
        locked = lock(Group, group.pk)
        require_permission(actor, "qio_connect.change_group", locked, action="group.edit",
                           request=request)
        if name is not None:
            locked.name = require_text(name, "name", "Name the group.", 150)
        if description is not None:
            locked.description = optional_text(description, "description", 2000)
        if visibility is not None and visibility != locked.visibility:
            if locked.kind != Group.Kind.GROUP:
                raise ValidationError(
                    {"visibility": "A QIO community and a private channel stay private."})
            if visibility not in Group.Visibility.values:
                raise ValidationError({"visibility": "Choose private or public."})
            locked.visibility = visibility
        assigned = _assign_facilitators(locked, facilitator, co_facilitator, actor)
        locked.save()
        for person in (locked.facilitator, locked.co_facilitator):
            _ensure_member(locked, person, actor)
        audit_record(action="group.edit", actor=actor, target=locked, request=request,
                     details={"visibility": locked.visibility,
                              "facilitator": locked.facilitator_id,
                              "co_facilitator": locked.co_facilitator_id})
        _tell_facilitators(locked, assigned)
    return locked


@transaction.atomic
def channel_create(*, actor, organization: Organization, name: str = "", description: str = "",
                   members=(), request=None) -> Group:
    """A private channel between CMS (a COR) and one QIO: the QIO's users and the members
    added here see it; nobody else does, the moderators included."""
    require_permission(actor, "qio_connect.add_channel", action="channel.create", request=request)
    if not isinstance(organization, Organization) or not organization.is_qio:
        raise ValidationError({"organization": "Choose a QIO."})
    name = (name or "").strip() or f"{actor.get_full_name() or actor.email} – {organization.name}"
    group = Group.objects.create(
        kind=Group.Kind.CHANNEL, visibility=Group.Visibility.PRIVATE, organization=organization,
        name=require_text(name, "name", "Name the channel.", 150), created_by=actor,
        description=optional_text(description, "description", 2000), facilitator=actor)
    people = [actor, *[m for m in members if m.pk != actor.pk]]
    for person in people:
        if not is_connect_user(person):
            raise ValidationError({"members": f"{person} is not a QIO Connect user."})
        GroupMember.objects.get_or_create(group=group, user=person, defaults={"added_by": actor})
    audit_record(action="channel.create", actor=actor, target=group, request=request,
                 details={"organization": organization.pk, "members": [p.pk for p in people]})
    qio_users = User.objects.filter(organization=organization, is_active=True)
    notify_on_commit(recipients=[*people, *qio_users], kind=KIND, exclude=actor,
                     title=f"New private channel: {group.name}"[:200],
                     url=url("group_detail", group.pk))
    return group


@transaction.atomic
def group_join(*, actor, group: Group, request=None) -> GroupMember:
    """Join to follow a group's posts (a public group, or one the user already sees)."""
    require_permission(actor, "qio_connect.view_group", group, action="group.join", request=request)
    if not can_see_group(actor, group):
        raise ValidationError({"group": "This group is private."})
    membership, _ = GroupMember.objects.get_or_create(group=group, user=actor,
                                                      defaults={"added_by": actor})
    return membership


@transaction.atomic
def group_leave(*, actor, group: Group, request=None) -> None:
    GroupMember.objects.filter(group=group, user=actor).delete()


@transaction.atomic
def group_member_add(*, actor, group: Group, user: User, request=None) -> GroupMember:
    """Those who run a group add someone from outside its organization (an invited member)."""
    require_permission(actor, "qio_connect.change_group", group, action="group.member_add",
                       request=request)
    if not isinstance(user, User) or not is_connect_user(user):
        raise ValidationError({"email": "That person is not a QIO Connect user."})
    membership, created = GroupMember.objects.get_or_create(group=group, user=user,
                                                            defaults={"added_by": actor})
    if created:
        audit_record(action="group.member_add", actor=actor, target=group, request=request,
                     details={"user": user.email})
        notify_on_commit(recipients=[user], kind=KIND, exclude=actor,
                         title=f"{actor} added you to {group.name}"[:200],
                         url=url("group_detail", group.pk))
    return membership


@transaction.atomic
def group_member_remove(*, actor, group: Group, user: User, request=None) -> None:
    require_permission(actor, "qio_connect.change_group", group, action="group.member_remove",
                       request=request)
    deleted, _ = GroupMember.objects.filter(group=group, user=user).delete()
    if deleted:
        audit_record(action="group.member_remove", actor=actor, target=group, request=request,
                     details={"user": user.email})
