"""The end of a sprint decides nothing a person still has to decide: a 7-day extension or a
hold pending on the end date keeps the referral open until the COR decides, escalated after 1
business day; close-out then follows the decision and records the close-out metric's values
(seed 001, Closeout Phase)."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from fqs import services, tasks
from fqs.models import CloseoutReason, Referral, SprintRequest
from qis_portal.models import AuditEvent, Notification
from qis_portal.workflow import WorkflowConflict

pytestmark = pytest.mark.django_db

# Launched Monday 2 March 2026: the 15-day sprint ends Tuesday 17 March; one business day
# after that is Wednesday 18 March.
LAUNCH = "2026-03-02 12:00 -05:00"
END_DAY = "2026-03-17 06:00 -04:00"
NEXT_BUSINESS_DAY = "2026-03-18 08:00 -04:00"


def _launched_with_pending(world, kind: str) -> tuple[Referral, SprintRequest]:
    referral = world.referral(Referral.Status.ASSIGNED, sprint_days=15)
    with time_machine.travel(LAUNCH, tick=False):
        referral = services.referral_launch(referral=referral, actor=world.p["associate"])
    with time_machine.travel("2026-03-16 15:00 -04:00", tick=False):
        pending = world.sprint_request(referral, kind)
    return referral, pending


@pytest.mark.parametrize("kind", ["extension", "hold"])
def test_a_pending_extension_or_hold_keeps_the_referral_open_past_its_end_date(world, kind):
    referral, pending = _launched_with_pending(world, kind)
    assert referral.sprint_end == date(2026, 3, 17)
    with time_machine.travel(END_DAY, tick=False):
        assert tasks.close_out_ended_sprints() == 0
        with pytest.raises(WorkflowConflict, match="awaits the COR"):
            services.referral_auto_close(referral=referral)
    referral.refresh_from_db()
    pending.refresh_from_db()
    assert referral.status == Referral.Status.INITIATION
    assert pending.status == SprintRequest.Status.PENDING


def test_the_undecided_extension_is_escalated_once_after_1_business_day(
        world, django_capture_on_commit_callbacks):
    referral, pending = _launched_with_pending(world, "extension")
    with time_machine.travel(END_DAY, tick=False):
        assert tasks.escalate_undecided_sprint_requests() == 0  # the end date itself
    with time_machine.travel(NEXT_BUSINESS_DAY, tick=False):
        assert tasks.escalate_undecided_sprint_requests() == 2  # the COR and the QIO manager
        assert tasks.escalate_undecided_sprint_requests() == 0
    pending.refresh_from_db()
    assert pending.escalated_at is not None
    assert AuditEvent.objects.filter(action="sprintrequest.escalate",
                                     target_id=str(pending.pk)).count() == 1
    [notice] = Notification.objects.filter(recipient=world.p["cor"],
                                           title__startswith="Overdue")
    assert f"referral #{referral.pk}" in notice.title


def test_the_escalation_counts_business_days_over_a_weekend(world):
    """Ended Friday 20 March (launched Thursday 5 March): the escalation waits for Monday."""
    referral = world.referral(Referral.Status.ASSIGNED, sprint_days=15)
    with time_machine.travel("2026-03-05 12:00 -05:00", tick=False):
        referral = services.referral_launch(referral=referral, actor=world.p["associate"])
        world.sprint_request(referral, "extension")
    assert referral.sprint_end == date(2026, 3, 20)
    with time_machine.travel("2026-03-22 09:00 -04:00", tick=False):  # Sunday
        assert tasks.escalate_undecided_sprint_requests() == 0
    with time_machine.travel("2026-03-23 09:00 -04:00", tick=False):  # Monday
        assert tasks.escalate_undecided_sprint_requests() == 2


def test_an_extension_approved_the_next_morning_adds_7_days_to_the_end_date(world):
    referral, pending = _launched_with_pending(world, "extension")
    with time_machine.travel(END_DAY, tick=False):
        tasks.close_out_ended_sprints()
    with time_machine.travel(NEXT_BUSINESS_DAY, tick=False):
        services.sprint_request_approve(sprint_request=pending, actor=world.p["cor"])
        assert tasks.close_out_ended_sprints() == 0
    referral.refresh_from_db()
    assert (referral.status, referral.sprint_end, referral.extension_count) == (
        Referral.Status.INITIATION, date(2026, 3, 24), 1)
    with time_machine.travel("2026-03-24 06:00 -04:00", tick=False):
        assert tasks.close_out_ended_sprints() == 1


@pytest.mark.parametrize("kind", ["extension", "hold"])
def test_a_rejection_after_the_end_date_closes_the_referral_then(world, kind):
    referral, pending = _launched_with_pending(world, kind)
    with time_machine.travel(NEXT_BUSINESS_DAY, tick=False):
        services.sprint_request_reject(sprint_request=pending, actor=world.p["cor"],
                                       reason="The provider has had enough time.")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.CLOSED
    assert referral.closeout_reason == CloseoutReason.SPRINT_ENDED


def test_a_rejection_before_the_end_date_leaves_the_sprint_running(world):
    referral, pending = _launched_with_pending(world, "extension")
    with time_machine.travel("2026-03-16 16:00 -04:00", tick=False):
        services.sprint_request_reject(sprint_request=pending, actor=world.p["cor"],
                                       reason="Not needed yet.")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.INITIATION


def test_a_withdrawal_after_the_end_date_closes_the_referral(world):
    referral, pending = _launched_with_pending(world, "extension")
    with time_machine.travel(NEXT_BUSINESS_DAY, tick=False):
        services.sprint_request_withdraw(sprint_request=pending, actor=world.p["associate"])
    referral.refresh_from_db()
    assert referral.status == Referral.Status.CLOSED


def test_a_hold_approved_late_stops_the_clock_at_the_end_date(world):
    referral, pending = _launched_with_pending(world, "hold")
    with time_machine.travel("2026-03-19 09:00 -04:00", tick=False):
        services.sprint_request_approve(sprint_request=pending, actor=world.p["cor"])
    referral.refresh_from_db()
    assert (referral.status, referral.hold_started_on) == (Referral.Status.ON_HOLD,
                                                           date(2026, 3, 17))
    with time_machine.travel("2026-03-23 09:00 -04:00", tick=False):
        services.referral_resume(referral=referral, actor=world.p["manager"])
    referral.refresh_from_db()
    assert (referral.held_days_total, referral.sprint_end) == (6, date(2026, 3, 23))


def test_the_closeout_records_the_final_value_against_the_closeout_metric(world):
    referral = world.referral(Referral.Status.EXECUTION)
    for day, value in ((date(2026, 3, 5), "70"), (date(2026, 3, 9), "81.5")):
        services.referral_outcome_add(referral=referral, actor=world.p["associate"],
                                      measured_on=day, value=Decimal(value))
    services.sprint_request_approve(sprint_request=world.sprint_request(referral, "closeout"),
                                    actor=world.p["cor"])
    referral.refresh_from_db()
    assert referral.closeout_metric == "Hand-hygiene compliance (%)"
    assert (referral.closeout_baseline_value, referral.closeout_final_value,
            referral.closeout_final_measured_on) == (Decimal("62.5"), Decimal("81.5"),
                                                     date(2026, 3, 9))
    assert referral.closeout_change == Decimal("19")


def test_a_closeout_with_no_outcome_measured_records_no_final_value(world):
    referral = world.referral(Referral.Status.CLOSED)
    assert referral.closeout_baseline_value == Decimal("62.5")
    assert referral.closeout_final_value is None and referral.closeout_change is None
