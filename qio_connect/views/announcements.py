"""Targeted communications: the list a user sees, one announcement, and sending one (the COR
or the Delegated Administrator)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from qis_portal.views.common import bound, call_service, require_perm

from .. import selectors, services
from ..forms import AnnouncementForm
from .common import record_view


def announcement_list(request):
    require_perm(request, "qio_connect.view_announcement")
    record_view(request, "Announcements")
    rows = selectors.announcements_for(request.user).prefetch_related("organizations")
    return render(request, "qio_connect/announcements/list.html", {
        "page": Paginator(rows, 25).get_page(request.GET.get("page")),
        "can_send": request.user.has_perm("qio_connect.send_announcement"),
    })


def announcement_detail(request, pk: int):
    announcement = get_object_or_404(selectors.announcements_for(request.user), pk=pk)
    record_view(request, announcement.title)
    return render(request, "qio_connect/announcements/detail.html", {
        "announcement": announcement, "organizations": announcement.organizations.all()})


def announcement_create(request):
    require_perm(request, "qio_connect.send_announcement")
    form = AnnouncementForm(bound(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = call_service(request, services.announcement_send, form=form,
                            title=data["title"], body=data["body"], to_all=data["to_all"],
                            organizations=data["organizations"])
        if done.ok:
            messages.success(request, "Announcement sent. Each user of the chosen QIOs is "
                                      "notified.")
            return redirect("qio_connect:announcement_detail", pk=done.result.pk)
    return render(request, "qio_connect/announcements/form.html", {"form": form})
