"""Automatic close-out at the sprint end date (an idempotent sweep), early close-out, and the
survey sent on close-out (seed 001, Closeout Phase and Provider Feedback Survey)."""

from datetime import date

import pytest
import time_machine

from fqs import services, tasks
from fqs.models import CloseoutReason, Referral, SprintRequest, Survey
from qis_portal.models import AuditEvent, Notification

pytestmark = pytest.mark.django_db


def _launched(world, days=15):
    referral = world.referral(Referral.Status.ASSIGNED, sprint_days=days)
    with time_machine.travel("2026-03-02 12:00 -05:00", tick=False):
        return services.referral_launch(referral=referral, actor=world.p["associate"])


def test_the_sweep_leaves_a_sprint_before_its_end_date(world):
    referral = _launched(world)
    with time_machine.travel("2026-03-16 23:00 -04:00", tick=False):
        assert tasks.close_out_ended_sprints() == 0
    referral.refresh_from_db()
    assert referral.status == Referral.Status.INITIATION


def test_the_sweep_closes_at_the_end_date_and_twice_does_nothing_twice(
        world, provider_pia, django_capture_on_commit_callbacks):
    referral = _launched(world)
    with time_machine.travel("2026-03-17 06:00 -04:00", tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.close_out_ended_sprints() == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.close_out_ended_sprints() == 0
    referral.refresh_from_db()
    assert referral.status == Referral.Status.CLOSED
    assert referral.closeout_reason == CloseoutReason.SPRINT_ENDED
    closes = AuditEvent.objects.filter(action="referral.close_out", target_id=str(referral.pk))
    assert closes.count() == 1 and closes.get().actor is None
    assert Survey.objects.filter(referral=referral).count() == 1
    assert Notification.objects.filter(recipient=provider_pia, kind="fqs.survey").count() == 1


def test_the_sweep_skips_a_held_referral(world):
    referral = _launched(world)
    services.sprint_request_approve(sprint_request=world.sprint_request(referral, "hold"),
                                    actor=world.p["cor"])
    with time_machine.travel("2026-04-30 06:00 -04:00", tick=False):
        assert tasks.close_out_ended_sprints() == 0
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ON_HOLD


def test_an_extended_sprint_closes_on_its_new_end_date(world):
    referral = _launched(world)
    services.sprint_request_approve(sprint_request=world.sprint_request(referral, "extension"),
                                    actor=world.p["cor"])
    with time_machine.travel("2026-03-20 06:00 -04:00", tick=False):
        assert tasks.close_out_ended_sprints() == 0
    with time_machine.travel("2026-03-24 06:00 -04:00", tick=False):
        assert tasks.close_out_ended_sprints() == 1


@pytest.mark.parametrize("reason", ["requirements_met", "provider_refused", "medicare_lost"])
def test_an_approved_early_closeout_closes_with_its_ground(world, reason):
    referral = world.referral(Referral.Status.QAP)
    request = world.sprint_request(referral, "closeout", closeout_reason=reason)
    services.sprint_request_approve(sprint_request=request, actor=world.p["cor"])
    referral.refresh_from_db()
    assert referral.status == Referral.Status.CLOSED
    assert referral.closeout_reason == reason
    assert Survey.objects.filter(referral=referral).exists()


def test_an_early_closeout_needs_one_of_the_three_grounds(world):
    from django.core.exceptions import ValidationError

    referral = world.referral(Referral.Status.INITIATION)
    with pytest.raises(ValidationError):
        world.sprint_request(referral, "closeout", closeout_reason="sprint_ended")


def test_a_held_referral_can_still_be_closed_early(world):
    referral = world.referral(Referral.Status.ON_HOLD)
    request = world.sprint_request(referral, "closeout", closeout_reason="provider_refused")
    services.sprint_request_approve(sprint_request=request, actor=world.p["cor"])
    referral.refresh_from_db()
    assert referral.status == Referral.Status.CLOSED


def test_closing_withdraws_the_requests_still_pending(world):
    referral = world.referral(Referral.Status.EXECUTION)
    extension = world.sprint_request(referral, "extension")
    closeout = world.sprint_request(referral, "closeout")
    services.sprint_request_approve(sprint_request=closeout, actor=world.p["cor"])
    extension.refresh_from_db()
    assert extension.status == SprintRequest.Status.WITHDRAWN


def test_a_second_pending_request_of_the_same_kind_is_refused(world):
    from qis_portal.workflow import WorkflowConflict

    referral = world.referral(Referral.Status.INITIATION)
    world.sprint_request(referral, "extension")
    with pytest.raises(WorkflowConflict, match="already awaiting"):
        world.sprint_request(referral, "extension")


def test_an_overdue_launch_is_flagged_once(world, django_capture_on_commit_callbacks):
    with time_machine.travel("2026-03-02 12:00 -05:00", tick=False):
        referral = world.referral(Referral.Status.ASSIGNED)
    assert referral.launch_due_date == date(2026, 3, 5)
    with time_machine.travel("2026-03-05 20:00 -05:00", tick=False):
        assert tasks.flag_overdue_launches() == 0
    with (time_machine.travel("2026-03-06 08:00 -05:00", tick=False),
          django_capture_on_commit_callbacks(execute=True)):
        assert tasks.flag_overdue_launches() == 1
        assert tasks.flag_overdue_launches() == 0
    notes = Notification.objects.filter(kind="fqs.launch_overdue")
    assert set(notes.values_list("recipient__email", flat=True)) == {
        "ann@northeast.test", "max@northeast.test"}
