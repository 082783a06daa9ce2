"""Score one reporting unit's measure set (seed §4.1.2, §4.2.2, §4.3).

* Web Interface set: every Web Interface measure of the 2020 catalogue is required; one that is
  not reported earns 0 of 10 points when it has a benchmark and is excluded when it has none
  (§4.2.2 exception 1). CAHPS (for ACOs or for MIPS) adds a measure when submitted.
* Other mechanisms: six measures required, the best six count (§4.1.2); a measure reported
  through several collection types counts once, with its best score; fewer than six reported
  still leaves 60 available points (missing measures earn 0).
* All-cause readmission (458) is an automatic extra measure for units of 16 or more clinicians
  meeting its 200-case minimum (never for an individual NPI), when CMS supplies its rate.

Available points are 10 per counted measure, so the seed's 60 / 70 and, with the 2020 files,
70 / 80 / 90 for the Web Interface (seven of its ten measures have 2020 benchmarks; the seed's
prose says 80 / 90 / 100 but its Tables 3 and 4, updated 10/6/2020, use 80 with CAHPS).
When a unit reports through both the Web Interface and other mechanisms, both sets are scored
and the higher percent score is used.

* The Web Interface and the CAHPS for MIPS survey are "for groups with 25 or more clinicians"
  (§4.1.1, §4.3.2): from a smaller unit they are not scored, earn no bonus and do not count as
  submitted data (so no small-practice bonus through them). A unit scored through the Web
  Interface set never gets the small-practice bonus (§4.3.2: it "would not qualify as a small
  practice").
* The result does not depend on the order of the submissions: they are put in one canonical
  order (measure ID, then submission method) before anything is chosen.
* Percent scores are exact decimals; they are rounded once, when shown (see rounding.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from . import constants as c
from . import types as t
from .achievement import performance_rate_of, score_submission
from .bonus import Pair, unit_bonus
from .explain import measure_sentence, unit_sentence
from .reference import Reference
from .rounding import to_decimal

_OTHER_METHODS = frozenset({c.CLAIMS, c.REGISTRY, c.EHR})


def _rank(ach: t.MeasureAchievement) -> float:
    return -1.0 if ach.points is None else ach.points


def _best_per_measure(pairs: Sequence[Pair]) -> tuple[list[Pair], list[Pair]]:
    """Keep each measure's best-scoring collection type; return (kept, superseded)."""
    best: dict[str, Pair] = {}
    for pair in pairs:
        mid = pair[0].measure_id
        if mid not in best or _rank(pair[1]) > _rank(best[mid][1]):
            best[mid] = pair
    kept = list(best.values())
    superseded = [p for p in pairs if best[p[0].measure_id] is not p]
    return kept, superseded


def _outcome(reference, sub, ach, *, counted, status=None, reason=None, bonus=None):
    measure = reference.measure(sub.measure_id)
    bonus = bonus or t.MeasureBonus()
    status = status or ach.status
    reason = reason or ach.reason
    sentence = measure_sentence(sub.measure_id, sub.submission_method, status, counted,
                                ach.points, reason, bonus)
    return t.MeasureOutcome(
        measure_id=sub.measure_id, title=measure.title if measure else "",
        submission_method=sub.submission_method, status=status, counted=counted,
        points=ach.points, available=c.POINTS_PER_MEASURE if counted else 0,
        decile=ach.decile, caps=ach.caps, bonus=bonus, reason=reason, sentence=sentence,
        achievement=ach,
    )


def _web_interface_rows(reference, wi_pairs, survey_pairs):
    """(sub, ach, counted, status, reason) rows of the Web Interface set."""
    rows = []
    kept, superseded = _best_per_measure(list(wi_pairs) + list(survey_pairs))
    for sub, ach in kept:
        rows.append((sub, ach, ach.points is not None, None, None))
    for sub, ach in superseded:
        rows.append((sub, ach, False, t.SUPERSEDED, "another submission of this measure scored "
                                                    "higher; a measure counts once"))
    reported = {s.measure_id for s, _ in wi_pairs}
    for mid in reference.web_interface_measure_ids:
        if mid in reported:
            continue
        sub = t.MeasureSubmission(measure_id=mid, submission_method=c.WEB_INTERFACE)
        if reference.benchmark(mid, c.WEB_INTERFACE) is None:
            why = (f"not reported; no {c.PERFORMANCE_YEAR} benchmark for measure {mid} by "
                   f"submission method {c.WEB_INTERFACE}, so excluded")
            rows.append((sub, None, False, t.EXCLUDED_NO_BENCHMARK, why))
        else:
            rows.append((sub, None, True, t.NOT_REPORTED, "required Web Interface measure "
                                                          "not reported: 0 of 10 points"))
    return rows


def _other_rows(other_pairs, survey_pairs):
    rows = []
    kept, superseded = _best_per_measure(list(other_pairs) + list(survey_pairs))
    ordered = sorted(kept, key=lambda p: -_rank(p[1]))  # stable: ties keep canonical order
    for i, (sub, ach) in enumerate(ordered):
        if ach.points is None:  # excluded (e.g. CAHPS under its case minimum): fills a slot
            rows.append((sub, ach, False, None, None))  # of the six, adds no available points
        elif i < c.REQUIRED_MEASURES:
            rows.append((sub, ach, True, None, None))
        else:
            rows.append((sub, ach, False, t.NOT_NEEDED,
                         f"{ach.reason}; not needed: only the best {c.REQUIRED_MEASURES} count"))
    for sub, ach in superseded:
        rows.append((sub, ach, False, t.SUPERSEDED, "another collection type of this measure "
                                                    "scored higher; a measure counts once"))
    return rows, max(0, c.REQUIRED_MEASURES - len(kept))


def _readmission_row(ctx: t.UnitContext, readm_pairs):
    """The readmission row (or None) and a note when it is not scored."""
    if not readm_pairs:
        if ctx.level != t.NPI and ctx.clinician_count >= c.READMISSION_MIN_CLINICIANS:
            return None, "All-cause readmission (458) not supplied by CMS; not scored."
        return None, None
    sub, ach = max(readm_pairs, key=lambda p: _rank(p[1]))
    if ctx.level == t.NPI:
        return (sub, ach, False, t.NOT_APPLICABLE,
                "the readmission measure is calculated for groups and entities, not for an "
                "individual clinician"), None
    if ctx.clinician_count < c.READMISSION_MIN_CLINICIANS:
        return (sub, ach, False, t.NOT_APPLICABLE,
                f"fewer than {c.READMISSION_MIN_CLINICIANS} clinicians "
                f"({ctx.clinician_count}); not scored as an automatic measure: it is scored "
                f"only \"for practices of 16 or more clinicians who meet the case minimum of "
                f"200\" (§4.1.2)"), None
    return (sub, ach, ach.points is not None, None, None), None


def _score_set(name, reference, ctx, pairs, wi_pairs, other_pairs, survey_pairs, readm_pairs):
    notes = []
    missing = 0
    if name == t.WEB_INTERFACE_SET:
        rows = _web_interface_rows(reference, wi_pairs, survey_pairs)
        set_pairs = list(wi_pairs) + list(survey_pairs)
    else:
        rows, missing = _other_rows(other_pairs, survey_pairs)
        set_pairs = list(other_pairs) + list(survey_pairs)
        if missing:
            notes.append(f"{missing} of the {c.REQUIRED_MEASURES} required measures not "
                         f"reported: 0 of 10 points each.")
    readm_row, readm_note = _readmission_row(ctx, readm_pairs)
    if readm_row:
        rows.append(readm_row)
        set_pairs += [readm_row[:2]]
    if readm_note:
        notes.append(readm_note)
    counted = [r for r in rows if r[2]]
    available = c.POINTS_PER_MEASURE * (len(counted) + missing)
    achievement = sum((to_decimal(r[1].points) for r in counted if r[1] is not None),
                      Decimal(0))
    small = ctx.small_practice and name != t.WEB_INTERFACE_SET
    if ctx.small_practice and not small:
        notes.append("No small-practice bonus through the Web Interface: it \"can be used only "
                     "for practices with at least 25 such clinicians\", so a unit scored "
                     "through it \"would not qualify as a small practice\" (§4.3.2).")
    bonus = unit_bonus(set_pairs, reference, measure_set=name, available_points=available,
                       small_practice=small)
    total_bonus = bonus.high_priority + bonus.cehrt + bonus.small_practice
    outcomes = []
    for sub, ach, is_counted, status, reason in rows:
        if ach is None:
            ach_for = t.MeasureAchievement(sub.measure_id, sub.submission_method, status,
                                           0.0 if is_counted else None, None, None,
                                           c.CASE_MINIMUM, False, reason=reason)
            outcomes.append(_outcome(reference, sub, ach_for, counted=is_counted, status=status,
                                     reason=reason))
            continue
        outcomes.append(_outcome(reference, sub, ach, counted=is_counted, status=status,
                                 reason=reason, bonus=bonus.per_measure.get(sub.measure_id)))
    if bonus.small_practice:
        notes.append(f"Small practice: +{bonus.small_practice} bonus points.")
    if bonus.required_note:
        notes.append(bonus.required_note)
    if available:
        ach_pct = achievement / available * 100
        pct = (achievement + total_bonus) / available * 100
    else:
        ach_pct = pct = Decimal(0)
        notes.append("No measure could be scored: 0 available points.")
    return t.UnitResult(
        context=ctx, measure_set=name, achievement_points=achievement,
        available_points=available, high_priority_bonus_raw=bonus.high_priority_raw,
        high_priority_bonus=bonus.high_priority, cehrt_bonus_raw=bonus.cehrt_raw,
        cehrt_bonus=bonus.cehrt, small_practice_bonus=bonus.small_practice,
        total_bonus=total_bonus, achievement_percent=ach_pct, percent_score=pct,
        submitted_any=bool(pairs), measures=tuple(outcomes), caps=bonus.caps,
        notes=tuple(notes),
    )


def summary_parent(measure_id: str) -> str | None:
    """The CAHPS survey a summary survey measure belongs to (CAHPS_3 -> 321), else None."""
    if measure_id.startswith(c.CAHPS_FOR_ACOS_SUMMARY_PREFIX):
        return "ACO321"
    if measure_id.startswith(c.CAHPS_FOR_MIPS_SUMMARY_PREFIX):
        return c.CAHPS_FOR_MIPS_ID
    return None


def fold_summary_measures(submissions: Sequence[t.MeasureSubmission]
                          ) -> tuple[list[t.MeasureSubmission], list[str]]:
    """Summary survey measures sent as measures of their own become their survey's
    ``summary_measures``, so the survey is scored as one measure (§4.3.3)."""
    groups: dict[str, list[t.MeasureSubmission]] = {}
    rest = []
    for sub in submissions:
        parent = summary_parent(sub.measure_id)
        if parent and sub.submission_method == c.SURVEY:
            groups.setdefault(parent, []).append(sub)
        else:
            rest.append(sub)
    notes = []
    for parent, ssms in sorted(groups.items()):
        scores = tuple(sorted((s.measure_id, performance_rate_of(s)) for s in ssms
                              if performance_rate_of(s) is not None))
        ids = ", ".join(s for s, _ in scores) or "none with a rate"
        at = next((i for i, s in enumerate(rest)
                   if s.measure_id == parent and s.submission_method == c.SURVEY), None)
        if at is None:
            cases = [s.eligible_population for s in ssms if s.eligible_population is not None]
            rest.append(t.MeasureSubmission(parent, c.SURVEY, summary_measures=scores,
                                            eligible_population=max(cases, default=None)))
        elif rest[at].summary_measures or rest[at].external_points is not None:
            notes.append(f"Summary survey measures ({ids}) not used: measure {parent} came with "
                         f"its own scores, and it counts once (§4.3.3).")
            continue
        else:
            rest[at] = replace(rest[at], summary_measures=scores)
        notes.append(f"Summary survey measures ({ids}) scored inside the one measure {parent}: "
                     f"\"The CAHPS for MIPS measure, if submitted, will be considered as one of "
                     f"the six required measures\" (§4.3.3).")
    return rest, notes


def score_unit(
    submissions: Sequence[t.MeasureSubmission], reference: Reference, context: t.UnitContext
) -> t.UnitResult:
    """Score a reporting unit from its submissions (see the module docstring)."""
    submissions, notes = fold_summary_measures(submissions)
    pairs = [(s, score_submission(s, reference, small_practice=context.small_practice))
             for s in submissions]
    unit = score_unit_pairs(pairs, reference, context)
    return replace(unit, notes=(*notes, *unit.notes)) if notes else unit


def _order(pair: Pair) -> tuple:
    sub = pair[0]
    return (sub.measure_id, sub.submission_method, repr(sub))


def is_cahps_for_mips(measure_id: str) -> bool:
    return measure_id == c.CAHPS_FOR_MIPS_ID or (
        measure_id.startswith(c.CAHPS_FOR_MIPS_SUMMARY_PREFIX)
        and not measure_id.startswith(c.CAHPS_FOR_ACOS_SUMMARY_PREFIX))


def _large_group_only(sub: t.MeasureSubmission) -> bool:
    """Web Interface and CAHPS for MIPS: only for groups of 25 or more clinicians."""
    return sub.submission_method == c.WEB_INTERFACE or (
        sub.submission_method == c.SURVEY and is_cahps_for_mips(sub.measure_id))


def _too_small_outcome(reference, sub, ach, ctx) -> t.MeasureOutcome:
    what = "the CMS Web Interface" if sub.submission_method == c.WEB_INTERFACE else \
        "the CAHPS for MIPS survey"
    reason = (f"not scored: {what} is \"for groups with 25 or more clinicians\" (§4.1.1) and "
              f"this unit has {ctx.clinician_count}; no points, no bonus")
    return _outcome(reference, sub, replace(ach, points=None), counted=False,
                    status=t.NOT_APPLICABLE, reason=reason)


def score_unit_pairs(pairs: Sequence[Pair], reference: Reference, context: t.UnitContext
                     ) -> t.UnitResult:
    """Score a unit from already scored (submission, achievement) pairs."""
    pairs = sorted(pairs, key=_order)
    too_small = []
    if context.clinician_count < c.LARGE_GROUP_MIN_CLINICIANS:
        too_small = [p for p in pairs if _large_group_only(p[0])]
        pairs = [p for p in pairs if not _large_group_only(p[0])]
    by = {m: [p for p in pairs if p[0].submission_method == m] for m in c.SUBMISSION_METHODS}
    wi, survey, readm = by[c.WEB_INTERFACE], by[c.SURVEY], by[c.ADMIN_CLAIMS]
    other = [p for p in pairs if p[0].submission_method in _OTHER_METHODS]
    sets = []
    if wi:
        sets.append(t.WEB_INTERFACE_SET)
    if other or not wi:
        sets.append(t.OTHER_SET)
    results = [_score_set(name, reference, context, pairs, wi, other, survey, readm)
               for name in sets]
    best = max(results, key=lambda r: r.percent_score)  # first wins ties: Web Interface
    notes = list(best.notes)
    if len(results) == 2:
        a, b = results
        notes.append(f"Both measure sets scored (Web Interface {a.percent_score} %, other "
                     f"mechanisms {b.percent_score} %); the higher is used.")
    measures = best.measures
    if too_small:
        measures += tuple(_too_small_outcome(reference, sub, ach, context)
                          for sub, ach in too_small)
        notes.append(f"{len(too_small)} Web Interface / CAHPS for MIPS submission(s) not scored: "
                     f"this unit has {context.clinician_count} clinicians, fewer than "
                     f"{c.LARGE_GROUP_MIN_CLINICIANS}.")
    result = replace(best, notes=tuple(notes), measures=measures)
    return replace(result, sentence=unit_sentence(result))
