"""Plain frozen dataclasses in and out of the engine (no Django, no ORM).

Rates are percentages on a 0-100 scale for proportion measures (the scale of the benchmark
deciles); non-proportion measures use their own unit. Scores are :class:`~decimal.Decimal`
rounded half up to four decimals; per-measure points are floats already rounded to four
decimals (see :mod:`scoring.engine.rounding`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# Per-measure achievement statuses (see achievement.py for the rule behind each one).
SCORED = "scored"
NO_BENCHMARK_FLOOR = "no_benchmark_floor"
CASE_MINIMUM_FLOOR = "case_minimum_floor"
INCOMPLETE_ZERO = "incomplete_zero"
INCOMPLETE_SMALL_PRACTICE = "incomplete_small_practice"
EXCLUDED_NO_BENCHMARK = "excluded_no_benchmark"
EXCLUDED_CASE_MINIMUM = "excluded_case_minimum"
EXTERNAL_POINTS = "external_points"
# Measure-set statuses.
NOT_REPORTED = "not_reported"  # required measure missing: 0 of 10 points
NOT_NEEDED = "not_needed"  # outside the best six
SUPERSEDED = "superseded"  # another collection type of the same measure scored higher
NOT_APPLICABLE = "not_applicable"  # e.g. readmission for an individual or < 16 clinicians

ENTITY = "entity"
TIN = "tin"
NPI = "npi"
LEVELS = (ENTITY, TIN, NPI)

WEB_INTERFACE_SET = "web_interface"
OTHER_SET = "other_mechanisms"


@dataclass(frozen=True, slots=True)
class MeasureSubmission:
    """Performance data for one measure by one collection type, from one reporting unit.

    ``data_completeness`` is the percent of eligible patients reported (Web Interface: percent
    of the required consecutively ranked beneficiaries, i.e. of min(248, sample)). It may be
    omitted for CMS-calculated measures (administrative claims) and CAHPS surveys.
    ``external_points`` carries achievement points CMS computes outside the benchmark file
    (e.g. CAHPS for ACOs scored by the Shared Savings Program); it is used as given once the
    case minimum (``eligible_population``) is met. ``summary_measures`` holds a CAHPS survey's
    summary survey measure scores as ``(measure id, rate)`` pairs, e.g. ``("CAHPS_1", 84.2)``:
    the survey is one measure whose points are the average of theirs.
    """

    measure_id: str
    submission_method: str
    numerator: float | None = None
    denominator: float | None = None
    performance_rate: float | None = None
    eligible_population: int | None = None
    data_completeness: float | None = None
    end_to_end: bool = False
    external_points: float | None = None
    summary_measures: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class UnitContext:
    """Who reported: the APM Entity, a TIN as a group, or one TIN/NPI individually."""

    level: str
    unit_id: str
    clinician_count: int
    small_practice: bool


@dataclass(frozen=True, slots=True)
class MeasureAchievement:
    """Achievement points of one submission, before measure-set selection."""

    measure_id: str
    submission_method: str
    status: str
    points: float | None  # None: excluded from numerator and available points
    performance_rate: float | None
    case_count: int | None
    case_minimum: int
    completeness_met: bool
    decile: int | None = None
    raw_points: float | None = None
    caps: tuple[str, ...] = ()
    has_benchmark: bool = False
    benchmark_warnings: tuple[str, ...] = ()
    reason: str = ""

    @property
    def counts_toward_available(self) -> bool:
        return self.points is not None


@dataclass(frozen=True, slots=True)
class MeasureBonus:
    """Bonus points one measure earns (once per measure, across collection types)."""

    high_priority: int = 0
    cehrt: int = 0
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MeasureOutcome:
    """Everything the explanation says about one measure in one reporting unit."""

    measure_id: str
    title: str
    submission_method: str
    status: str
    counted: bool  # its achievement points are in the unit's numerator
    points: float | None
    available: int  # 10 when it counts toward available points, else 0
    decile: int | None
    caps: tuple[str, ...]
    bonus: MeasureBonus
    reason: str
    sentence: str
    achievement: MeasureAchievement | None = None


@dataclass(frozen=True, slots=True)
class UnitResult:
    """Quality score of one reporting unit (entity, TIN or TIN/NPI)."""

    context: UnitContext
    measure_set: str
    achievement_points: Decimal
    available_points: int
    high_priority_bonus_raw: int
    high_priority_bonus: int
    cehrt_bonus_raw: int
    cehrt_bonus: int
    small_practice_bonus: int
    total_bonus: int
    achievement_percent: Decimal  # achievement only, no bonus (used for improvement)
    percent_score: Decimal  # (achievement + bonus) / available x 100, not capped
    submitted_any: bool
    measures: tuple[MeasureOutcome, ...]
    caps: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    sentence: str = ""


@dataclass(frozen=True, slots=True)
class ImprovementResult:
    applied: bool
    score: Decimal
    current_percent: Decimal | None
    prior_percent: Decimal | None
    prior_used: Decimal | None
    caps: tuple[str, ...]
    sentence: str


@dataclass(frozen=True, slots=True)
class ClinicianScore:
    """One TIN/NPI's attributed score in a TIN/NPI roll-up (§4.2.6.2)."""

    tin: str
    npi: str
    score: Decimal
    achievement_percent: Decimal
    source: str  # "tin", "npi" or "none"
    sentence: str


@dataclass(frozen=True, slots=True)
class QualityResult:
    """The Quality performance category percent score of an APM Entity."""

    entity_id: str
    reporting_level: str  # "entity" or "tin_npi"
    achievement_score: Decimal  # (F)/(G) of the seed tables, or the roll-up average
    improvement: ImprovementResult
    quality_reporting_credit: Decimal
    percent_score: Decimal  # capped at 100
    caps: tuple[str, ...]
    units: tuple[UnitResult, ...]
    clinicians: tuple[ClinicianScore, ...]
    sentence: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CategoryScores:
    """Category percent scores (0-100); None means the category is reweighted to zero."""

    quality: Decimal | None
    improvement_activities: Decimal | None
    promoting_interoperability: Decimal | None
    cost: Decimal | None = None


@dataclass(frozen=True, slots=True)
class FinalScoreResult:
    weights: dict[str, Decimal]
    contributions: dict[str, Decimal]
    categories_scored: int
    complex_patient_bonus: Decimal
    final_score: Decimal
    caps: tuple[str, ...]
    sentence: str
    rule: str = field(default="weighted")


@dataclass(frozen=True, slots=True)
class Participant:
    """One TIN on the APM Entity's participation list and its clinicians' NPIs."""

    tin: str
    npis: tuple[str, ...]
    clinician_count: int | None = None  # defaults to len(npis)


@dataclass(frozen=True, slots=True)
class LeveledSubmission:
    """A submission and who reported it: the entity, a TIN, or one TIN/NPI."""

    level: str
    submission: MeasureSubmission
    tin: str | None = None
    npi: str | None = None


@dataclass(frozen=True, slots=True)
class PriorYear:
    """What CMS holds for the prior performance period (§4.2.4 data sufficiency).

    ``identifier`` is the identifier that submitted last year; ``achievement_percent`` its
    achievement percent score; ``individual_percents`` the prior-year achievement percent
    scores of the individuals now in the APM Entity (used when the identifier differs).
    """

    identifier: str
    achievement_percent: Decimal | None = None
    individual_percents: tuple[Decimal, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityQualityInput:
    entity_id: str
    apm_requires_mips_quality_reporting: bool
    participants: tuple[Participant, ...]
    submissions: tuple[LeveledSubmission, ...]
    clinician_count: int | None = None  # defaults to the number of TIN/NPIs
    small_practice: bool | None = None  # defaults to clinician_count <= 15
    prior_achievement_percent: Decimal | None = None  # the same identifier's prior score
    prior_year: PriorYear | None = None
    improvement_score: Decimal | None = None  # as CMS provides it; wins over the prior data
