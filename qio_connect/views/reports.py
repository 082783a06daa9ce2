"""Reports for the NLC and the Delegated Administrator (seed 001, Dashboards & Reports: "Can
view, refresh, and download reports"): views per page, readers of posts and articles, search
terms, engagement by QIO — on the page and as CSV."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from qis_portal.exports import csv_response
from qis_portal.views.common import require_perm

from ..forms import PeriodForm
from ..selectors import reports as r


def _period(request) -> r.Period:
    return PeriodForm(request.GET or None).period()


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _name(row: dict, prefix: str) -> str:
    full = f"{row[prefix + 'first_name']} {row[prefix + 'last_name']}".strip()
    return full or row[prefix + "email"]


REPORTS = {
    "pages": ("Views per page", ["Page", "Title", "Views", "People", "Last viewed"],
              lambda user, p: [(x["path"], x["label"], x["views"], x["visitors"],
                                _local(x["last_viewed"])) for x in r.views_per_page(p)]),
    "articles": ("Readers of library items", ["Item", "Title", "Kind", "Views", "Readers"],
                 lambda user, p: [(x["item_id"], x["item__title"], x["item__kind"], x["views"],
                                   x["readers"]) for x in r.readers_of_items(user, p)]),
    "posts": ("Readers of posts", ["Post", "Group", "Excerpt", "Views", "Readers"],
              lambda user, p: [(x["post_id"], x["post__group__name"], x["label"], x["views"],
                                x["readers"]) for x in r.readers_of_posts(user, p)]),
    "searches": ("Search terms", ["Terms", "Searches", "People", "Searches without results",
                                  "Last searched"],
                 lambda user, p: [(x["normalized"], x["searches"], x["searchers"],
                                   x["without_results"], _local(x["last_searched"]))
                                  for x in r.search_terms(p)]),
    "engagement": ("Engagement by QIO",
                   ["QIO", *[label for _, label in r.ENGAGEMENT_COLUMNS], "Total"],
                   lambda user, p: [(x["organization"], *[x[key] for key, _ in
                                                          r.ENGAGEMENT_COLUMNS], x["total"])
                                    for x in r.engagement_by_qio(p)]),
}


def reports(request):
    require_perm(request, "qio_connect.view_reports")
    form = PeriodForm(request.GET or None)
    period = form.period()
    tables = [{"slug": slug, "title": title, "header": header, "rows": build(request.user,
                                                                               period)}
              for slug, (title, header, build) in REPORTS.items()]
    query = f"start={period.start:%Y-%m-%d}&end={period.end:%Y-%m-%d}"
    return render(request, "qio_connect/reports.html", {
        "form": form, "period": period, "tables": tables, "query": query})


def report_csv(request, report: str):
    require_perm(request, "qio_connect.view_reports")
    if report not in REPORTS:
        raise Http404("No such report.")
    title, header, build = REPORTS[report]
    period = _period(request)
    filename = f"qio-connect-{report}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv"
    return csv_response(filename, header, build(request.user, period))
