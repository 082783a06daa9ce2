"""Quality performance category percent score of an APM Entity (seed §4.2.6).

Entity level (§4.2.6.1): (achievement + bonus) / available x 100 % + improvement score
+ 50 % APM Quality Reporting Credit when the APM does not require MIPS quality reporting,
capped at 100 %.

TIN/NPI level (§4.2.6.2), used when the entity itself reported nothing: each TIN/NPI on the
participation list receives the higher of its TIN's group score and its own individual score;
a clinician with neither contributes 0; the scores are averaged over all TIN/NPIs (Figure 2e),
then improvement and credit are added and the total capped at 100 %. Each clinician's score is
capped at 100 % before averaging (a clinician's own category score cannot exceed 100 %), and
the roll-up's achievement percent for the improvement score is the same average taken over
achievement without bonus. A clinician is one TIN/NPI, the APM participant identifier (§2.2).
The small practice designation is the size of the whole APM Entity (§4.3.3).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from . import constants as c
from . import types as t
from .improvement import comparable_prior, improvement_score, provided_improvement
from .measure_set import score_unit
from .reference import Reference
from .rounding import q4


def quality_percent_score(
    achievement_score: Decimal, improvement: Decimal, credit: Decimal
) -> tuple[Decimal, tuple[str, ...]]:
    """(F) + (G) + (H), capped at 100 % (Tables 3-5, row I/J); exact, rounded when shown."""
    total = Decimal(achievement_score) + Decimal(improvement) + Decimal(credit)
    if total > c.QUALITY_PERCENT_CAP:
        return c.QUALITY_PERCENT_CAP, (f"quality percent score {q4(total)} % capped at 100 %",)
    return total, ()


def reporting_credit(apm_requires_mips_quality_reporting: bool) -> Decimal:
    """50 % for APMs that do not require MIPS quality reporting (§4.2.5), else 0."""
    return Decimal(0) if apm_requires_mips_quality_reporting else c.QUALITY_REPORTING_CREDIT


def attribute_clinicians(
    participants: Iterable[t.Participant],
    tin_scores: Mapping[str, Decimal],
    npi_scores: Mapping[tuple[str, str], Decimal],
    tin_achievement: Mapping[str, Decimal] | None = None,
    npi_achievement: Mapping[tuple[str, str], Decimal] | None = None,
) -> tuple[t.ClinicianScore, ...]:
    """One score per TIN/NPI: the higher of TIN and individual score, 0 when neither exists."""
    tin_achievement = tin_achievement or {}
    npi_achievement = npi_achievement or {}
    out = []
    for part in participants:
        for npi in part.npis:
            candidates = []
            if part.tin in tin_scores:
                candidates.append((min(tin_scores[part.tin], c.QUALITY_PERCENT_CAP), "tin",
                                   tin_achievement.get(part.tin, Decimal(0))))
            if (part.tin, npi) in npi_scores:
                candidates.append((min(npi_scores[(part.tin, npi)], c.QUALITY_PERCENT_CAP),
                                   "npi", npi_achievement.get((part.tin, npi), Decimal(0))))
            if not candidates:
                out.append(t.ClinicianScore(part.tin, npi, Decimal(0), Decimal(0), "none",
                                            f"NPI {npi} in TIN {part.tin}: neither the TIN nor "
                                            f"the clinician reported; contributes 0 %."))
                continue
            score, source, ach = max(candidates, key=lambda x: x[0])  # TIN wins ties
            what = "its TIN's group score" if source == "tin" else "its individual score"
            out.append(t.ClinicianScore(part.tin, npi, score, ach, source,
                                        f"NPI {npi} in TIN {part.tin}: {q4(score)} % from "
                                        f"{what}."))
    return tuple(out)


def average_clinician_score(clinicians: Iterable[t.ClinicianScore]) -> tuple[Decimal, Decimal]:
    """Average score and average achievement percent over all clinicians (Figure 2e)."""
    clinicians = list(clinicians)
    if not clinicians:
        return Decimal(0), Decimal(0)
    n = len(clinicians)
    return (sum((cs.score for cs in clinicians), Decimal(0)) / n,
            sum((cs.achievement_percent for cs in clinicians), Decimal(0)) / n)


def _entity_size(inp: t.EntityQualityInput) -> tuple[int, bool]:
    pairs = {(p.tin, n) for p in inp.participants for n in p.npis}
    count = inp.clinician_count if inp.clinician_count is not None else len(pairs)
    small = inp.small_practice
    if small is None:
        small = count <= c.SMALL_PRACTICE_MAX_CLINICIANS
    return count, small


def score_entity_quality(inp: t.EntityQualityInput, reference: Reference) -> t.QualityResult:
    """Quality performance category percent score of one APM Entity, fully explained."""
    count, small = _entity_size(inp)
    credit = reporting_credit(inp.apm_requires_mips_quality_reporting)
    entity_subs = [s.submission for s in inp.submissions if s.level == t.ENTITY]
    lower = [s for s in inp.submissions if s.level != t.ENTITY]
    notes: list[str] = []
    if entity_subs or not lower:
        ctx = t.UnitContext(t.ENTITY, inp.entity_id, count, small)
        unit = score_unit(entity_subs, reference, ctx)
        if lower:
            notes.append("The entity reported at the APM Entity level; TIN and individual "
                         "submissions are not used.")
        achievement, current, units, clinicians = (unit.percent_score, unit.achievement_percent,
                                                   (unit,), ())
        level, submitted = "entity", unit.submitted_any
    else:
        units, clinicians = _roll_up(inp, reference, small)
        achievement, current = average_clinician_score(clinicians)
        level, submitted = "tin_npi", True
    if inp.improvement_score is not None:
        imp = provided_improvement(inp.improvement_score, submitted=submitted)
    elif inp.prior_year is not None:
        prior, basis = comparable_prior(inp.entity_id, inp.prior_year)
        imp = improvement_score(current, prior, submitted=submitted, basis=basis)
    else:
        imp = improvement_score(current, inp.prior_achievement_percent, submitted=submitted)
    percent, caps = quality_percent_score(achievement, imp.score, credit)
    credit_text = (f"+ {credit} % APM Quality Reporting Credit" if credit
                   else "no APM Quality Reporting Credit (the APM requires MIPS reporting)")
    basis = ("entity-level reporting" if level == "entity"
             else f"average of {len(clinicians)} TIN/NPI scores")
    sentence = (f"Quality performance category for {inp.entity_id} ({basis}): "
                f"{q4(achievement)} % + {q4(imp.score)} improvement {credit_text} = "
                f"{q4(percent)} %"
                + (" (capped at 100 %)." if caps else "."))
    return t.QualityResult(inp.entity_id, level, achievement, imp, credit, percent, caps,
                           tuple(units), tuple(clinicians), sentence, tuple(notes))


def _roll_up(inp: t.EntityQualityInput, reference: Reference, small: bool):
    by_tin: dict[str, list[t.MeasureSubmission]] = {}
    by_npi: dict[tuple[str, str], list[t.MeasureSubmission]] = {}
    known = {(p.tin, n) for p in inp.participants for n in p.npis}
    tins = {p.tin: p for p in inp.participants}
    for s in inp.submissions:
        if s.level == t.TIN:
            if s.tin not in tins:
                raise ValueError(f"TIN {s.tin} is not on the participation list")
            by_tin.setdefault(s.tin, []).append(s.submission)
        elif s.level == t.NPI:
            if (s.tin, s.npi) not in known:
                raise ValueError(f"TIN/NPI {s.tin}/{s.npi} is not on the participation list")
            by_npi.setdefault((s.tin, s.npi), []).append(s.submission)
    units = []
    tin_scores, tin_ach, npi_scores, npi_ach = {}, {}, {}, {}
    for tin, subs in by_tin.items():
        part = tins[tin]
        size = part.clinician_count if part.clinician_count is not None else len(part.npis)
        unit = score_unit(subs, reference, t.UnitContext(t.TIN, tin, size, small))
        units.append(unit)
        tin_scores[tin], tin_ach[tin] = unit.percent_score, unit.achievement_percent
    for key, subs in by_npi.items():
        unit = score_unit(subs, reference, t.UnitContext(t.NPI, f"{key[0]}/{key[1]}", 1, small))
        units.append(unit)
        npi_scores[key], npi_ach[key] = unit.percent_score, unit.achievement_percent
    clinicians = attribute_clinicians(inp.participants, tin_scores, npi_scores, tin_ach, npi_ach)
    return units, clinicians
