"""The FQS dashboard (seed 001: FQS Dashboard and FQS Referral Dashboard) and the start page
for anyone with a login, who may submit a request."""

from django.shortcuts import render

from fqs import selectors
from qis_portal.views.common import require_perm


def dashboard(request):
    require_perm(request, "fqs.access")
    user = request.user
    context = {"can_view_dashboard": user.has_perm("fqs.view_dashboard"),
               "my_requests": selectors.requests_for_user(user).filter(submitted_by=user)[:10]}
    if context["can_view_dashboard"]:
        context.update(selectors.dashboard_for(user))
    return render(request, "fqs/dashboard.html", context)
