"""Measure bonus points (seed §4.2.3, §4.3.1-§4.3.3).

* High priority: outcome (incl. intermediate and patient-reported outcome) and patient
  experience measures 2 points, other high-priority measures 1 point. None for the first
  required outcome measure (or, when no outcome measure is reported, the first required
  high-priority measure); none for Web Interface measures; none for CMS-calculated
  administrative-claims measures (Table 5, "No (calculated by CMS)"). CAHPS earns 2 points.
* CEHRT: 1 point per measure reported end to end through eCQM, MIPS CQM/QCDR or the Web
  Interface; Part B claims and CAHPS are not eligible (Tables 3-5).
* Each bonus needs the case minimum, data completeness and a performance rate above 0
  (inverse measures: below 100 %, §4.2.3 note 51). A measure reported via several collection
  types earns each bonus once. Bonus counts even when the measure is not among the scored six.
* High-priority and CEHRT bonus are each capped at 10 % of available achievement points.
* Small practice (<= 15 clinicians): +6 when at least one quality measure is submitted.

The seed: "Measure bonus points are not available for the first reported outcome measure,
which is required to be reported" (§4.2.3). It does not say what "first" is ordered by, and an
upload or an API call has no meaningful order, so the engine reads it as the required outcome
measure the entity is deemed to report first: the one whose high-priority bonus would be the
smallest (ties: the lowest measure ID). That never lowers a bonus below any other reading and
does not depend on the order of the submissions. The explanation states this rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import constants as c
from . import types as t
from .reference import Reference

Pair = tuple[t.MeasureSubmission, t.MeasureAchievement]


@dataclass(frozen=True, slots=True)
class BonusSummary:
    per_measure: dict[str, t.MeasureBonus]
    high_priority_raw: int
    high_priority: int
    cehrt_raw: int
    cehrt: int
    small_practice: int
    caps: tuple[str, ...]
    required_measure_id: str | None
    required_note: str = ""


_FIRST_OUTCOME_RULE = ('"Measure bonus points are not available for the first reported outcome '
                       'measure, which is required to be reported" (§4.2.3)')


def bonus_eligibility(ach: t.MeasureAchievement, inverse: bool) -> tuple[bool, str]:
    """Case minimum, completeness and a rate above 0 (inverse: below 100)."""
    if not ach.completeness_met:
        return False, "data completeness not met"
    external = ach.status == t.EXTERNAL_POINTS
    if ach.case_count is None and not external:
        return False, "case minimum not met (no case count)"
    if ach.case_count is not None and ach.case_count < ach.case_minimum:
        return False, f"case minimum not met ({ach.case_count} < {ach.case_minimum})"
    rate = ach.performance_rate
    if rate is None:
        if external:
            return True, ""
        return False, "no performance rate"
    if inverse and rate >= 100.0:
        return False, "inverse measure with a 100 % performance rate"
    if not inverse and rate <= 0.0:
        return False, "performance rate is 0"
    return True, ""


def high_priority_value(measure_type: str, is_high_priority: bool, method: str) -> tuple[int, str]:
    """Potential high-priority bonus of a measure reported by ``method``."""
    if method == c.WEB_INTERFACE:
        return 0, "Web Interface measures earn no high-priority bonus"
    if method == c.ADMIN_CLAIMS:
        return 0, "CMS-calculated measures earn no high-priority bonus"
    if not is_high_priority and measure_type not in c.TWO_POINT_TYPES:
        return 0, ""
    if measure_type in c.PATIENT_EXPERIENCE_TYPES:
        return 2, "patient experience measure: 2 high-priority points"
    if measure_type in c.OUTCOME_TYPES:
        return 2, "outcome measure: 2 high-priority points"
    return 1, "high-priority measure: 1 point"


def _potentials(pairs: Sequence[Pair], reference: Reference):
    """Per measure id, in first-submission order: (hp points, cehrt points, reasons, kind)."""
    out: dict[str, list] = {}
    for sub, ach in pairs:
        m = reference.measure(sub.measure_id)
        mtype = m.measure_type if m else ""
        hp_flag = m.is_high_priority if m else False
        slot = out.setdefault(sub.measure_id, [0, 0, [], mtype, hp_flag])
        ok, why = bonus_eligibility(ach, m.is_inverse if m else False)
        hp, hp_why = high_priority_value(mtype, hp_flag, sub.submission_method)
        if hp and not ok:
            slot[2].append(f"no high-priority bonus via {sub.submission_method}: {why}")
        elif hp > slot[0]:
            slot[0] = hp
            slot[2].append(f"{hp_why} (via {sub.submission_method})")
        elif hp_why and not hp:
            slot[2].append(hp_why)
        if sub.end_to_end:
            if sub.submission_method not in c.CEHRT_METHODS:
                slot[2].append(f"{sub.submission_method} cannot earn the end-to-end CEHRT bonus")
            elif not ok:
                slot[2].append(f"no CEHRT bonus via {sub.submission_method}: {why}")
            elif not slot[1]:
                slot[1] = 1
                slot[2].append(f"end-to-end CEHRT reporting: 1 point (via {sub.submission_method})")
    return out


def _required_measure(potentials: dict[str, list]) -> str | None:
    outcome = [mid for mid, p in potentials.items() if p[3] in c.OUTCOME_TYPES]
    pool = outcome or [mid for mid, p in potentials.items() if p[4] or p[3] in c.TWO_POINT_TYPES]
    if not pool:
        return None
    return min(pool, key=lambda mid: (potentials[mid][0], mid))


def _required_note(required: str, kind: str, potential: int) -> str:
    if kind == "outcome":
        rule = _FIRST_OUTCOME_RULE
    else:
        rule = ('"if no outcome measures are available, then one high-priority measure is '
                'required" (§4.2.3)')
    return (f"Measure {required} is the required {kind} measure and earns no high-priority "
            f"bonus: {rule}. The seed does not order submissions, so the engine takes as the "
            f"first the {kind} measure whose bonus would be smallest ({potential} points; ties: "
            f"the lowest measure ID), whatever the order in which the data arrived.")


def unit_bonus(
    pairs: Sequence[Pair],
    reference: Reference,
    *,
    measure_set: str,
    available_points: int,
    small_practice: bool,
) -> BonusSummary:
    """Bonus of one reporting unit over every measure it submitted in ``measure_set``."""
    pots = _potentials(pairs, reference)
    required = None
    if measure_set == t.OTHER_SET:
        required = _required_measure(
            {mid: p for mid, p in pots.items()
             if any(s.measure_id == mid and s.submission_method != c.ADMIN_CLAIMS
                    for s, _ in pairs)}
        )
    per: dict[str, t.MeasureBonus] = {}
    note = ""
    for mid, (hp, cehrt, reasons, _kind, _flag) in pots.items():
        if mid == required:
            kind = "outcome" if _kind in c.OUTCOME_TYPES else "high-priority"
            reasons = [*reasons, f"first required {kind} measure: no high-priority bonus"]
            note = _required_note(mid, kind, hp)
            hp = 0
        per[mid] = t.MeasureBonus(high_priority=hp, cehrt=cehrt, reasons=tuple(reasons))
    hp_raw = sum(b.high_priority for b in per.values())
    cehrt_raw = sum(b.cehrt for b in per.values())
    cap = int(available_points * c.BONUS_CAP_FRACTION)
    caps = []
    if hp_raw > cap:
        caps.append(f"high-priority bonus {hp_raw} capped at {cap} (10 % of available points)")
    if cehrt_raw > cap:
        caps.append(f"CEHRT bonus {cehrt_raw} capped at {cap} (10 % of available points)")
    submitted = any(s.submission_method != c.ADMIN_CLAIMS for s, _ in pairs)
    small = c.SMALL_PRACTICE_BONUS if small_practice and submitted else 0
    return BonusSummary(
        per_measure=per,
        high_priority_raw=hp_raw,
        high_priority=min(hp_raw, cap),
        cehrt_raw=cehrt_raw,
        cehrt=min(cehrt_raw, cap),
        small_practice=small,
        caps=tuple(caps),
        required_measure_id=required,
        required_note=note,
    )
