"""Reads shared by the core's views and API."""

from qis_portal.models import RoleAssignment, User


def users_with_roles(*roles: str, organization_id: int | None = None) -> list[User]:
    """Active users holding one of `roles` (approved), optionally of one organization: the
    recipients of a notification about a step."""
    qs = User.objects.filter(is_active=True, role_assignments__role__in=roles,
                             role_assignments__status=RoleAssignment.Status.APPROVED)
    if organization_id is not None:
        qs = qs.filter(organization_id=organization_id)
    return list(qs.distinct().order_by("email"))


def assignments_for_officer(user):
    """Assignments in the regions where `user` is an approved Security Officer."""
    regions = user.role_assignments.filter(
        role="security_officer", status=RoleAssignment.Status.APPROVED
    ).values_list("region", flat=True)
    return (
        RoleAssignment.objects.filter(region__in=list(regions))
        .exclude(role="security_officer")
        .select_related("user", "user__organization", "decided_by")
        .order_by("status", "-requested_at")
    )
