"""QPP technical assistance permissions (deny by default).

* Submitters (provider users) see their own inquiries.
* Contractor staff — people of an organization on record as a contractor: its QPP technical
  assistance staff, or a QIN-QIO's own associates, managers and support team — see and work
  the inquiries routed to their organization, and read (only) the ones they handed off.
* The CMS help desk and CMS read-only users see all; the help desk records inquiries for
  clinicians, answers, and overrides routes. Everyone else: 403 on the pages, 404 on objects.

Object predicates answer True for obj=None, so the model-level check (lists, API
has_permission) rests on the role; selectors scope the lists.
"""

import rules

from qis_portal.models import Role
from qis_portal.predicates import has_role, is_cms_read_only, is_provider_user

STAFF_ROLES = (Role.TA_CONTRACTOR_STAFF, Role.QIO_ASSOCIATE, Role.QIO_MANAGER, Role.QIO_SUPPORT)
is_help_desk = has_role(Role.CMS_HELP_DESK)
has_staff_role = has_role(*STAFF_ROLES)


def contractor_roles(user) -> list:
    """The active contractor records of the user's organization (cached on the user)."""
    cached = getattr(user, "_qpp_contractors", None)
    if cached is None:
        from qpp_assist.models import Contractor

        org_id = getattr(user, "organization_id", None)
        cached = list(Contractor.objects.filter(organization_id=org_id, active=True)
                      .select_related("contractor_type", "organization")) if org_id else []
        user._qpp_contractors = cached
    return cached


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def works_for_contractor(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(contractor_roles(user))


is_contractor_staff = has_staff_role & works_for_contractor


@rules.predicate
def no_object(user, obj) -> bool:
    return obj is None


@rules.predicate
def is_submitter(user, inquiry) -> bool:
    return inquiry is not None and inquiry.submitted_by_id == user.pk


@rules.predicate
def holds_inquiry(user, inquiry) -> bool:
    """The inquiry is routed to the user's organization now."""
    if inquiry is None:
        return True
    contractor = inquiry.contractor
    return bool(contractor is not None
                and contractor.organization_id == getattr(user, "organization_id", None))


@rules.predicate
def handed_it_off(user, inquiry) -> bool:
    """The user's organization held it once and handed it off (read-only from then on)."""
    if inquiry is None or not getattr(user, "organization_id", None):
        return False
    return inquiry.handoffs.filter(from_contractor__organization_id=user.organization_id).exists()


@rules.predicate
def practice_in_staff_region(user, practice) -> bool:
    if practice is None:
        return True
    return any(c.region == practice.region for c in contractor_roles(user))


cms_reader = is_help_desk | is_cms_read_only

rules.add_perm("qpp_assist.access",
               is_provider_user | cms_reader | is_contractor_staff)
# The seed's table is public guidance: anyone signed in may read it.
rules.add_perm("qpp_assist.view_contractortype", is_signed_in)
rules.add_perm("qpp_assist.add_inquiry", is_provider_user | is_help_desk)
rules.add_perm("qpp_assist.view_inquiry",
               cms_reader
               | (is_provider_user & (no_object | is_submitter))
               | (is_contractor_staff & (holds_inquiry | handed_it_off)))
rules.add_perm("qpp_assist.respond_inquiry", is_help_desk | (is_contractor_staff & holds_inquiry))
rules.add_perm("qpp_assist.hand_off_inquiry", is_contractor_staff & holds_inquiry)
rules.add_perm("qpp_assist.override_route_inquiry",
               is_help_desk | (is_contractor_staff & holds_inquiry))
rules.add_perm("qpp_assist.view_handoff", cms_reader | is_provider_user | is_contractor_staff)
rules.add_perm("qpp_assist.view_dashboard", cms_reader | is_contractor_staff)
rules.add_perm("qpp_assist.view_practice",
               cms_reader | (is_contractor_staff & practice_in_staff_region))
rules.add_perm("qpp_assist.add_practice", is_contractor_staff)
rules.add_perm("qpp_assist.record_assistance", is_contractor_staff & practice_in_staff_region)
