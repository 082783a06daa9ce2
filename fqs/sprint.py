"""Sprint arithmetic of an FQS referral, in one place (seed 001, FQS Activation and Closeout).

Reading of the seed:
- "15 vs. 30 day sprint" counts calendar days (the seed calls it a just-in-time, time-limited
  service; it names business days nowhere for the sprint).
- The sprint starts on the day the associate launches the referral ("Review and launch the
  FQS"). Its end date is start + 15 or start + 30 days: launched on 2 March, a 15-day sprint
  ends on 17 March, and the automatic close-out happens on that date ("The end date of the FQS
  sprint has been reached (automatically closed out by the system)").
- Each approved extension request moves the end date by 7 calendar days ("QIO can request 7 day
  extension(s)"); extensions are repeatable.
- A hold stops the clock: the hold start is stored, and on resume the end date moves by the
  number of calendar days the referral was held. A held referral is never closed automatically.
- An extension or hold still pending on the end date keeps the referral open until the COR
  decides; left undecided ESCALATE_AFTER_BUSINESS_DAYS business day after the end date, it is
  escalated to the CORs. An extension approved late still adds 7 days to the stored end date; a
  hold approved late stops the clock from the end date (the days waiting for the COR are not
  charged to the provider).
- Launch deadline: the associate launches within FQS_LAUNCH_DAYS business days of being
  assigned ("must do within x amount of days"); default 3, counted with the portal's federal
  business-day calendar.
"""

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from qis_portal.business_days import add_business_days

EXTENSION_DAYS = 7
ESCALATE_AFTER_BUSINESS_DAYS = 1
DEFAULT_LAUNCH_DAYS = 3


def today() -> date:
    """The portal's date (Eastern, settings.TIME_ZONE)."""
    return timezone.localdate()


def launch_days() -> int:
    return int(getattr(settings, "FQS_LAUNCH_DAYS", DEFAULT_LAUNCH_DAYS))


def launch_due_date(assigned_on: date) -> date:
    return add_business_days(assigned_on, launch_days())


def sprint_end(start: date, sprint_days: int) -> date:
    if sprint_days not in (15, 30):
        raise ValueError("An FQS sprint is 15 or 30 days.")
    return start + timedelta(days=sprint_days)


def extended_end(end: date) -> date:
    return end + timedelta(days=EXTENSION_DAYS)


def escalation_date(end: date) -> date:
    """The day an extension or hold undecided at the end date is escalated."""
    return add_business_days(end, ESCALATE_AFTER_BUSINESS_DAYS)


def hold_start(approved_on: date, end: date | None) -> date:
    """A hold approved after the end date stops the clock at the end date."""
    return min(approved_on, end) if end is not None else approved_on


def held_days(hold_started_on: date, resumed_on: date) -> int:
    return max(0, (resumed_on - hold_started_on).days)


def days_left(referral, on: date) -> int | None:
    """Days until the end date; while on hold the count is frozen at the hold start."""
    if referral.sprint_end is None:
        return None
    if referral.hold_started_on is not None:
        return (referral.sprint_end - referral.hold_started_on).days
    return (referral.sprint_end - on).days
