"""The QIO dashboard: interaction charts (each with its data table), tasks, overdue reports."""

from django.shortcuts import render

from qio_program.forms.dashboard import DateRangeForm
from qio_program.selectors.dashboard import dashboard_for
from qis_portal.views.common import require_perm


def dashboard(request):
    require_perm(request, "qio_program.view_dashboard")
    form = DateRangeForm(request.GET or None, show_region=request.user.is_cms)
    date_from, date_to, region = form.window()
    board = dashboard_for(request.user, date_from=date_from, date_to=date_to, region=region)
    charts = {
        "associates": {"labels": [r["name"] for r in board.by_associate],
                       "counts": [r["count"] for r in board.by_associate],
                       "averages": [r["avg_minutes"] for r in board.by_associate]},
        "providers": {"labels": [r["provider__name"] for r in board.top_providers],
                      "counts": [r["count"] for r in board.top_providers]},
        "subcategories": {"labels": [r["label"] for r in board.by_subcategory],
                          "counts": [r["count"] for r in board.by_subcategory]},
    }
    return render(request, "qio_program/dashboard.html",
                  {"form": form, "board": board, "charts": charts})
