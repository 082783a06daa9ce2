"""What the real formats share: one measure's aggregate counts, and every problem by its path.

Both the QPP Submissions API JSON and QRDA Category III report, per measure, the patients who
met the measure, did not meet it, were excluded, were an exception, and the eligible
population. ``Measurement.submission()`` maps them to the engine's contract (one submission):

* numerator = performanceMet; performance denominator = performanceMet + performanceNotMet;
* eligible_population = eligiblePopulation;
* data_completeness = reportingRate when the file states it, else (performanceMet +
  performanceNotMet + exclusions + exceptions) / eligiblePopulation x 100, rounded to four
  decimals (the QPP documentation's own formula for reportingRate).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from scoring.engine import constants as c

# The JSON's entityType and QRDA III's program code, as the contract's submission level.
LEVELS = {"individual": "npi", "group": "tin", "apm": "entity", "apmEntity": "entity"}
METHODS = (c.CLAIMS, c.REGISTRY, c.EHR, c.WEB_INTERFACE)


@dataclass
class Problems:
    """Every problem of one file: (measurement number or 0 for the file, path, rule, value)."""

    items: list = field(default_factory=list)

    def add(self, path: str, rule: str, value="", number: int = 0) -> None:
        shown = "" if value is None else str(value)
        self.items.append({"row": number, "column": path, "rule": rule, "value": shown[:200]})

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass
class Measurement:
    """One measure's counts; ``paths`` names the file's element behind each contract field."""

    number: int
    path: str
    measure_id: str
    submission_method: str
    level: str
    tin: str
    npi: str
    performance_met: int
    performance_not_met: int
    exclusions: int
    exceptions: int
    eligible_population: int
    reporting_rate: Decimal | None = None
    end_to_end: bool = False
    paths: dict = field(default_factory=dict)

    def data_completeness(self) -> Decimal | None:
        if self.reporting_rate is not None:
            return self.reporting_rate
        if not self.eligible_population:
            return None
        reported = (self.performance_met + self.performance_not_met + self.exclusions
                    + self.exceptions)
        return (Decimal(reported) * 100 / self.eligible_population).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP)

    def submission(self) -> dict:
        """The contract's submission fields (as ``scoring.services.contract`` spells them)."""
        return {"level": self.level, "tin": self.tin, "npi": self.npi,
                "measure_id": self.measure_id, "submission_method": self.submission_method,
                "numerator": self.performance_met,
                "denominator": self.performance_met + self.performance_not_met,
                "performance_rate": None, "eligible_population": self.eligible_population,
                "data_completeness": self.data_completeness(), "end_to_end": self.end_to_end,
                "external_points": None}

    def path_of(self, contract_field: str) -> str:
        return self.paths.get(contract_field, self.path)


def count(problems: Problems, value, path: str, number: int, *, required: bool = True):
    """A non-negative whole number of patients, or None with the problem recorded."""
    if value is None:
        if required:
            problems.add(path, "is required", "", number)
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.add(path, "must be a whole number of patients, 0 or more", value, number)
        return None
    return value
