"""QIO Connect permissions (deny by default). Roles from seed 001's QIO Connect swimlanes:
the QIO Associate reads, writes, posts and submits; the NLC (National Learning and
Communications) and the Delegated Administrator — into which the NLC QIO Connect Coordinator
role was folded — approve content and events and read the reports; CMS (the COR) or the
Delegated Administrator send targeted announcements.

Object predicates answer True for obj=None, so a model-level check (a list page, an API
has_permission) rests on the role; the selectors decide which rows a user sees at all.
"""

import rules

from qis_portal.models.accounts import CMS_ROLES, QIO_ROLES, Role
from qis_portal.predicates import has_role, is_cor

# "QIO Connect is a collaboration portal accessible to CMS and its contractors including the
# support contractors, QIN QIOs, AIAN, BFCC QIOs, and the ESRD Network" (seed 001).
CONNECT_ROLES = (*QIO_ROLES, *CMS_ROLES, Role.DELEGATED_ADMIN, Role.NLC_STAFF,
                 Role.TA_CONTRACTOR_STAFF)
MODERATOR_ROLES = (Role.DELEGATED_ADMIN, Role.NLC_STAFF)

is_connect_user = has_role(*CONNECT_ROLES)
is_moderator = has_role(*MODERATOR_ROLES)
is_delegated_admin = has_role(Role.DELEGATED_ADMIN)
can_announce = is_cor | is_delegated_admin


@rules.predicate
def is_item_author(user, item) -> bool:
    return item is None or item.author_id == user.pk


@rules.predicate
def is_post_author(user, post) -> bool:
    return post is None or post.author_id == user.pk


@rules.predicate
def is_post_group_facilitator(user, post) -> bool:
    return post is None or user.pk in post.group.facilitator_ids()


@rules.predicate
def runs_group(user, group) -> bool:
    """The group's facilitator, co-facilitator or creator (they assign its facilitators)."""
    if group is None:
        return True
    return user.pk in group.facilitator_ids() or group.created_by_id == user.pk


@rules.predicate
def manages_community(user, group) -> bool:
    """A QIO Manager runs their own QIO's community (assigns its facilitators)."""
    if group is None:
        return True
    return (group.kind == "community" and group.organization_id == user.organization_id
            and user.has_role(Role.QIO_MANAGER))


@rules.predicate
def is_not_channel(user, obj) -> bool:
    """Private channels stay between their members; the moderators do not run them."""
    group = getattr(obj, "group", obj) if obj is not None else None
    return group is None or group.kind != "channel"


@rules.predicate
def is_event_submitter(user, event) -> bool:
    return event is None or event.submitted_by_id == user.pk


@rules.predicate
def facilitates_event_calendar(user, event) -> bool:
    """The facilitators of a group approve events on that group's private calendar."""
    if event is None:
        return True
    return event.group_id is not None and user.pk in event.group.facilitator_ids()


event_approver = (is_moderator & is_not_channel) | facilitates_event_calendar

rules.add_perm("qio_connect.access", is_connect_user)
# Library: anyone in QIO Connect reads and submits; authors edit and delete their own; the
# NLC / Delegated Administrator approve, reject or edit ("Approves, rejects, or modifies").
rules.add_perm("qio_connect.view_libraryitem", is_connect_user)
rules.add_perm("qio_connect.add_libraryitem", is_connect_user)
rules.add_perm("qio_connect.change_libraryitem", is_connect_user & (is_moderator | is_item_author))
rules.add_perm("qio_connect.delete_libraryitem", is_connect_user & (is_moderator | is_item_author))
rules.add_perm("qio_connect.moderate_libraryitem", is_moderator)
rules.add_perm("qio_connect.resubmit_libraryitem", is_connect_user & is_item_author)
rules.add_perm("qio_connect.react", is_connect_user)
rules.add_perm("qio_connect.view_engagement", is_connect_user & (is_moderator | is_item_author))
rules.add_perm("qio_connect.add_changerequest", is_connect_user)
rules.add_perm("qio_connect.decide_changerequest", is_moderator)
# Discussion groups.
rules.add_perm("qio_connect.view_group", is_connect_user)
rules.add_perm("qio_connect.add_group", is_connect_user)
rules.add_perm("qio_connect.change_group", is_connect_user & (
    (is_moderator & is_not_channel) | runs_group | manages_community))
rules.add_perm("qio_connect.add_channel", can_announce)
rules.add_perm("qio_connect.add_post", is_connect_user)
rules.add_perm("qio_connect.change_post", is_connect_user & is_post_author)
rules.add_perm("qio_connect.delete_post", is_connect_user & (
    is_post_author | is_post_group_facilitator | (is_moderator & is_not_channel)))
# Events.
rules.add_perm("qio_connect.view_event", is_connect_user)
rules.add_perm("qio_connect.add_event", is_connect_user)
rules.add_perm("qio_connect.change_event", is_connect_user & (is_event_submitter | event_approver))
rules.add_perm("qio_connect.decide_event", is_connect_user & event_approver)
rules.add_perm("qio_connect.cancel_event", is_connect_user & (is_event_submitter | event_approver))
rules.add_perm("qio_connect.subscribe_event", is_connect_user)
# Targeted communications and reports.
rules.add_perm("qio_connect.view_announcement", is_connect_user)
rules.add_perm("qio_connect.send_announcement", can_announce)
rules.add_perm("qio_connect.view_reports", is_moderator)
