"""Sprint arithmetic (fqs/sprint.py): start at launch, end = start + 15 or 30 calendar days,
+7 per approved extension, held days added back on resume (seed 001, FQS Closeout Phase)."""

from datetime import date

import pytest
import time_machine
from django.test import override_settings

from fqs import services, sprint
from fqs.models import Referral

pytestmark = pytest.mark.django_db

# Monday 2 March 2026, noon Eastern.
LAUNCH = "2026-03-02 12:00 -05:00"


def test_a_15_day_sprint_launched_on_2_march_ends_on_17_march():
    assert sprint.sprint_end(date(2026, 3, 2), 15) == date(2026, 3, 17)


def test_a_30_day_sprint_launched_on_2_march_ends_on_1_april():
    assert sprint.sprint_end(date(2026, 3, 2), 30) == date(2026, 4, 1)


@pytest.mark.parametrize("days", [0, 7, 14, 16, 29, 31, 45])
def test_a_sprint_is_only_ever_15_or_30_days(days):
    with pytest.raises(ValueError):
        sprint.sprint_end(date(2026, 3, 2), days)


def test_each_extension_moves_the_end_by_7_days():
    assert sprint.extended_end(date(2026, 3, 17)) == date(2026, 3, 24)


def test_the_launch_deadline_counts_3_business_days_by_default():
    # Friday 3 July 2026 is the observed Independence Day: the count skips it and the weekend.
    assert sprint.launch_due_date(date(2026, 7, 1)) == date(2026, 7, 7)


@override_settings(FQS_LAUNCH_DAYS=5)
def test_the_launch_deadline_follows_the_fqs_launch_days_setting():
    assert sprint.launch_due_date(date(2026, 3, 2)) == date(2026, 3, 9)


@pytest.mark.parametrize(("days", "end"), [(15, date(2026, 3, 17)), (30, date(2026, 4, 1))])
def test_launch_starts_the_sprint_today_and_stores_its_end(world, days, end):
    referral = world.referral(Referral.Status.ASSIGNED, sprint_days=days)
    with time_machine.travel(LAUNCH, tick=False):
        referral = services.referral_launch(referral=referral, actor=world.p["associate"])
        assert referral.days_left(sprint.today()) == days
    assert (referral.sprint_start, referral.sprint_end) == (date(2026, 3, 2), end)


def test_assignment_stores_the_launch_due_date(world):
    referral = world.referral()
    with time_machine.travel(LAUNCH, tick=False):
        referral = services.referral_assign(referral=referral, actor=world.p["manager"],
                                            assignee=world.p["associate"])
    assert referral.launch_due_date == date(2026, 3, 5)


def _launched(world, days=15):
    referral = world.referral(Referral.Status.ASSIGNED, sprint_days=days)
    with time_machine.travel(LAUNCH, tick=False):
        return services.referral_launch(referral=referral, actor=world.p["associate"])


def test_extensions_are_repeatable_and_add_7_days_each(world):
    referral = _launched(world)
    for expected in (date(2026, 3, 24), date(2026, 3, 31), date(2026, 4, 7)):
        request = world.sprint_request(referral, "extension")
        services.sprint_request_approve(sprint_request=request, actor=world.p["cor"])
        referral.refresh_from_db()
        assert referral.sprint_end == expected
    assert referral.extension_count == 3


def test_a_rejected_extension_leaves_the_end_date(world):
    referral = _launched(world)
    request = world.sprint_request(referral, "extension")
    services.sprint_request_reject(sprint_request=request, actor=world.p["cor"], reason="No")
    referral.refresh_from_db()
    assert referral.sprint_end == date(2026, 3, 17)


def test_a_hold_stops_the_clock_and_resume_adds_the_held_days(world):
    referral = _launched(world)
    with time_machine.travel("2026-03-06 09:00 -05:00", tick=False):
        services.sprint_request_approve(sprint_request=world.sprint_request(referral, "hold"),
                                        actor=world.p["cor"])
        referral.refresh_from_db()
        assert referral.status == Referral.Status.ON_HOLD
        assert referral.hold_started_on == date(2026, 3, 6)
        assert referral.days_left(sprint.today()) == 11
    with time_machine.travel("2026-03-16 09:00 -04:00", tick=False):
        # Ten days later the clock still shows 11 days left.
        assert referral.days_left(sprint.today()) == 11
        referral = services.referral_resume(referral=referral, actor=world.p["associate"])
        assert referral.days_left(sprint.today()) == 11
    assert referral.status == Referral.Status.INITIATION
    assert referral.sprint_end == date(2026, 3, 27)
    assert referral.held_days_total == 10
    assert referral.hold_started_on is None


def test_resume_returns_to_the_step_that_was_held(world):
    referral = world.referral(Referral.Status.ON_HOLD)
    assert referral.held_from_status == Referral.Status.EXECUTION
    referral = services.referral_resume(referral=referral, actor=world.p["manager"])
    assert referral.status == Referral.Status.EXECUTION


def test_extension_and_hold_add_up(world):
    referral = _launched(world)
    services.sprint_request_approve(sprint_request=world.sprint_request(referral, "extension"),
                                    actor=world.p["cor"])
    with time_machine.travel("2026-03-10 09:00 -04:00", tick=False):
        services.sprint_request_approve(sprint_request=world.sprint_request(referral, "hold"),
                                        actor=world.p["cor"])
    with time_machine.travel("2026-03-13 09:00 -04:00", tick=False):
        referral = services.referral_resume(referral=referral, actor=world.p["associate"])
    assert referral.sprint_end == date(2026, 3, 27)  # 17 + 7 + 3
