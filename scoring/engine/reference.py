"""Load 2020 quality measures and benchmarks from qpp-measures-data into frozen dataclasses.

The caller passes the paths (or the package directory); nothing is retyped by hand. Only
performance year 2020 benchmark records and quality-category measures are kept.

Benchmark decile semantics (qpp-measures-data ``benchmarks/2020/benchmarks-schema.yaml``):
``deciles`` holds the inclusive lower bounds of deciles 2 through 10. For inverse measures the
bounds run downwards (a rate at or *below* the bound reaches the decile). Non-proportion
measures carry 10 numbers; the first is decile 1's bound and the last nine are used.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import constants as c


@dataclass(frozen=True, slots=True)
class Measure:
    """One quality measure of ``measures/2020/measures-data.json``."""

    measure_id: str
    title: str
    measure_type: str
    metric_type: str
    is_high_priority: bool
    is_inverse: bool
    submission_methods: tuple[str, ...]

    @property
    def is_proportion(self) -> bool:
        """Rates are percentages (0-100) unless the measure is a non-proportion or cost score."""
        return self.metric_type not in ("nonProportion", "costScore")


@dataclass(frozen=True, slots=True)
class Benchmark:
    """One (measure, submission method) record of ``benchmarks/2020.json``."""

    measure_id: str
    submission_method: str
    performance_year: int
    benchmark_year: int
    deciles: tuple[float, ...]
    is_topped_out: bool
    is_topped_out_by_program: bool
    is_inverse: bool
    # The nine lower bounds of deciles 2..10 actually used for scoring (see module docstring).
    lower_bounds: tuple[float, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Reference:
    """The measure catalogue and benchmarks of one performance year (hashable by identity)."""

    performance_year: int
    measures: Mapping[str, Measure]
    benchmarks: Mapping[tuple[str, str], Benchmark]
    source: str = ""
    web_interface_measure_ids: tuple[str, ...] = ()
    _compiled: Any = field(default=None, compare=False, repr=False)

    def measure(self, measure_id: str) -> Measure | None:
        return self.measures.get(measure_id)

    def benchmark(self, measure_id: str, submission_method: str) -> Benchmark | None:
        return self.benchmarks.get((measure_id, submission_method))

    @property
    def table(self):
        """The precomputed scoring table (see :mod:`scoring.engine.achievement`)."""
        if self._compiled is None:
            from .achievement import ScoringTable

            object.__setattr__(self, "_compiled", ScoringTable(self))
        return self._compiled


def _monotone_bounds(raw: list[float], inverse: bool) -> tuple[tuple[float, ...], tuple[str, ...]]:
    """Return nine non-decreasing (direct) / non-increasing (inverse) bounds and any warnings.

    A source record whose bounds are out of order (ACRAD25 registry in the 2020 file lists
    ``100, 220.3, 83``) is clamped to the running envelope so that the decile search stays
    well defined; the clamp is reported as a warning carried into every explanation.
    """
    bounds = [float(x) for x in raw[-9:]]
    warnings: list[str] = []
    for i in range(1, len(bounds)):
        prev = bounds[i - 1]
        out_of_order = bounds[i] > prev if inverse else bounds[i] < prev
        if out_of_order:
            warnings.append(
                f"source decile bound {bounds[i]:g} (decile {i + 2}) is out of order; "
                f"clamped to {prev:g}"
            )
            bounds[i] = prev
    return tuple(bounds), tuple(warnings)


def _measure_from_record(rec: Mapping[str, Any]) -> Measure:
    return Measure(
        measure_id=str(rec["measureId"]),
        title=str(rec.get("title", "")),
        measure_type=str(rec.get("measureType", "")),
        metric_type=str(rec.get("metricType", "")),
        is_high_priority=bool(rec.get("isHighPriority", False)),
        is_inverse=bool(rec.get("isInverse", False)),
        submission_methods=tuple(rec.get("submissionMethods", ())),
    )


def _benchmark_from_record(rec: Mapping[str, Any], measure: Measure | None) -> Benchmark:
    deciles = tuple(float(x) for x in rec["deciles"])
    inverse = bool(measure.is_inverse) if measure else deciles[0] > deciles[-1]
    bounds, warnings = _monotone_bounds(list(deciles), inverse)
    return Benchmark(
        measure_id=str(rec["measureId"]),
        submission_method=str(rec["submissionMethod"]),
        performance_year=int(rec["performanceYear"]),
        benchmark_year=int(rec["benchmarkYear"]),
        deciles=deciles,
        is_topped_out=bool(rec.get("isToppedOut", False)),
        is_topped_out_by_program=bool(rec.get("isToppedOutByProgram", False)),
        is_inverse=inverse,
        lower_bounds=bounds,
        warnings=warnings,
    )


def build_reference(
    measure_records: list[Mapping[str, Any]],
    benchmark_records: list[Mapping[str, Any]],
    *,
    performance_year: int = c.PERFORMANCE_YEAR,
    source: str = "",
) -> Reference:
    """Build a :class:`Reference` from already-parsed JSON lists."""
    if performance_year != c.PERFORMANCE_YEAR:
        raise ValueError(f"only performance year {c.PERFORMANCE_YEAR} is supported")
    measures = {
        str(r["measureId"]): _measure_from_record(r)
        for r in measure_records
        if r.get("category") == "quality"
    }
    benchmarks: dict[tuple[str, str], Benchmark] = {}
    for rec in benchmark_records:
        if int(rec.get("performanceYear", 0)) != performance_year:
            continue
        bench = _benchmark_from_record(rec, measures.get(str(rec["measureId"])))
        benchmarks[(bench.measure_id, bench.submission_method)] = bench
    wi_ids = tuple(
        sorted(m.measure_id for m in measures.values() if c.WEB_INTERFACE in m.submission_methods)
    )
    return Reference(
        performance_year=performance_year,
        measures=MappingProxyType(measures),
        benchmarks=MappingProxyType(benchmarks),
        source=source,
        web_interface_measure_ids=wi_ids,
    )


def load_reference(measures_path: str | Path, benchmarks_path: str | Path) -> Reference:
    """Load ``measures-data.json`` and ``benchmarks/2020.json`` from the given paths."""
    with open(measures_path, encoding="utf-8") as fh:
        measure_records = json.load(fh)
    with open(benchmarks_path, encoding="utf-8") as fh:
        benchmark_records = json.load(fh)
    return build_reference(
        measure_records, benchmark_records, source=f"{measures_path} + {benchmarks_path}"
    )


def load_reference_from_package(package_dir: str | Path) -> Reference:
    """Load the 2020 files from an installed ``qpp-measures-data`` package directory."""
    root = Path(package_dir)
    return load_reference(
        root / "measures" / str(c.PERFORMANCE_YEAR) / "measures-data.json",
        root / "benchmarks" / f"{c.PERFORMANCE_YEAR}.json",
    )
