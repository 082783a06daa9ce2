"""Event pages: the month calendar (a table with a caption and column headers, walked with the
keyboard), the upcoming list, submit and edit, approve, subscribe, feedback, and .ics."""

import calendar as pycalendar
from datetime import date

from django.contrib import messages
from django.db.models import Avg, Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from qis_portal.views.common import (
    bound,
    call_service,
    form_error_message,
    require_perm,
    run_action,
)

from .. import selectors, services
from ..forms import EventForm, FeedbackForm, NoteForm, ReasonForm
from ..ics import event_calendar
from ..models import Event, EventSubscription
from ..selectors.scope import is_moderator
from .common import int_param, record_view

WEEKDAYS = [(pycalendar.day_name[(i + 6) % 7], pycalendar.day_abbr[(i + 6) % 7])
            for i in range(7)]


def get_event(request, pk: int) -> Event:
    event = get_object_or_404(selectors.events_for(request.user), pk=pk)
    require_perm(request, "qio_connect.view_event", event)
    return event


def event_url(event: Event) -> str:
    return reverse("qio_connect:event_detail", args=[event.pk])


def _calendar_choice(request, groups) -> str:
    raw = request.GET.get("calendar", "")
    if raw == "public" or (raw.isdigit() and any(str(g.pk) == raw for g in groups)):
        return raw
    return ""


def _shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def calendar_month(request):
    require_perm(request, "qio_connect.view_event")
    user = request.user
    today = timezone.localdate()
    year = int_param(request, "year", today.year, 1900, 2100)
    month = int_param(request, "month", today.month, 1, 12)
    groups = list(selectors.groups_for(user).order_by("name"))
    chosen = _calendar_choice(request, groups)
    record_view(request, "Events calendar")
    prev_y, prev_m = _shift(year, month, -1)
    next_y, next_m = _shift(year, month, 1)
    suffix = f"&calendar={chosen}" if chosen else ""
    label = {"": "all your calendars", "public": "the public calendar"}.get(chosen) or next(
        (g.name for g in groups if str(g.pk) == chosen), "")
    return render(request, "qio_connect/events/calendar.html", {
        "weeks": selectors.month_grid(user, year, month, chosen), "weekdays": WEEKDAYS,
        "month_start": date(year, month, 1), "calendar_label": label, "groups": groups,
        "chosen": chosen, "year": year, "month": month,
        "months": [(i, pycalendar.month_name[i]) for i in range(1, 13)],
        "prev_url": f"?year={prev_y}&month={prev_m}{suffix}",
        "next_url": f"?year={next_y}&month={next_m}{suffix}",
        "prev_label": date(prev_y, prev_m, 1), "next_label": date(next_y, next_m, 1),
        "can_submit": user.has_perm("qio_connect.add_event"),
        "to_approve": selectors.approvable_events_for(user).count(),
    })


def event_list(request):
    require_perm(request, "qio_connect.view_event")
    record_view(request, "Upcoming events")
    return render(request, "qio_connect/events/list.html", {
        "events": selectors.upcoming_events(request.user)[:100],
        "mine": selectors.events_for(request.user).filter(submitted_by=request.user)
        .exclude(status=Event.Status.APPROVED).order_by("-created_at")[:20],
    })


def event_create(request):
    require_perm(request, "qio_connect.add_event")
    user = request.user
    groups = selectors.groups_for(user).order_by("name")
    can_publish = is_moderator(user) or groups.filter(
        Q(facilitator=user) | Q(co_facilitator=user)).exists()
    initial = {}
    if request.GET.get("calendar", "").isdigit():
        initial["group"] = groups.filter(pk=int(request.GET["calendar"])).first()
    form = EventForm(bound(request), groups=groups, can_publish=can_publish,
                     initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = call_service(request, services.event_submit, form=form, group=data["group"],
                            publish=data.get("publish", False), **form.service_fields)
        if done.ok:
            event = done.result
            messages.success(request, "The event is on the calendar."
                             if event.status == Event.Status.APPROVED
                             else "Event submitted. It appears on the calendar once approved.")
            return redirect(event_url(event))
    return render(request, "qio_connect/events/form.html", {"form": form, "event": None})


def event_detail(request, pk: int):
    event = get_event(request, pk)
    user = request.user
    record_view(request, event.title, event=event)
    approver = user.has_perm("qio_connect.decide_event", event)
    mine = set(event.subscriptions.filter(user=user).values_list("kind", flat=True))
    feedback = event.feedback.aggregate(avg=Avg("rating"), n=Count("id"))
    counts = selectors.event_counts(event)
    return render(request, "qio_connect/events/detail.html", {
        "event": event, "approver": approver,
        "can_decide": approver and event.status == Event.Status.PENDING,
        "can_edit": user.has_perm("qio_connect.change_event", event) and (
            event.status == Event.Status.PENDING
            or (approver and event.status == Event.Status.APPROVED)),
        "can_cancel": user.has_perm("qio_connect.cancel_event", event)
        and event.status in (Event.Status.PENDING, Event.Status.APPROVED),
        "on_calendar": event.status == Event.Status.APPROVED,
        "toggles": [{"kind": k, "label": label, "on": k in mine, "count": counts[k]}
                    for k, label in EventSubscription.Kind.choices],
        "feedback_open": (event.status == Event.Status.APPROVED
                          and event.starts_at <= timezone.now()),
        "my_feedback": event.feedback.filter(user=user).first(),
        "feedback_form": FeedbackForm(),
        "feedback_summary": feedback,
        "feedback_rows": (event.feedback.select_related("user")
                          if approver or event.submitted_by_id == user.pk else None),
        "note_form": NoteForm(), "reason_form": ReasonForm(),
        "show_history": approver or event.submitted_by_id == user.pk,
    })


def event_edit(request, pk: int):
    event = get_event(request, pk)
    require_perm(request, "qio_connect.change_event", event)
    form = EventForm(bound(request), event=event)
    if request.method == "POST" and form.is_valid():
        done = call_service(request, services.event_update, form=form, event=event,
                            **form.service_fields)
        if done.ok or done.conflict:
            if done.ok:
                messages.success(request, "Event saved.")
            return redirect(event_url(event))
    return render(request, "qio_connect/events/form.html", {"form": form, "event": event})


@require_POST
def event_approve(request, pk: int):
    event = get_event(request, pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return run_action(request, event_url(event), services.event_approve,
                      "The event is on the calendar.", event=event, note=note)


@require_POST
def event_reject(request, pk: int):
    event = get_event(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(event_url(event))
    return run_action(request, event_url(event), services.event_reject, "Event not approved.",
                      event=event, reason=form.cleaned_data["reason"])


@require_POST
def event_cancel(request, pk: int):
    event = get_event(request, pk)
    require_perm(request, "qio_connect.cancel_event", event)
    return run_action(request, event_url(event), services.event_cancel, "Event cancelled.",
                      event=event, reason=request.POST.get("reason", "")[:2000])


@require_POST
def event_toggle(request, pk: int):
    event = get_event(request, pk)
    kind = request.POST.get("kind", "")
    return run_action(request, event_url(event), services.event_subscription_toggle, "",
                      event=event, kind=kind)


@require_POST
def event_feedback(request, pk: int):
    event = get_event(request, pk)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(event_url(event))
    return run_action(request, event_url(event), services.event_feedback_give,
                      "Thank you for your feedback.", event=event,
                      rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"])


def event_ics(request, pk: int):
    event = get_event(request, pk)
    if event.status not in (Event.Status.APPROVED, Event.Status.CANCELLED):
        messages.error(request, "Only events on the calendar can be added to a calendar.")
        return redirect(event_url(event))
    body = event_calendar(event, url=request.build_absolute_uri(event_url(event)))
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


def event_review(request):
    """Events waiting for this user's approval (NLC, Delegated Administrator, facilitators)."""
    require_perm(request, "qio_connect.view_event")
    return render(request, "qio_connect/events/review.html", {
        "events": selectors.approvable_events_for(request.user).order_by("starts_at", "id"),
    })

