"""How success is measured (seed 004, last row of the table), as plain arithmetic.

* QIN-QIO: QPP — “responding to QPP inquiries within 1 business day”: the distribution of
  business days from assignment to first response, and the share answered in time.
* QPP-SURS — “Reach at least 75% of SURS practices”: reached / all SURS practices of the
  region against the goal.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from qpp_assist.routing import SMALL_GROUP_MAX

QIN_QIO_RESPONSE_BUSINESS_DAYS = 1
SURS_REACH_GOAL_PERCENT = 75
RESPONSE_BUCKETS = ("Same business day", "1 business day", "2 business days",
                    "3 business days", "4 business days", "5 or more business days")


def is_surs_practice(*, group_size: int, advanced_apm: bool, ptn_enrolled: bool) -> bool:
    """A practice QPP-SURS serves: a small group (15 or fewer clinicians) outside advanced APMs
    and PTNs (the table's “Providers served” and “Providers excluded” for QPP-SURS)."""
    return group_size <= SMALL_GROUP_MAX and not advanced_apm and not ptn_enrolled


@dataclass(frozen=True)
class Reach:
    reached: int
    total: int
    goal_percent: int = SURS_REACH_GOAL_PERCENT

    @property
    def percent(self) -> Decimal:
        if not self.total:
            return Decimal("0.0")
        return (Decimal(self.reached) * 100 / self.total).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def met(self) -> bool:
        """“at least 75%”: exact arithmetic, so 3 of 4 meets it and 74 of 100 does not."""
        return self.total > 0 and self.reached * 100 >= self.goal_percent * self.total

    @property
    def still_needed(self) -> int:
        """Practices still to reach before the goal is met."""
        needed = -(-self.goal_percent * self.total // 100)  # ceiling
        return max(0, needed - self.reached)


def bucket_index(business_days: int) -> int:
    return min(max(business_days, 0), len(RESPONSE_BUCKETS) - 1)


def response_distribution(days: Iterable[int]) -> list[dict]:
    counts = [0] * len(RESPONSE_BUCKETS)
    for value in days:
        counts[bucket_index(value)] += 1
    return [{"label": label, "count": count} for label, count in zip(RESPONSE_BUCKETS, counts,
                                                                       strict=True)]


def within(days: Iterable[int], limit: int = QIN_QIO_RESPONSE_BUSINESS_DAYS) -> tuple[int, int]:
    """(answered within `limit` business days, answered in all)."""
    values = list(days)
    return sum(1 for value in values if value <= limit), len(values)
