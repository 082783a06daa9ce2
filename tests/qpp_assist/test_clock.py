"""The response clock: QIN-QIO: QPP responds within 1 business day (seed 004), on the portal's
one calendar (weekends, federal holidays), restarted on every hand-off."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from qis_portal.business_days import federal_holiday_name, is_business_day
from qpp_assist import services
from qpp_assist.who_does_what import QPP_SURS

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")


def at(y, m, d, hour=10):
    return datetime(y, m, d, hour, tzinfo=EASTERN)


def test_the_calendar_knows_thanksgiving_2025_and_the_friday_after_is_a_business_day():
    assert federal_holiday_name(date(2025, 11, 27)) == "Thanksgiving Day"
    assert date(2025, 11, 26).weekday() == 2  # a Wednesday
    assert is_business_day(date(2025, 11, 28))


def test_an_inquiry_on_the_wednesday_before_thanksgiving_is_due_friday(submit):
    with time_machine.travel(at(2025, 11, 26), tick=False):
        inquiry = submit()
    assert inquiry.respond_by == date(2025, 11, 28)


def test_a_friday_inquiry_is_due_monday(submit):
    with time_machine.travel(at(2025, 12, 5), tick=False):
        assert submit().respond_by == date(2025, 12, 8)


def test_late_evening_counts_by_the_eastern_calendar(submit):
    # 11:30 pm Eastern on Tuesday is already Wednesday in UTC; the clock starts on Tuesday.
    with time_machine.travel(at(2025, 12, 2, hour=23), tick=False):
        assert submit().respond_by == date(2025, 12, 3)


def test_business_days_to_first_response_skip_the_holiday(submit, quinn_qpp,
                                                         django_capture_on_commit_callbacks):
    with time_machine.travel(at(2025, 11, 26), tick=False):
        inquiry = submit()
    with (time_machine.travel(at(2025, 11, 28, hour=15), tick=False),
          django_capture_on_commit_callbacks(execute=True)):
        answered = services.inquiry_respond(inquiry=inquiry, actor=quinn_qpp,
                                                response="Here is how.")
    assert answered.response_business_days == 1  # Thursday was Thanksgiving


def test_an_answer_the_same_day_took_zero_business_days(submit, quinn_qpp):
    with time_machine.travel(at(2025, 12, 3), tick=False):
        inquiry = submit()
        answered = services.inquiry_respond(inquiry=inquiry, actor=quinn_qpp, response="Done.")
    assert answered.response_business_days == 0


def test_a_hand_off_restarts_the_clock(submit, quinn_qpp, contractors, west_qio):
    with time_machine.travel(at(2025, 12, 1), tick=False):
        inquiry = submit()
    assert inquiry.respond_by == date(2025, 12, 2)
    with time_machine.travel(at(2025, 12, 3), tick=False):
        handoff = services.inquiry_hand_off(inquiry=inquiry, actor=quinn_qpp,
                                            to_contractor=contractors["west_qpp"],
                                            note="The practice is in Oregon, not Maine.")
    inquiry.refresh_from_db()
    assert inquiry.respond_by == date(2025, 12, 4) == handoff.respond_by
    assert inquiry.assignment_count == 2
    assert inquiry.assigned_at == at(2025, 12, 3)


def test_a_hand_off_to_a_contractor_without_a_clock_clears_respond_by(submit, quinn_qpp,
                                                                       contractors):
    inquiry = submit()
    services.inquiry_hand_off(inquiry=inquiry, actor=quinn_qpp,
                              to_contractor=contractors[QPP_SURS], note="It is a small group.")
    inquiry.refresh_from_db()
    assert inquiry.respond_by is None
