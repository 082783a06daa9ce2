"""manage.py load_qpp_reference: counts match the package files; a second run changes nothing."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from scoring.models import Benchmark, Measure, MeasureMethod
from scoring.services.reference import (
    benchmarks_path,
    get_reference,
    measures_path,
    reference_load,
)

pytestmark = pytest.mark.django_db


def _files():
    measures = [r for r in json.loads(measures_path().read_text(encoding="utf-8"))
                if r.get("category") == "quality"]
    benchmarks = [r for r in json.loads(benchmarks_path().read_text(encoding="utf-8"))
                  if r["performanceYear"] == 2020]
    return measures, benchmarks


def test_the_loader_stores_every_quality_measure_method_and_benchmark_of_the_files():
    measures, benchmarks = _files()
    counts = reference_load()
    assert Measure.objects.count() == len(measures) == counts["measures"].created
    assert MeasureMethod.objects.count() == sum(len(r["submissionMethods"]) for r in measures)
    assert Benchmark.objects.count() == len(benchmarks) == counts["benchmarks"].created
    assert Benchmark.objects.filter(is_topped_out=True).count() == sum(
        r["isToppedOut"] for r in benchmarks)
    assert Benchmark.objects.filter(is_topped_out_by_program=True).count() == sum(
        r["isToppedOutByProgram"] for r in benchmarks)
    assert Measure.objects.filter(is_high_priority=True).count() == sum(
        bool(r.get("isHighPriority")) for r in measures)


def test_stored_fields_are_the_files_own_values():
    measures, benchmarks = _files()
    reference_load()
    rec = next(r for r in measures if r["measureId"] == "047")
    row = Measure.objects.get(measure_id="047")
    assert (row.title, row.measure_type, row.is_high_priority, row.is_inverse,
            row.submission_methods) == (rec["title"], rec["measureType"], rec["isHighPriority"],
                                        rec["isInverse"], rec["submissionMethods"])
    bench = next(r for r in benchmarks
                 if (r["measureId"], r["submissionMethod"]) == ("047", "registry"))
    stored = Benchmark.objects.get(measure=row, submission_method="registry")
    assert stored.deciles == [float(x) for x in bench["deciles"]]
    assert stored.benchmark_year == bench["benchmarkYear"]


def test_a_second_load_changes_nothing():
    reference_load()
    before = list(Benchmark.objects.values_list("pk", "deciles").order_by("pk"))
    counts = reference_load()
    for key in ("measures", "methods", "benchmarks"):
        c = counts[key]
        assert (c.created, c.updated, c.removed) == (0, 0, 0), key
        assert c.unchanged == c.in_file
    assert list(Benchmark.objects.values_list("pk", "deciles").order_by("pk")) == before


def test_a_changed_row_is_put_back_and_a_stray_one_removed():
    reference_load()
    Measure.objects.filter(measure_id="047").update(title="Retyped by hand")
    Measure.objects.create(measure_id="ZZZ9", title="Not in the package", measure_type="x",
                           metric_type="x")
    counts = reference_load()
    assert counts["measures"].updated == 1 and counts["measures"].removed == 1
    assert Measure.objects.get(measure_id="047").title == "Advance Care Plan"


def test_the_command_prints_the_counts_and_is_idempotent():
    measures, benchmarks = _files()
    first, second = StringIO(), StringIO()
    call_command("load_qpp_reference", stdout=first)
    call_command("load_qpp_reference", stdout=second)
    assert f"Quality measures: {len(measures)} in the package; {len(measures)} created" in (
        first.getvalue())
    assert (f"2020 benchmarks: {len(benchmarks)} in the package; 0 created, 0 updated, "
            f"{len(benchmarks)} unchanged, 0 removed") in second.getvalue()
    assert "qpp-measures-data 5." in first.getvalue()


def test_the_engine_reference_is_read_once_per_process_from_the_package():
    assert get_reference() is get_reference()
    assert get_reference().benchmark("047", "registry") is not None
    assert get_reference().source.startswith("qpp-measures-data ")
