"""Reads shared by the core's views and API."""

from qis_portal.models import RoleAssignment


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
