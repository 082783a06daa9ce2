"""Who sees what (issue #10, scope): a user sees their own organization's private groups and
calendars, groups they were added to, and everything public — nothing of another QIO's
private groups, calendars or organization-only library content."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from qis_portal.models import Role

from ..models import Announcement, Event, Group, GroupMember, LibraryItem, Post
from ..rules import CONNECT_ROLES, MODERATOR_ROLES


def is_connect_user(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_role(*CONNECT_ROLES)


def is_moderator(user) -> bool:
    return is_connect_user(user) and user.has_role(*MODERATOR_ROLES)


def _group_q(user, prefix: str = "") -> Q:
    """The visibility of a group, as a filter on `<prefix>` (the group itself or an FK to it)."""
    p = f"{prefix}__" if prefix else ""
    member_of = GroupMember.objects.filter(user=user).values("group_id")
    q = Q(**{f"{p}visibility": Group.Visibility.PUBLIC}) | Q(**{f"{p}id__in": member_of})
    if user.organization_id:
        q |= Q(**{f"{p}organization_id": user.organization_id})
    if is_moderator(user):
        # The NLC and the Delegated Administrator run every community and group, but not the
        # private channels (COR-to-QIO) they were not added to.
        q |= ~Q(**{f"{p}kind": Group.Kind.CHANNEL})
    return q


def groups_for(user) -> QuerySet[Group]:
    if not is_connect_user(user):
        return Group.objects.none()
    return Group.objects.filter(_group_q(user)).select_related(
        "organization", "facilitator", "co_facilitator")


def can_see_group(user, group: Group) -> bool:
    return groups_for(user).filter(pk=group.pk).exists()


def posts_for(user) -> QuerySet[Post]:
    if not is_connect_user(user):
        return Post.objects.none()
    return Post.objects.filter(_group_q(user, "group")).select_related(
        "author__organization", "group")


def items_for(user) -> QuerySet[LibraryItem]:
    """Every library item the user may open: published content for their audience, their own
    items in any state, and — for the NLC and the Delegated Administrator — everything."""
    if not is_connect_user(user):
        return LibraryItem.objects.none()
    qs = LibraryItem.objects.select_related("author", "organization", "category")
    if is_moderator(user):
        return qs
    return qs.filter(Q(author=user) | (Q(status=LibraryItem.Status.PUBLISHED) & _audience_q(user)))


def _audience_q(user) -> Q:
    q = Q(audience=LibraryItem.Audience.PUBLIC)
    if user.organization_id:
        q |= Q(organization_id=user.organization_id)
    return q


def published_items_for(user) -> QuerySet[LibraryItem]:
    if not is_connect_user(user):
        return LibraryItem.objects.none()
    return LibraryItem.objects.filter(
        Q(status=LibraryItem.Status.PUBLISHED) & _audience_q(user)
    ).select_related("author", "organization", "category")


def events_for(user) -> QuerySet[Event]:
    """Approved and cancelled events of the calendars the user sees; pending and rejected ones
    only to their submitter and to those who approve them."""
    if not is_connect_user(user):
        return Event.objects.none()
    calendar = Q(group__isnull=True) | _group_q(user, "group")
    shown = Q(status__in=[Event.Status.APPROVED, Event.Status.CANCELLED]) | Q(submitted_by=user)
    shown |= _approver_q(user)
    return Event.objects.filter(calendar & shown).select_related(
        "group", "submitted_by", "organization")


def _approver_q(user) -> Q:
    facilitated = Q(group__facilitator=user) | Q(group__co_facilitator=user)
    if is_moderator(user):
        return facilitated | Q(group__isnull=True) | ~Q(group__kind=Group.Kind.CHANNEL)
    return facilitated


def approvable_events_for(user) -> QuerySet[Event]:
    """Events waiting for this user's decision."""
    return events_for(user).filter(_approver_q(user), status=Event.Status.PENDING)


def announcements_for(user) -> QuerySet[Announcement]:
    if not is_connect_user(user):
        return Announcement.objects.none()
    qs = Announcement.objects.select_related("sent_by")
    if user.has_role(Role.CMS_COR, *MODERATOR_ROLES):
        return qs
    targeted = Announcement.organizations.through.objects.filter(
        announcement_id=OuterRef("pk"), organization_id=user.organization_id)
    return qs.filter(Q(to_all=True) | Q(sent_by=user) | Exists(targeted))
