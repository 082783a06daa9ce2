"""The contract timeline: phases and every deliverable's due date, derived from the award date.

How "month N" becomes a date: `due = business_days.add_months(award_date, N)`, the same day of
the month N calendar months after the award, clamped to that month's last day. It is a
calendar date, not shifted to a business day, because the SOW counts months ("documented in
CQP by the 9th month after contract award", seed 001). Award 2024-11-01: A3C (month 9) is due
2025-08-01, the PES (month 12) 2025-11-01, the QAP (month 16) 2026-03-01. Award 2025-01-31:
month 1 is 2025-02-28.

Rules (seed 001, DOMAIN.md §3.1 and §3.3):
* Period of performance: 60 months from the award, ending the day before month 60.
  Year 0 Foundational Set-up = the first 12 months; Quality Improvement Execution = years 1–4
  (48 months); Completion = the last 4 months of year 4 ("4 months | QI Completion | Part of
  Year 4").
* A3C for every state/territory of the region by month 9, updated once a year (months 21, 33,
  45, 57). PES for every provider by month 12. QAP by month 16, updated annually (28, 40, 52).
* ELC (QIN-QIO) or TELC (AIAN) executive dashboard report from month 6 and every quarter.
* Monthly status report: 5 business days after the end of each month
  (`business_days_after_month_end`), for every month whose report falls due inside the period
  of performance (the last month is reported in the final outcomes report).
* Annual report and annual community resilience report: after Year 1 and annually, i.e. on the
  first day after each execution year ends (Year 1 of award 2024-11-01: 2026-11-01); Year 4's
  falls due on the last day of the period of performance, before accounts close.
* Final outcomes report: in the final year, due one month before the period of performance
  ends (month 59), so the COR reviews it while the QIO's accounts are still open.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from qio_program.lifecycle.choices import DeliverableKind
from qis_portal.business_days import add_months, business_days_after_month_end
from qis_portal.regions import state_name

POP_MONTHS = 60
FOUNDATIONAL_MONTHS = 12
COMPLETION_MONTHS = 4
A3C_MONTH = 9
PES_MONTH = 12
QAP_MONTH = 16
EXEC_DASHBOARD_FIRST_MONTH = 6
EXEC_DASHBOARD_EVERY_MONTHS = 3
ANNUAL_EVERY_MONTHS = 12
MONTHLY_REPORT_BUSINESS_DAYS = 5
FINAL_OUTCOMES_MONTH = 59
# Provider-level clocks (seed 001): PES re-evaluated every 12 months; the COR approves a
# Provider Assessment within 5 business days; assessments and QAPs are redone yearly.
PES_REEVALUATION_MONTHS = 12
PA_REVIEW_BUSINESS_DAYS = 5
PA_FOLLOW_UP_MONTHS = 12

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


@dataclass(frozen=True)
class Phase:
    key: str
    label: str
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class PlannedDeliverable:
    kind: str
    title: str
    due_date: date
    sequence: int = 1
    state: str = ""
    period_start: date | None = None
    period_end: date | None = None


def month_date(award: date, months: int) -> date:
    """The date of "month N" after the award (see the module docstring)."""
    return add_months(award, months)


def pop_end(award: date) -> date:
    """The last day of the five-year period of performance."""
    return add_months(award, POP_MONTHS) - timedelta(days=1)


def phases(award: date) -> list[Phase]:
    end = pop_end(award)
    execution_start = add_months(award, FOUNDATIONAL_MONTHS)
    return [
        Phase("foundational", "Year 0 — Foundational Set-up (12 months)", award,
              execution_start - timedelta(days=1)),
        Phase("execution", "Years 1–4 — Quality Improvement Execution (48 months)",
              execution_start, end),
        Phase("completion", "Completion — final reporting and transition off (last 4 months "
              "of Year 4)", add_months(award, POP_MONTHS - COMPLETION_MONTHS), end),
    ]


def contract_years(award: date) -> list[Phase]:
    years = []
    for year in range(POP_MONTHS // 12):
        label = "Year 0 — Foundational Set-up" if year == 0 else f"Year {year} — QI Execution"
        years.append(Phase(f"year{year}", label, add_months(award, 12 * year),
                           add_months(award, 12 * (year + 1)) - timedelta(days=1)))
    return years


def contract_year_of(award: date, day: date) -> int:
    """0–4; days before the award count as year 0, days after the end as year 4."""
    for index, year in enumerate(contract_years(award)):
        if day <= year.end:
            return index
    return POP_MONTHS // 12 - 1


def due_year_of(award: date, due: date) -> int:
    """The contract year a deadline closes: a due date on a year's first day ends the year
    before (the PES due on month 12 belongs to Year 0)."""
    return contract_year_of(award, due - timedelta(days=1))


def current_phase(award: date, today: date) -> Phase | None:
    """The most specific phase containing `today` (Completion inside year 4)."""
    found = None
    for phase in phases(award):
        if phase.contains(today):
            found = phase
    return found


def _a3c(award: date, states: tuple[str, ...], end: date) -> list[PlannedDeliverable]:
    planned = []
    for state in states:
        sequence, month = 1, A3C_MONTH
        while month_date(award, month) <= end:
            title = (f"A3C — {state_name(state)} ({state})" if sequence == 1 else
                     f"A3C annual update {sequence - 1} — {state_name(state)} ({state})")
            planned.append(PlannedDeliverable(DeliverableKind.A3C, title,
                                              month_date(award, month), sequence, state))
            sequence, month = sequence + 1, month + ANNUAL_EVERY_MONTHS
    return planned


def _qap(award: date, end: date) -> list[PlannedDeliverable]:
    planned, sequence, month = [], 1, QAP_MONTH
    while month_date(award, month) <= end:
        title = ("Quality Action Plan for every serviced provider" if sequence == 1 else
                 f"Quality Action Plan annual update {sequence - 1}")
        planned.append(PlannedDeliverable(DeliverableKind.QAP, title, month_date(award, month),
                                          sequence))
        sequence, month = sequence + 1, month + ANNUAL_EVERY_MONTHS
    return planned


def _exec_dashboard(award: date, end: date, council: str) -> list[PlannedDeliverable]:
    planned, quarter, month = [], 1, EXEC_DASHBOARD_FIRST_MONTH
    while month_date(award, month) <= end:
        due = month_date(award, month)
        start = award if quarter == 1 else month_date(award, month - EXEC_DASHBOARD_EVERY_MONTHS)
        planned.append(PlannedDeliverable(
            DeliverableKind.EXEC_DASHBOARD, f"{council} executive dashboard report, quarter "
            f"{quarter}", due, quarter, period_start=start, period_end=due - timedelta(days=1)))
        quarter, month = quarter + 1, month + EXEC_DASHBOARD_EVERY_MONTHS
    return planned


def _monthly(award: date, end: date) -> list[PlannedDeliverable]:
    planned, sequence = [], 1
    year, month = award.year, award.month
    while True:
        due = business_days_after_month_end(year, month, MONTHLY_REPORT_BUSINESS_DAYS)
        if due > end:
            return planned
        first = max(award, date(year, month, 1))
        last = add_months(date(year, month, 1), 1) - timedelta(days=1)
        planned.append(PlannedDeliverable(
            DeliverableKind.MONTHLY_STATUS,
            f"Monthly status report — {MONTH_NAMES[month - 1]} {year}", due, sequence,
            period_start=first, period_end=last))
        sequence += 1
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _annual(award: date, end: date) -> list[PlannedDeliverable]:
    planned = []
    years = contract_years(award)
    for year in range(1, len(years)):
        due = min(add_months(award, 12 * (year + 1)), end)
        span = {"period_start": years[year].start, "period_end": years[year].end}
        planned.append(PlannedDeliverable(DeliverableKind.ANNUAL, f"Annual report — Year {year}",
                                          due, year, **span))
        planned.append(PlannedDeliverable(
            DeliverableKind.RESILIENCE, f"Annual community resilience report — Year {year}",
            due, year, **span))
    return planned


def deliverable_schedule(award: date, states: tuple[str, ...], *,
                         tribal: bool = False) -> list[PlannedDeliverable]:
    """Every deliverable of one task order, ordered by due date."""
    end = pop_end(award)
    planned = [
        *_a3c(award, states, end),
        PlannedDeliverable(DeliverableKind.PES, "Provider Engagement Strategy for every "
                           "provider", month_date(award, PES_MONTH)),
        *_qap(award, end),
        *_exec_dashboard(award, end, "TELC" if tribal else "ELC"),
        *_monthly(award, end),
        *_annual(award, end),
        PlannedDeliverable(DeliverableKind.FINAL_OUTCOMES, "Final outcomes report",
                           month_date(award, FINAL_OUTCOMES_MONTH),
                           period_start=award, period_end=end),
    ]
    return sorted(planned, key=lambda item: (item.due_date, item.kind, item.state, item.sequence))
