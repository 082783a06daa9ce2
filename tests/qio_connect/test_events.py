"""Events (seed 001, QIO Connect, Events): a public calendar of all QIOs and private calendars
per QIO group; users submit events for approval; subscribe, follow, like and give feedback."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from qio_connect import selectors, services
from qio_connect.models import Event, EventSubscription
from qis_portal.models import Notification
from qis_portal.workflow import WorkflowConflict

from .conftest import soon

pytestmark = pytest.mark.django_db


def test_a_submitted_event_waits_for_the_nlc(associate_ann, admin_dee, nlc_nia, make_event,
                                            associate_wes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(associate_ann, approve=False)
    assert event.status == Event.Status.PENDING
    told = set(Notification.objects.filter(kind="connect.event_submitted")
               .values_list("recipient__email", flat=True))
    assert told == {admin_dee.email, nlc_nia.email}
    assert event not in selectors.events_for(associate_wes)
    assert event in selectors.approvable_events_for(nlc_nia)


def test_the_delegated_administrator_puts_it_on_the_public_calendar(
        associate_ann, associate_wes, admin_dee, make_event, django_capture_on_commit_callbacks):
    event = make_event(associate_ann, approve=False)
    with django_capture_on_commit_callbacks(execute=True):
        event = services.event_approve(actor=admin_dee, event=event)
    assert event.status == Event.Status.APPROVED
    assert event in selectors.events_for(associate_wes)
    assert Notification.objects.filter(recipient=associate_ann,
                                       kind="connect.event_decision").exists()


def test_an_associate_cannot_approve_a_public_event(associate_ann, associate_wes, make_event):
    event = make_event(associate_ann, approve=False)
    with pytest.raises(PermissionDenied):
        services.event_approve(actor=associate_wes, event=event)


def test_a_rejection_needs_a_reason(associate_ann, admin_dee, make_event):
    event = make_event(associate_ann, approve=False)
    with pytest.raises(ValidationError):
        services.event_reject(actor=admin_dee, event=event, reason="")
    event = services.event_reject(actor=admin_dee, event=event, reason="Duplicate")
    assert event.status == Event.Status.REJECTED
    with pytest.raises(WorkflowConflict):
        services.event_approve(actor=admin_dee, event=event)


def test_a_private_calendar_event_is_approved_by_the_groups_facilitator(
        associate_ann, associate_ned, manager_max, associate_wes, community_ne, make_event):
    services.group_update(actor=manager_max, group=community_ne, facilitator=associate_ned)
    community_ne.refresh_from_db()
    event = make_event(associate_ann, group=community_ne, approve=False)
    assert event in selectors.approvable_events_for(associate_ned)
    event = services.event_approve(actor=associate_ned, event=event)
    assert event in selectors.events_for(associate_ann)
    assert event not in selectors.events_for(associate_wes)


def test_another_qios_private_event_answers_404(client, api_client, associate_ann,
                                                associate_wes, community_ne, make_event):
    event = make_event(associate_ann, group=community_ne)
    client.force_login(associate_wes)
    for url in (f"/connect/events/{event.pk}/", f"/connect/events/{event.pk}/event.ics"):
        assert client.get(url).status_code == 404
    api_client.force_authenticate(associate_wes)
    assert api_client.get(f"/api/connect/events/{event.pk}/").status_code == 404


def test_a_calendar_is_one_the_submitter_belongs_to(associate_wes, community_ne):
    start, end = soon()
    with pytest.raises(ValidationError):
        services.event_submit(actor=associate_wes, title="Sneaky", starts_at=start, ends_at=end,
                              group=community_ne)


@pytest.mark.parametrize("shift, length, field", [
    (timedelta(days=-1), timedelta(hours=1), "starts_at"),
    (timedelta(days=1), timedelta(hours=-1), "ends_at"),
    (timedelta(days=1), timedelta(0), "ends_at"),
])
def test_an_event_ends_after_it_starts_and_starts_in_the_future(associate_ann, shift, length,
                                                               field):
    start = timezone.now() + shift
    with pytest.raises(ValidationError) as exc:
        services.event_submit(actor=associate_ann, title="T", starts_at=start,
                              ends_at=start + length)
    assert field in exc.value.message_dict


def test_subscribe_follow_and_like_toggle(associate_wes, associate_ann, make_event):
    event = make_event(associate_ann)
    for kind in EventSubscription.Kind.values:
        assert services.event_subscription_toggle(actor=associate_wes, event=event, kind=kind)
    assert selectors.event_counts(event) == {"subscribe": 1, "follow": 1, "like": 1}
    assert not services.event_subscription_toggle(actor=associate_wes, event=event,
                                                  kind="like")
    with pytest.raises(ValidationError):
        services.event_subscription_toggle(actor=associate_wes, event=event, kind="attend")


def test_a_pending_event_cannot_be_subscribed_to(associate_wes, associate_ann, make_event):
    event = make_event(associate_ann, approve=False)
    with pytest.raises(WorkflowConflict):
        services.event_subscription_toggle(actor=associate_wes, event=event, kind="subscribe")


def test_a_change_to_an_approved_event_raises_its_sequence_and_tells_subscribers(
        associate_wes, associate_ann, admin_dee, make_event, django_capture_on_commit_callbacks):
    event = make_event(associate_ann)
    services.event_subscription_toggle(actor=associate_wes, event=event, kind="follow")
    with django_capture_on_commit_callbacks(execute=True):
        event = services.event_update(actor=admin_dee, event=event, location="Room 4")
    assert (event.sequence, event.location) == (1, "Room 4")
    assert Notification.objects.filter(recipient=associate_wes,
                                       kind="connect.event_update").exists()


def test_the_submitter_edits_only_while_pending(associate_ann, admin_dee, make_event):
    event = make_event(associate_ann, approve=False)
    event = services.event_update(actor=associate_ann, event=event, title="Renamed")
    assert event.title == "Renamed"
    event = services.event_approve(actor=admin_dee, event=event)
    with pytest.raises(WorkflowConflict):
        services.event_update(actor=associate_ann, event=event, title="Again")


def test_cancelling_an_approved_event_tells_subscribers(
        associate_wes, associate_ann, admin_dee, make_event, django_capture_on_commit_callbacks):
    event = make_event(associate_ann)
    services.event_subscription_toggle(actor=associate_wes, event=event, kind="subscribe")
    with django_capture_on_commit_callbacks(execute=True):
        event = services.event_cancel(actor=associate_ann, event=event, reason="Speaker ill")
    assert event.status == Event.Status.CANCELLED and event.sequence == 1
    note = Notification.objects.get(recipient=associate_wes, kind="connect.event_update")
    assert note.title.startswith("Event cancelled")
    with pytest.raises(WorkflowConflict):
        services.event_cancel(actor=admin_dee, event=event)


def test_someone_else_cannot_cancel_an_event(associate_ann, associate_wes, make_event):
    event = make_event(associate_ann)
    with pytest.raises(PermissionDenied):
        services.event_cancel(actor=associate_wes, event=event)


def test_feedback_opens_when_the_event_starts_and_is_one_answer_per_person(
        associate_wes, associate_ann, make_event):
    event = make_event(associate_ann)
    with pytest.raises(ValidationError):
        services.event_feedback_give(actor=associate_wes, event=event, rating=5)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    event.refresh_from_db()
    services.event_feedback_give(actor=associate_wes, event=event, rating=4, comment="Good")
    services.event_feedback_give(actor=associate_wes, event=event, rating=5)
    assert list(event.feedback.values_list("rating", flat=True)) == [5]
    for bad in (0, 6, True, "5"):
        with pytest.raises(ValidationError):
            services.event_feedback_give(actor=associate_wes, event=event, rating=bad)


def test_reminders_go_to_subscribers_a_day_ahead_once(associate_wes, associate_ann, make_event,
                                                     django_capture_on_commit_callbacks):
    event = make_event(associate_ann, days=3)
    services.event_subscription_toggle(actor=associate_wes, event=event, kind="subscribe")
    follower = associate_ann
    services.event_subscription_toggle(actor=follower, event=event, kind="follow")
    assert services.event_reminders_send() == 0
    later = event.starts_at - timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.event_reminders_send(now=later) == 1
        assert services.event_reminders_send(now=later) == 0
    reminders = Notification.objects.filter(kind="connect.event_update",
                                            title__startswith="Tomorrow")
    assert list(reminders.values_list("recipient__email", flat=True)) == [associate_wes.email]


def test_the_reminder_sweep_is_a_registered_task(settings):
    from qio_connect.tasks import send_event_reminders

    assert "qio_connect.tasks.send_event_reminders" in settings.CELERY_BEAT_SCHEDULE
    assert send_event_reminders.run() == 0


def test_the_month_grid_puts_a_multi_day_event_on_each_of_its_days(associate_ann, admin_dee):
    start = (timezone.localtime() + timedelta(days=40)).replace(hour=9, minute=0, second=0,
                                                                microsecond=0)
    event = services.event_submit(actor=admin_dee, title="Summit", starts_at=start,
                                  ends_at=start + timedelta(days=2), publish=True)
    weeks = selectors.month_grid(associate_ann, start.year, start.month)
    days = [day.date for week in weeks for day in week if event in day.events]
    assert days == [start.date() + timedelta(days=n) for n in range(3)]
    assert all(len(week) == 7 and week[0].date.weekday() == 6 for week in weeks)
