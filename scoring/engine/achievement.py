"""Measure achievement points from decile benchmarks (seed §4.2.1-§4.2.2).

Rules, in the order they are applied to one submission:

1. Data completeness not met -> 0 points; small practices (<= 15 clinicians) get 3 points
   (§4.2.2 exception 3). A Web Interface measure gets 0 (exception 1, last sentence).
2. Case minimum (20; all-cause readmission 200) not met, or no benchmark for the
   (measure, submission method) -> Web Interface, administrative-claims and CAHPS survey
   measures are excluded from achievement and available points (exceptions 1 and 2; CMS
   collects the survey on its own sample, so it has no data-completeness floor either); any
   other collection type earns 3 points. The case minimum applies to points CMS calculates
   (``external_points``) too: §4.2.2 awards points only "for each measure submitted that has a
   benchmark, meets the case minimum requirement", so CAHPS 321 with 5 cases scores nothing.
3. Otherwise the decile: ``deciles`` are the inclusive lower bounds of deciles 2-10 (inverse
   measures: upper bounds, the scale runs the other way). Decile 10 earns 10.0 flat. In deciles
   3-9 the points are ``decile + (rate - decile lower bound) / (next lower bound - decile lower
   bound)``, rounded half up to four decimals (measure 047 registry, 120/156 = 76.9231 %:
   decile 5, 5 + 40.7731 / 46.69 = 5.87327 -> 5.8733; truncation would give 5.8732). Deciles
   1-2 get the 3-point floor. A benchmark flagged ``isToppedOutByProgram`` caps points at 7.

A CAHPS survey (321 for MIPS, ACO321 for ACOs) given with its summary survey measure scores
(``summary_measures``) is one measure: each summary measure is scored against its own
benchmark (CAHPS_1 ... CAHPS_11, CAHPS_ACO_n), those without a benchmark are left out, and the
survey's points are the average of the others', rounded once to four decimals (§4.3.3: "The
CAHPS for MIPS measure, if submitted, will be considered as one of the six required measures").

Rates are used unrounded (numerator / denominator x 100) when finding the decile. The batch
path (:mod:`scoring.engine.batch`) applies the same rules to plain tuples.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from . import constants as c
from . import types as t
from .reference import Reference
from .rounding import round_points

_EXCLUDING_METHODS = frozenset({c.WEB_INTERFACE, c.ADMIN_CLAIMS, c.SURVEY})
_EPS = 1e-9


def completeness_threshold(method: str) -> float:
    """Percent of required patients that must be reported (0: CMS collects the data)."""
    if method == c.WEB_INTERFACE:
        return 100.0
    if method in (c.ADMIN_CLAIMS, c.SURVEY):
        return 0.0
    return c.DATA_COMPLETENESS_PERCENT


def web_interface_completeness(reported_consecutive: int, sample_size: int) -> float:
    """Percent of the required Web Interface beneficiaries reported (§4.2.2 completeness 3).

    Required = the first 248 consecutively ranked beneficiaries, or all of them when fewer.
    """
    required = min(c.WEB_INTERFACE_CONSECUTIVE_BENEFICIARIES, sample_size)
    if required <= 0:
        return 0.0
    return min(100.0, 100.0 * reported_consecutive / required)


def case_minimum_for(measure_id: str) -> int:
    if measure_id == c.READMISSION_MEASURE_ID:
        return c.READMISSION_CASE_MINIMUM
    return c.CASE_MINIMUM


class ScoringTable:
    """Precomputed bisect arrays for every (measure, submission method) of a reference.

    Each entry is a tuple ``(bounds, sign, cap, case_minimum, excluding, threshold)``: bounds
    are the nine lower bounds multiplied by ``sign`` (-1 for inverse measures) so that one
    ascending ``bisect_right`` serves both directions; ``bounds`` is None without a benchmark.
    """

    def __init__(self, reference: Reference) -> None:
        self.entries: dict[tuple[str, str], tuple] = {}
        for measure in reference.measures.values():
            for method in measure.submission_methods:
                self.entries[(measure.measure_id, method)] = self._entry(
                    measure.measure_id, method, None, measure.is_inverse
                )
        for key, bench in reference.benchmarks.items():
            self.entries[key] = self._entry(key[0], key[1], bench, bench.is_inverse)
        self._fallback = {m: self._entry("", m, None, False) for m in c.SUBMISSION_METHODS}

    @staticmethod
    def _entry(measure_id, method, bench, inverse) -> tuple:
        sign = -1.0 if inverse else 1.0
        bounds = None
        cap = c.MAX_MEASURE_POINTS
        if bench is not None:
            bounds = [sign * b for b in bench.lower_bounds]
            if bench.is_topped_out_by_program:
                cap = c.TOPPED_OUT_CAP
        return (bounds, sign, cap, case_minimum_for(measure_id), method in _EXCLUDING_METHODS,
                completeness_threshold(method))

    def entry(self, measure_id: str, method: str) -> tuple:
        found = self.entries.get((measure_id, method))
        if found is None:
            found = self._fallback.get(method) or self._entry(measure_id, method, None, False)
        return found

    def entry_for_key(self, key: tuple[str, str]) -> tuple:
        """The entry of a batch row's key that is not in ``entries`` (see batch.py)."""
        return self.entry(key[0], key[1])

    def coded(self, keys: Sequence[tuple[str, str]]) -> CodedScoringTable:
        """This table keyed by position in ``keys`` (see :class:`CodedScoringTable`)."""
        return CodedScoringTable(self, keys)


class CodedScoringTable:
    """A :class:`ScoringTable`'s entries keyed by small integers: a database's code for each
    (measure, submission method) pair, so that batch rows read straight from the database can
    carry the code instead of a tuple. Same rules, same entries; an unknown code is an error.
    """

    def __init__(self, table: ScoringTable, keys: Sequence[tuple[str, str]]) -> None:
        self.keys = tuple(keys)
        self.entries = {code: table.entry(mid, method)
                        for code, (mid, method) in enumerate(self.keys)}

    def entry_for_key(self, code) -> tuple:
        raise KeyError(f"unknown measure code {code!r} (codes run 0-{len(self.keys) - 1})")


def decile_points(bounds: Sequence[float], sign: float, cap: float, rate: float):
    """Return ``(decile, raw_points, points, caps)`` for a rate against sign-adjusted bounds."""
    v = sign * rate
    d = bisect_right(bounds, v)
    caps: list[str] = []
    if d == 9:
        raw = points = c.MAX_MEASURE_POINTS
    elif d == 0:
        raw = None
        points = c.FLOOR_POINTS
        caps.append("three_point_floor")
    else:
        lo = bounds[d - 1]
        raw = round_points(d + 1 + (v - lo) / (bounds[d] - lo))
        points = raw
        if raw < c.FLOOR_POINTS:
            points = c.FLOOR_POINTS
            caps.append("three_point_floor")
    if points > cap:
        points = cap
        caps.append("topped_out_7_point_cap")
    return d + 1, raw, points, tuple(caps)


def performance_rate_of(sub: t.MeasureSubmission, proportion: bool = True) -> float | None:
    """The submission's rate: numerator / denominator x 100 when both are given (for a
    non-proportion measure a stated performance rate wins), else the stated performance rate;
    None when neither is available or the denominator is 0."""
    if sub.performance_rate is not None and not proportion:
        return float(sub.performance_rate)
    if sub.numerator is not None and sub.denominator is not None:
        return sub.numerator * 100.0 / sub.denominator if sub.denominator else None
    if sub.performance_rate is not None:
        return float(sub.performance_rate)
    return None


def _no_benchmark_text(measure_id: str, method: str) -> str:
    return (f"no {c.PERFORMANCE_YEAR} benchmark for measure {measure_id} "
            f"by submission method {method}")


def score_submission(
    sub: t.MeasureSubmission, reference: Reference, *, small_practice: bool = False
) -> t.MeasureAchievement:
    """Achievement points of one submission, with the reason, the decile and any caps."""
    measure = reference.measure(sub.measure_id)
    proportion = measure.is_proportion if measure else True
    bench = reference.benchmark(sub.measure_id, sub.submission_method)
    bounds, sign, cap, case_min, excluding, thr = reference.table.entry(
        sub.measure_id, sub.submission_method
    )
    rate = performance_rate_of(sub, proportion)
    cases = sub.eligible_population
    if cases is None and sub.denominator is not None:
        cases = int(sub.denominator)
    complete = not thr or (sub.data_completeness is not None
                           and sub.data_completeness >= thr - _EPS)
    base = dict(measure_id=sub.measure_id, submission_method=sub.submission_method,
                performance_rate=rate, case_count=cases, case_minimum=case_min,
                completeness_met=complete, has_benchmark=bench is not None,
                benchmark_warnings=bench.warnings if bench else ())
    if sub.external_points is not None:
        if cases is None or cases < case_min:
            shown = "not supplied" if cases is None else f"{cases} < {case_min}"
            return t.MeasureAchievement(
                status=t.EXCLUDED_CASE_MINIMUM, points=None, **base,
                reason=(f"case minimum not met ({shown}): CMS-calculated points count only for "
                        f"a measure that \"meets the case minimum requirement\" (§4.2.2); "
                        f"excluded from achievement and available points"))
        pts = round_points(float(sub.external_points))
        return t.MeasureAchievement(
            status=t.EXTERNAL_POINTS, points=pts, raw_points=pts, **base,
            reason=f"{pts:.4f} achievement points calculated by CMS outside the benchmark file",
        )
    if not complete:
        shown = "not reported" if sub.data_completeness is None else f"{sub.data_completeness:g} %"
        need = f"data completeness {shown} is below the required {thr:g} %"
        if small_practice and not excluding:
            return t.MeasureAchievement(status=t.INCOMPLETE_SMALL_PRACTICE, points=c.FLOOR_POINTS,
                                        caps=("small_practice_three_points",), **base,
                                        reason=f"{need}; small practice keeps 3 points")
        return t.MeasureAchievement(status=t.INCOMPLETE_ZERO, points=0.0, **base,
                                    reason=f"{need}; 0 points")
    if sub.summary_measures and rate is None:
        rate = base["performance_rate"] = _mean(r for _, r in sub.summary_measures)
    if rate is None or cases is None or cases < case_min:
        why = ("no performance rate (performance denominator is zero)" if rate is None
               else f"case minimum not met ({cases if cases is not None else 0} < {case_min})")
        if excluding:
            return t.MeasureAchievement(
                status=t.EXCLUDED_CASE_MINIMUM, points=None, **base,
                reason=f"{why}; excluded from achievement and available points")
        return t.MeasureAchievement(status=t.CASE_MINIMUM_FLOOR, points=c.FLOOR_POINTS, **base,
                                    reason=f"{why}; data complete, so 3 points")
    if sub.summary_measures:
        return _summary_measures_achievement(sub, reference, base)
    if bounds is None:
        why = _no_benchmark_text(sub.measure_id, sub.submission_method)
        if excluding:
            return t.MeasureAchievement(
                status=t.EXCLUDED_NO_BENCHMARK, points=None, **base,
                reason=f"{why}; excluded from achievement and available points")
        return t.MeasureAchievement(status=t.NO_BENCHMARK_FLOOR, points=c.FLOOR_POINTS, **base,
                                    reason=f"{why}; data complete, so 3 points")
    decile, raw, pts, caps = decile_points(bounds, sign, cap, rate)
    direction = "inverse measure, lower is better; " if sign < 0 else ""
    reason = f"{direction}rate {rate:.4f} falls in decile {decile}"
    if decile == 10:
        reason += ", 10.0 points flat"
    elif raw is not None and "three_point_floor" not in caps:
        reason += f", {raw:.4f} partial points"
    if "three_point_floor" in caps:
        reason += ", raised to the 3-point floor"
    if "topped_out_7_point_cap" in caps:
        reason += ", capped at 7 points (benchmark topped out by program)"
    elif bench is not None and bench.is_topped_out:
        reason += " (benchmark topped out, not capped: not topped out by program)"
    if bench is not None and bench.warnings:
        reason += "; benchmark note: " + "; ".join(bench.warnings)
    return t.MeasureAchievement(status=t.SCORED, points=pts, decile=decile, raw_points=raw,
                                caps=caps, **base, reason=reason)


def _mean(values) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def _summary_measures_achievement(sub: t.MeasureSubmission, reference: Reference,
                                  base: dict) -> t.MeasureAchievement:
    """One survey measure from its summary survey measures (see the module docstring)."""
    scored, parts = [], []
    for ssm_id, ssm_rate in sorted(sub.summary_measures):
        bounds, sign, cap, *_ = reference.table.entry(ssm_id, sub.submission_method)
        if reference.benchmark(ssm_id, sub.submission_method) is None:
            parts.append(f"{ssm_id} {ssm_rate:g}: no benchmark, left out")
            continue
        decile, _raw, pts, _caps = decile_points(bounds, sign, cap, float(ssm_rate))
        scored.append(pts)
        parts.append(f"{ssm_id} {ssm_rate:g}: decile {decile}, {pts:.4f}")
    detail = "summary survey measures " + "; ".join(parts)
    if not scored:
        return t.MeasureAchievement(
            status=t.EXCLUDED_NO_BENCHMARK, points=None, **base,
            reason=f"{detail}; none has a benchmark, so the survey is excluded from "
                   f"achievement and available points")
    pts = round_points(sum(scored) / len(scored))
    return t.MeasureAchievement(
        status=t.SCORED, points=pts, raw_points=pts, **base,
        reason=(f"{detail}; one survey measure (§4.3.3) worth the average of the "
                f"{len(scored)} scored summary measures, {pts:.4f} points"))
