"""Every deadline of the contract timeline with real calendar dates (seed 001, DOMAIN §3.3)."""

from datetime import date

import pytest

from qio_program.lifecycle import schedule
from qio_program.lifecycle.choices import DeliverableKind
from qis_portal.regions import QIN_REGIONS, REGION_STATES, STATE_NAMES, Region, states_for_region

AWARD = date(2024, 11, 1)
NE = states_for_region(Region.NORTHEAST)


def planned(kind, award=AWARD, states=NE, tribal=False):
    return [item for item in schedule.deliverable_schedule(award, states, tribal=tribal)
            if item.kind == kind]


def test_month_n_is_the_same_day_n_calendar_months_after_the_award():
    assert schedule.month_date(AWARD, 9) == date(2025, 8, 1)
    assert schedule.month_date(AWARD, 12) == date(2025, 11, 1)
    assert schedule.month_date(AWARD, 16) == date(2026, 3, 1)


def test_month_n_clamps_to_the_last_day_of_a_shorter_month():
    assert schedule.month_date(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert schedule.month_date(date(2027, 1, 31), 13) == date(2028, 2, 29)


def test_the_a3c_of_every_state_is_due_in_month_9_and_updated_yearly():
    a3c = planned(DeliverableKind.A3C)
    firsts = [item for item in a3c if item.sequence == 1]
    assert {item.state for item in firsts} == set(NE)
    assert {item.due_date for item in firsts} == {date(2025, 8, 1)}
    maine = [item.due_date for item in a3c if item.state == "ME"]
    assert maine == [date(2025, 8, 1), date(2026, 8, 1), date(2027, 8, 1), date(2028, 8, 1),
                     date(2029, 8, 1)]


def test_the_pes_is_due_in_month_12():
    (pes,) = planned(DeliverableKind.PES)
    assert pes.due_date == date(2025, 11, 1)


def test_the_qap_is_due_in_month_16_and_updated_annually_inside_the_period():
    assert [item.due_date for item in planned(DeliverableKind.QAP)] == [
        date(2026, 3, 1), date(2027, 3, 1), date(2028, 3, 1), date(2029, 3, 1)]


def test_the_executive_dashboard_report_starts_in_month_6_and_is_quarterly():
    reports = planned(DeliverableKind.EXEC_DASHBOARD)
    assert reports[0].due_date == date(2025, 5, 1)
    assert reports[1].due_date == date(2025, 8, 1)
    assert reports[-1].due_date == date(2029, 8, 1)  # month 57; month 60 is after the end
    assert len(reports) == 18
    assert reports[0].title.startswith("ELC ")
    assert reports[0].period_start == AWARD


def test_an_aian_qio_reports_to_its_tribal_executive_leadership_council():
    reports = planned(DeliverableKind.EXEC_DASHBOARD, tribal=True,
                      states=states_for_region(Region.AIAN_SOUTHWEST))
    assert reports[0].title.startswith("TELC ")


@pytest.mark.parametrize(("year", "month", "due"), [
    (2024, 11, date(2024, 12, 6)),   # Nov 30 is a Saturday: Dec 2-6
    (2024, 12, date(2025, 1, 8)),    # New Year's Day 2025 does not count
    (2025, 1, date(2025, 2, 7)),
    (2025, 5, date(2025, 6, 6)),
    (2025, 6, date(2025, 7, 8)),     # Independence Day 2025 (Friday) does not count
    (2025, 11, date(2025, 12, 5)),   # Nov 30 2025 is a Sunday
    (2025, 12, date(2026, 1, 8)),    # New Year's Day 2026
])
def test_the_monthly_status_report_is_due_5_business_days_after_the_month(year, month, due):
    report = next(item for item in planned(DeliverableKind.MONTHLY_STATUS)
                  if item.period_start.year == year and item.period_start.month == month)
    assert report.due_date == due


def test_monthly_reports_run_while_they_fall_due_inside_the_period_of_performance():
    reports = planned(DeliverableKind.MONTHLY_STATUS)
    assert len(reports) == 59
    assert reports[0].title == "Monthly status report — November 2024"
    assert reports[-1].title == "Monthly status report — September 2029"
    assert reports[-1].due_date <= schedule.pop_end(AWARD)


def test_a_mid_month_award_reports_its_partial_first_month():
    first = planned(DeliverableKind.MONTHLY_STATUS, award=date(2025, 5, 15))[0]
    assert (first.period_start, first.period_end) == (date(2025, 5, 15), date(2025, 5, 31))


def test_annual_and_resilience_reports_follow_each_execution_year():
    annual = [item.due_date for item in planned(DeliverableKind.ANNUAL)]
    resilience = [item.due_date for item in planned(DeliverableKind.RESILIENCE)]
    assert annual == [date(2026, 11, 1), date(2027, 11, 1), date(2028, 11, 1),
                      date(2029, 10, 31)]
    assert resilience == annual


def test_the_final_outcomes_report_is_due_in_the_final_year():
    (final,) = planned(DeliverableKind.FINAL_OUTCOMES)
    assert final.due_date == date(2029, 10, 1)
    assert schedule.contract_year_of(AWARD, final.due_date) == 4


def test_the_period_of_performance_has_three_phases():
    foundational, execution, completion = schedule.phases(AWARD)
    assert (foundational.start, foundational.end) == (date(2024, 11, 1), date(2025, 10, 31))
    assert (execution.start, execution.end) == (date(2025, 11, 1), date(2029, 10, 31))
    assert (completion.start, completion.end) == (date(2029, 7, 1), date(2029, 10, 31))
    assert schedule.current_phase(AWARD, date(2029, 8, 1)).key == "completion"
    assert schedule.current_phase(AWARD, date(2026, 1, 1)).key == "execution"
    assert schedule.current_phase(AWARD, date(2030, 1, 1)) is None


def test_a_deadline_on_a_year_boundary_closes_the_year_before():
    assert schedule.due_year_of(AWARD, date(2025, 11, 1)) == 0
    assert schedule.due_year_of(AWARD, date(2025, 11, 2)) == 1
    assert schedule.contract_year_of(AWARD, date(2020, 1, 1)) == 0
    assert schedule.contract_year_of(AWARD, date(2031, 1, 1)) == 4


def test_every_state_and_territory_belongs_to_exactly_one_qin_region():
    covered = [code for region in QIN_REGIONS for code in REGION_STATES[region]]
    assert sorted(covered) == sorted(STATE_NAMES)
    assert len(covered) == len(set(covered)) == 56
