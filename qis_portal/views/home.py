from django.shortcuts import render

from qis_portal.home import panels_for
from qis_portal.models import RoleAssignment


def home(request):
    user = request.user
    assignments = user.role_assignments.all()
    return render(request, "home.html", {
        "panels": panels_for(request),
        "assignments": assignments,
        "pending_assignments": [a for a in assignments
                                if a.status == RoleAssignment.Status.PENDING],
        "recent_notifications": user.notifications.filter(
            in_app=True, read_at__isnull=True, resolved_at__isnull=True)[:5],
    })
