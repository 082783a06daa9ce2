from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from qis_portal.forms import NotificationSettingsForm
from qis_portal.notification_kinds import MANDATORY_KINDS, NOTIFICATION_KINDS
from qis_portal.services.notifications import (
    notification_mark_read,
    notification_preference_set,
)
from qis_portal.views.common import bound


def notification_list(request):
    page = Paginator(request.user.notifications.filter(in_app=True), 25)
    return render(request, "notifications/list.html",
                  {"page": page.get_page(request.GET.get("page"))})


@require_POST
def notification_read(request):
    ids = [int(pk) for pk in request.POST.getlist("ids") if pk.isdigit()] or None
    count = notification_mark_read(user=request.user, notification_ids=ids)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    return redirect("notification_list")


def notification_settings(request):
    prefs = {pref.kind: pref for pref in request.user.notification_prefs.all()}
    form = NotificationSettingsForm(bound(request), prefs=prefs)
    if request.method == "POST" and form.is_valid():
        for kind, in_app, email in form.choices():
            notification_preference_set(user=request.user, kind=kind, in_app=in_app, email=email)
        messages.success(request, "Notification settings saved.")
        return redirect("notification_settings")
    return render(request, "notifications/settings.html", {
        "form": form, "mandatory": [NOTIFICATION_KINDS[kind] for kind in sorted(MANDATORY_KINDS)],
    })
