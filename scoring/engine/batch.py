"""Batch achievement scoring: the hot path for millions of measure rows.

The same rules as :func:`scoring.engine.achievement.score_submission` (see that module), with
no per-row objects: each row is a plain tuple, results are three parallel lists, and the
per-benchmark bisect arrays come precomputed from :class:`~scoring.engine.achievement.
ScoringTable`. Partial points are rounded half up to four decimals, exactly as the single path.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from . import constants as c
from . import types as t
from .achievement import ScoringTable

STATUS_NAMES = (
    t.SCORED,
    t.NO_BENCHMARK_FLOOR,
    t.CASE_MINIMUM_FLOOR,
    t.INCOMPLETE_ZERO,
    t.INCOMPLETE_SMALL_PRACTICE,
    t.EXCLUDED_NO_BENCHMARK,
    t.EXCLUDED_CASE_MINIMUM,
)
(S_SCORED, S_NO_BENCH, S_CASE_MIN, S_INCOMPLETE, S_INCOMPLETE_SMALL, S_EXCL_NO_BENCH,
 S_EXCL_CASE_MIN) = range(7)
_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class BatchResult:
    """Parallel lists: points (None = excluded), decile (0 = none) and status code."""

    points: list
    deciles: list
    statuses: list


def score_rate_batch(table: ScoringTable, rows: Iterable[tuple], *, small_practice: bool = False
                     ) -> BatchResult:
    """Score rows of ``((measure_id, method), rate, eligible_population, completeness)``.

    ``table`` is a :class:`ScoringTable`, or its ``coded(keys)`` view when rows carry an
    integer code instead of the ``(measure_id, method)`` tuple.

    ``completeness`` is the percent reported; it is compared with 70 (100 for the Web
    Interface, not required for administrative claims or CAHPS). A rate of None means no
    performance could be computed and is treated like an unmet case minimum.
    """
    return _score_rows(table, rows, small_practice, counts=False)


def score_batch(table: ScoringTable, rows: Iterable[tuple], *, small_practice: bool = False
                ) -> BatchResult:
    """Score rows of ``((measure_id, method), numerator, denominator, eligible_population,
    completeness)``; the rate is numerator / denominator x 100 (None when the denominator is 0).

    A None eligible population falls back to the denominator. Non-proportion measures (stated
    in their own unit) belong in :func:`score_rate_batch`.
    """
    return _score_rows(table, rows, small_practice, counts=True)


def _score_rows(table, rows, small_practice: bool, counts: bool) -> BatchResult:
    """The one loop behind both entry points; ``counts`` says the rows carry numerator and
    denominator rather than a rate. It is one function with a branch per row, not a generator
    feeding another (that costs a quarter of the throughput); tests/scoring/test_batch_codes.py
    checks that both row shapes agree with :func:`~scoring.engine.achievement.score_submission`.
    """
    entries_get = table.entries.get
    entry_for = table.entry_for_key
    floor = c.FLOOR_POINTS
    small_pts = floor if small_practice else 0.0
    points: list = []
    deciles: list = []
    statuses: list = []
    p_append, d_append, s_append = points.append, deciles.append, statuses.append
    for row in rows:
        if counts:
            key, num, den, elig, compl = row
            rate = num * 100.0 / den if den else None
            if elig is None:
                elig = den
        else:
            key, rate, elig, compl = row
        e = entries_get(key)
        if e is None:
            e = entry_for(key)
        bounds, sign, cap, case_min, excluding, thr = e
        if thr and (compl is None or compl < thr - _EPS):
            if excluding or not small_practice:
                p_append(0.0)
                s_append(S_INCOMPLETE)
            else:
                p_append(small_pts)
                s_append(S_INCOMPLETE_SMALL)
            d_append(0)
            continue
        if rate is None or elig is None or elig < case_min:
            p_append(None if excluding else floor)
            s_append(S_EXCL_CASE_MIN if excluding else S_CASE_MIN)
            d_append(0)
            continue
        if bounds is None:
            p_append(None if excluding else floor)
            s_append(S_EXCL_NO_BENCH if excluding else S_NO_BENCH)
            d_append(0)
            continue
        v = sign * rate
        d = bisect_right(bounds, v)
        if d == 9:
            pts = 10.0
        elif d == 0:
            pts = floor
        else:
            lo = bounds[d - 1]
            pts = int((d + 1 + (v - lo) / (bounds[d] - lo)) * 10000.0 + 0.500001) / 10000.0
            if pts < floor:
                pts = floor
        if pts > cap:
            pts = cap
        p_append(pts)
        d_append(d + 1)
        s_append(S_SCORED)
    return BatchResult(points, deciles, statuses)
