"""The QPP dashboard: response times (QIN-QIO: QPP within 1 business day) and QPP-SURS reach
against the 75 % goal (seed 004, How success is measured)."""

from django.shortcuts import render

from qis_portal.views.common import require_perm
from qpp_assist import measures, selectors
from qpp_assist.models import Inquiry


def dashboard(request):
    require_perm(request, "qpp_assist.view_dashboard")
    user = request.user
    times = selectors.response_times(user)
    open_rows = selectors.inquiries_for_user(user).filter(status__in=Inquiry.OPEN)
    if selectors.is_staff(user) and not selectors.is_cms_reader(user):
        open_rows = open_rows.filter(contractor__organization_id=user.organization_id)
    today = selectors.today()
    open_count = open_rows.count()
    help_desk_count = open_rows.filter(status=Inquiry.Status.HELP_DESK).count()
    return render(request, "qpp_assist/dashboard.html", {
        "times": times,
        "open_count": open_count, "routed_count": open_count - help_desk_count,
        "overdue_count": open_rows.filter(status=Inquiry.Status.ROUTED,
                                          respond_by__lt=today).count(),
        "help_desk_count": help_desk_count,
        "reach_rows": selectors.surs_reach(user),
        "goal": measures.SURS_REACH_GOAL_PERCENT,
        "days_limit": measures.QIN_QIO_RESPONSE_BUSINESS_DAYS,
        "chart": {"labels": [row["label"] for row in times["distribution"]],
                  "counts": [row["count"] for row in times["distribution"]]},
    })
