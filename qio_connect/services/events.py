"""Events (seed 001, QIO Connect, Events): users submit events for approval; the NLC /
Delegated Administrator approve events on the public calendar, and a group's facilitators
(or the NLC) those on the group's private calendar; subscribe, follow, like, give feedback."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from qis_portal.models import User
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.validation import optional_text, require_text
from qis_portal.workflow import WorkflowConflict, lock, require_permission, run_transition

from ..models import Event, EventFeedback, EventSubscription, Group
from ..selectors.scope import can_see_group
from .common import moderators, url

SUBMITTED_KIND = "connect.event_submitted"
DECISION_KIND = "connect.event_decision"
UPDATE_KIND = "connect.event_update"
REMINDER_AHEAD = timedelta(hours=24)
EDITABLE = ("title", "description", "starts_at", "ends_at", "location", "online_url")


def event_approvers(event: Event) -> list[User]:
    people = list(User.objects.filter(pk__in=event.group.facilitator_ids())) if event.group_id \
        else []
    if event.group_id is None or event.group.kind != Group.Kind.CHANNEL:
        people += moderators()
    return people


def _apply(event: Event, fields: dict) -> None:
    if "title" in fields:
        event.title = require_text(fields["title"], "title", "Give the event a title.", 200)
    if "description" in fields:
        event.description = optional_text(fields["description"], "description", 5000)
    if "location" in fields:
        event.location = optional_text(fields["location"], "location", 200)
    if "online_url" in fields:
        link = optional_text(fields["online_url"], "online_url", 500)
        if link:
            try:
                URLValidator(schemes=["http", "https"])(link)
            except ValidationError as exc:
                raise ValidationError(
                    {"online_url": "Enter a full web address (https://…)."}) from exc
        event.online_url = link
    for name in ("starts_at", "ends_at"):
        if name in fields:
            if not isinstance(fields[name], datetime):
                raise ValidationError({name: "Give a date and time."})
            event_time = fields[name]
            if timezone.is_naive(event_time):
                event_time = timezone.make_aware(event_time)
            setattr(event, name, event_time)
    if event.ends_at <= event.starts_at:
        raise ValidationError({"ends_at": "The event must end after it starts."})


def _subscribers(event: Event, kinds=(EventSubscription.Kind.SUBSCRIBE,
                                      EventSubscription.Kind.FOLLOW)) -> list[User]:
    return list(User.objects.filter(
        pk__in=event.subscriptions.filter(kind__in=kinds).values("user_id")))


@transaction.atomic
def event_submit(*, actor, title: str, starts_at: datetime, ends_at: datetime,
                 description: str = "", location: str = "", online_url: str = "",
                 group: Group | None = None, publish: bool = False, request=None) -> Event:
    """Submitted events wait for approval; an approver's own event may go on at once."""
    require_permission(actor, "qio_connect.add_event", action="event.submit", request=request)
    if group is not None and not can_see_group(actor, group):
        raise ValidationError({"group": "Choose a calendar you belong to."})
    event = Event(submitted_by=actor, organization=actor.organization, group=group,
                  starts_at=timezone.now(), ends_at=timezone.now())
    _apply(event, {"title": title, "description": description, "location": location,
                   "online_url": online_url, "starts_at": starts_at, "ends_at": ends_at})
    if event.starts_at < timezone.now():
        raise ValidationError({"starts_at": "The event cannot start in the past."})
    event.save()
    audit_record(action="event.submit", actor=actor, target=event, request=request,
                 to_state=event.status, details={"calendar": event.calendar_label})
    if publish and actor.has_perm("qio_connect.decide_event", event):
        return event_approve(actor=actor, event=event, request=request,
                             note="Added by an approver.")
    notify_on_commit(recipients=event_approvers(event), kind=SUBMITTED_KIND, exclude=actor,
                     title=f"Event to approve: {event.title}"[:200],
                     body=f"{event.calendar_label}, "
                          f"{timezone.localtime(event.starts_at):%b %d, %Y %I:%M %p} Eastern",
                     url=url("event_detail", event.pk))
    return event


def event_update(*, actor, event: Event, request=None, **fields) -> Event:
    """The submitter edits a pending event; approvers edit pending and approved ones. A change
    to an event on the calendar raises its SEQUENCE and tells its subscribers and followers."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in unknown})
    with transaction.atomic():
        locked = lock(Event, event.pk)
        require_permission(actor, "qio_connect.change_event", locked, action="event.edit",
                           request=request)
        approver = actor.has_perm("qio_connect.decide_event", locked)
        editable = [Event.Status.PENDING] + ([Event.Status.APPROVED] if approver else [])
        if locked.status not in editable:
            raise WorkflowConflict(
                f"Cannot edit: the event is {locked.get_status_display().lower()}.",
                current_state=locked.status)
        _apply(locked, fields)
        if locked.status == Event.Status.APPROVED:
            locked.sequence += 1
        locked.save()
        audit_record(action="event.edit", actor=actor, target=locked, request=request,
                     details={"fields": sorted(fields)})
        if locked.status == Event.Status.APPROVED:
            notify_on_commit(recipients=_subscribers(locked), kind=UPDATE_KIND, exclude=actor,
                             title=f"Event changed: {locked.title}"[:200],
                             url=url("event_detail", locked.pk))
    return locked


def _decided(actor, note: str):
    def before(locked: Event) -> None:
        locked.decided_by = actor
        locked.decision_note = note
    return before


def event_approve(*, actor, event: Event, note: str = "", request=None) -> Event:
    note = optional_text(note, "note", 2000)
    return run_transition(obj=event, transition="approve", actor=actor, note=note,
                          permission="qio_connect.decide_event", request=request,
                          before=_decided(actor, note),
                          after=_tell_submitter(actor, "Your event is on the calendar", note))


def _tell_submitter(actor, headline: str, body: str):
    def after(decided: Event) -> None:
        notify_on_commit(recipients=[decided.submitted_by], kind=DECISION_KIND, exclude=actor,
                         title=f"{headline}: {decided.title}"[:200], body=body,
                         url=url("event_detail", decided.pk))
    return after


def event_reject(*, actor, event: Event, reason: str, request=None) -> Event:
    reason = require_text(reason, "reason", "Tell the submitter why.", 2000)
    return run_transition(obj=event, transition="reject", actor=actor, note=reason,
                          permission="qio_connect.decide_event", request=request,
                          before=_decided(actor, reason),
                          after=_tell_submitter(actor, "Your event was not approved", reason))


def event_cancel(*, actor, event: Event, reason: str = "", request=None) -> Event:
    reason = optional_text(reason, "reason", 2000)

    seen: dict[str, bool] = {}

    def before(locked: Event) -> None:
        seen["on_calendar"] = locked.status == Event.Status.APPROVED
        if seen["on_calendar"]:
            locked.sequence += 1

    def after(cancelled: Event) -> None:
        if seen["on_calendar"]:
            notify_on_commit(recipients=[*_subscribers(cancelled), cancelled.submitted_by],
                             kind=UPDATE_KIND, exclude=actor,
                             title=f"Event cancelled: {cancelled.title}"[:200], body=reason,
                             url=url("event_detail", cancelled.pk))

    return run_transition(obj=event, transition="cancel", actor=actor, note=reason,
                          permission="qio_connect.cancel_event", request=request,
                          before=before, after=after)


def event_subscription_toggle(*, actor, event: Event, kind: str, request=None) -> bool:
    """Subscribe, follow or like an event on the calendar; again to undo. True when on."""
    require_permission(actor, "qio_connect.subscribe_event", event, action="event.subscribe",
                       request=request)
    if kind not in EventSubscription.Kind.values:
        raise ValidationError({"kind": "Choose subscribe, follow or like."})
    if event.status != Event.Status.APPROVED:
        raise WorkflowConflict("Only events on the calendar can be subscribed to.",
                               current_state=event.status)
    with transaction.atomic():
        deleted, _ = EventSubscription.objects.filter(event=event, user=actor, kind=kind).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                EventSubscription.objects.create(event=event, user=actor, kind=kind)
        except IntegrityError:
            pass  # a double click: the first request already added it
    return True


@transaction.atomic
def event_feedback_give(*, actor, event: Event, rating: int, comment: str = "",
                        request=None) -> EventFeedback:
    """Feedback on an event once it has started (one answer per person, which they may
    change)."""
    require_permission(actor, "qio_connect.subscribe_event", event, action="event.feedback",
                       request=request)
    if event.status != Event.Status.APPROVED:
        raise WorkflowConflict("Feedback is collected on events that took place.",
                               current_state=event.status)
    if event.starts_at > timezone.now():
        raise ValidationError({"rating": "Feedback opens when the event starts."})
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise ValidationError({"rating": "Rate the event from 1 to 5."})
    feedback, _ = EventFeedback.objects.update_or_create(
        event=event, user=actor,
        defaults={"rating": rating, "comment": optional_text(comment, "comment", 2000)})
    return feedback


def event_reminders_send(*, now: datetime | None = None) -> int:
    """Remind subscribers a day ahead. Idempotent: reminder_sent_at is stored and each
    notification carries a key, so a doubled beat sends nothing twice."""
    now = now or timezone.now()
    due = Event.objects.filter(status=Event.Status.APPROVED, reminder_sent_at__isnull=True,
                               starts_at__gt=now, starts_at__lte=now + REMINDER_AHEAD)
    sent = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            event = lock(Event, pk)
            if event.reminder_sent_at is not None or event.status != Event.Status.APPROVED:
                continue
            event.reminder_sent_at = now
            event.save(update_fields=["reminder_sent_at"])
            start = timezone.localtime(event.starts_at)
            subscribers = _subscribers(event, kinds=[EventSubscription.Kind.SUBSCRIBE])
            notify_on_commit(recipients=subscribers,
                             kind=UPDATE_KIND, title=f"Tomorrow: {event.title}"[:200],
                             body=f"Starts {start:%b %d, %Y at %I:%M %p} Eastern.",
                             url=url("event_detail", event.pk),
                             idempotency_key=f"connect.event_reminder:{event.pk}")
            sent += 1
    return sent
