"""Permissions of the portal core."""

import rules

from qis_portal.predicates import is_security_officer


@rules.predicate
def is_officer_of_assignment_region(user, assignment) -> bool:
    if assignment is None:
        return True  # model-level: any Security Officer may open the page
    return user.role_assignments.filter(
        role="security_officer", status="approved", region=assignment.region
    ).exists()


rules.add_perm("qis_portal.decide_roleassignment",
               is_security_officer & is_officer_of_assignment_region)
rules.add_perm("qis_portal.view_roleassignment",
               is_security_officer & is_officer_of_assignment_region)


@rules.predicate
def is_assignment_holder(user, assignment) -> bool:
    return assignment is not None and assignment.user_id == user.pk


# Asking again for one's own role; granting outright is for administrators (and the seed).
rules.add_perm("qis_portal.request_roleassignment", is_assignment_holder | rules.is_superuser)
rules.add_perm("qis_portal.grant_roleassignment", rules.is_superuser)
