"""The CMS reference data: the engine's copy (read from the npm package, cached per process)
and the database copy for browsing (``manage.py load_qpp_reference``, idempotent)."""

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from scoring.choices import PERFORMANCE_YEAR
from scoring.engine import Reference
from scoring.engine.reference import build_reference
from scoring.models import Benchmark, Measure, MeasureMethod


def package_dir() -> Path:
    return Path(settings.NODE_MODULES) / "qpp-measures-data"


def measures_path(root: Path | None = None) -> Path:
    return (root or package_dir()) / "measures" / str(PERFORMANCE_YEAR) / "measures-data.json"


def benchmarks_path(root: Path | None = None) -> Path:
    return (root or package_dir()) / "benchmarks" / f"{PERFORMANCE_YEAR}.json"


@functools.lru_cache(maxsize=1)
def package_version() -> str:
    with open(package_dir() / "package.json", encoding="utf-8") as fh:
        return str(json.load(fh).get("version", ""))


def _read(root: Path | None = None) -> tuple[list, list]:
    with open(measures_path(root), encoding="utf-8") as fh:
        measures = json.load(fh)
    with open(benchmarks_path(root), encoding="utf-8") as fh:
        benchmarks = json.load(fh)
    return measures, benchmarks


@functools.lru_cache(maxsize=1)
def get_reference() -> Reference:
    """The engine's measures and benchmarks, parsed once per process from the package."""
    measures, benchmarks = _read()
    return build_reference(measures, benchmarks,
                           source=f"qpp-measures-data {package_version()}")


@dataclass
class LoadCounts:
    in_file: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    notes: list = field(default_factory=list)

    def line(self, label: str) -> str:
        return (f"{label}: {self.in_file} in the package; {self.created} created, "
                f"{self.updated} updated, {self.unchanged} unchanged, {self.removed} removed")


_MEASURE_FIELDS = ("title", "description", "measure_type", "metric_type", "is_high_priority",
                   "is_inverse", "submission_methods")
_BENCHMARK_FIELDS = ("benchmark_year", "deciles", "is_topped_out", "is_topped_out_by_program")


def _sync(model, existing: dict, wanted: dict, fields: tuple, counts: LoadCounts,
          build) -> dict:
    """Create, update or delete rows so that ``existing`` matches ``wanted`` (both keyed)."""
    counts.in_file = len(wanted)
    to_create, to_update = [], []
    for key, values in wanted.items():
        row = existing.get(key)
        if row is None:
            to_create.append(build(key, values))
            continue
        changed = [f for f in fields if getattr(row, f) != values[f]]
        if changed:
            for f in fields:
                setattr(row, f, values[f])
            to_update.append(row)
        else:
            counts.unchanged += 1
    stale = [row.pk for key, row in existing.items() if key not in wanted]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    model.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        model.objects.bulk_update(to_update, list(fields), batch_size=500)
    counts.created, counts.updated, counts.removed = len(to_create), len(to_update), len(stale)
    return {key: row for key, row in existing.items() if key in wanted}


@transaction.atomic
def reference_load(*, root: Path | None = None) -> dict[str, LoadCounts]:
    """Bring the database copy in line with the package files; a second run changes nothing."""
    raw_measures, raw_benchmarks = _read(root)
    ref = build_reference(raw_measures, raw_benchmarks)
    descriptions = {str(r["measureId"]): str(r.get("description") or "")
                    for r in raw_measures if r.get("category") == "quality"}
    year = ref.performance_year
    wanted_measures = {
        m.measure_id: {"title": m.title, "description": descriptions.get(m.measure_id, ""),
                       "measure_type": m.measure_type, "metric_type": m.metric_type,
                       "is_high_priority": m.is_high_priority, "is_inverse": m.is_inverse,
                       "submission_methods": list(m.submission_methods)}
        for m in ref.measures.values()
    }
    counts = {"measures": LoadCounts(), "methods": LoadCounts(), "benchmarks": LoadCounts()}
    existing = {m.measure_id: m for m in Measure.objects.filter(performance_year=year)}
    _sync(Measure, existing, wanted_measures, _MEASURE_FIELDS, counts["measures"],
          lambda key, values: Measure(performance_year=year, measure_id=key, **values))
    ids = dict(Measure.objects.filter(performance_year=year).values_list("measure_id", "pk"))

    wanted_methods = {(mid, method): {} for mid, values in wanted_measures.items()
                      for method in values["submission_methods"]}
    existing_methods = {(row.measure.measure_id, row.submission_method): row
                        for row in MeasureMethod.objects.filter(
                            measure__performance_year=year).select_related("measure")}
    _sync(MeasureMethod, existing_methods, wanted_methods, (), counts["methods"],
          lambda key, values: MeasureMethod(measure_id=ids[key[0]], submission_method=key[1]))

    wanted_benchmarks = {
        key: {"benchmark_year": b.benchmark_year, "deciles": list(b.deciles),
              "is_topped_out": b.is_topped_out,
              "is_topped_out_by_program": b.is_topped_out_by_program}
        for key, b in ref.benchmarks.items() if key[0] in ids
    }
    skipped = len(ref.benchmarks) - len(wanted_benchmarks)
    if skipped:
        counts["benchmarks"].notes.append(f"{skipped} benchmark(s) name no 2020 quality measure")
    existing_benchmarks = {(row.measure.measure_id, row.submission_method): row
                           for row in Benchmark.objects.filter(
                               measure__performance_year=year).select_related("measure")}
    _sync(Benchmark, existing_benchmarks, wanted_benchmarks, _BENCHMARK_FIELDS,
          counts["benchmarks"],
          lambda key, values: Benchmark(measure_id=ids[key[0]], submission_method=key[1],
                                        **values))
    return counts


def reference_is_loaded() -> bool:
    return Measure.objects.filter(performance_year=PERFORMANCE_YEAR).exists()
