"""The 2020 measures and benchmarks load from the real qpp-measures-data files."""

import json
import subprocess
import sys
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from scoring.engine import load_reference, load_reference_from_package
from scoring.engine.reference import build_reference

PACKAGE = Path(__file__).resolve().parents[2] / "node_modules" / "qpp-measures-data"
MEASURES = PACKAGE / "measures" / "2020" / "measures-data.json"
BENCHMARKS = PACKAGE / "benchmarks" / "2020.json"
REFERENCE = load_reference_from_package(PACKAGE)


def test_the_benchmark_file_uses_the_key_names_the_loader_reads():
    records = json.loads(BENCHMARKS.read_text())
    keys = set().union(*(r.keys() for r in records))
    assert {"measureId", "submissionMethod", "deciles", "isToppedOut",
            "isToppedOutByProgram", "performanceYear", "benchmarkYear"} <= keys
    assert "percentiles" not in keys


def test_every_2020_benchmark_record_is_loaded_once():
    records = json.loads(BENCHMARKS.read_text())
    assert len(REFERENCE.benchmarks) == len(records) == 386
    assert all(b.performance_year == 2020 for b in REFERENCE.benchmarks.values())


def test_only_quality_measures_are_loaded():
    records = json.loads(MEASURES.read_text())
    assert len(REFERENCE.measures) == sum(r["category"] == "quality" for r in records)
    assert "ACI_EP_1" not in REFERENCE.measures


def test_measure_047_fields_come_from_the_file():
    m = REFERENCE.measure("047")
    assert m.title == "Advance Care Plan"
    assert m.measure_type == "process"
    assert m.is_high_priority is True
    assert m.is_inverse is False
    assert m.submission_methods == ("claims", "registry")


def test_measure_047_registry_benchmark_has_nine_lower_bounds_for_deciles_2_to_10():
    b = REFERENCE.benchmark("047", "registry")
    assert b.deciles == (0, 0.14, 4.08, 36.15, 82.84, 98.28, 100, 100, 100)
    assert b.lower_bounds == b.deciles
    assert (b.is_topped_out, b.is_topped_out_by_program) == (False, False)


def test_measure_047_claims_is_topped_out_by_program():
    b = REFERENCE.benchmark("047", "claims")
    assert b.is_topped_out and b.is_topped_out_by_program


def test_inverse_measures_carry_descending_bounds():
    b = REFERENCE.benchmark("001", "registry")
    assert b.is_inverse
    assert list(b.lower_bounds) == sorted(b.lower_bounds, reverse=True)


def test_there_is_no_2020_benchmark_for_the_all_cause_readmission_measure_458():
    assert REFERENCE.measure("458").submission_methods == ("administrativeClaims",)
    assert not [k for k in REFERENCE.benchmarks if k[0] == "458"]


def test_web_interface_benchmarks_exist_only_for_seven_measures():
    wi = sorted(k[0] for k in REFERENCE.benchmarks if k[1] == "cmsWebInterface")
    assert wi == ["001", "110", "112", "113", "226", "236", "318"]


def test_the_web_interface_measure_set_has_the_ten_measures_of_table_2():
    assert REFERENCE.web_interface_measure_ids == (
        "001", "110", "112", "113", "134", "226", "236", "318", "370", "438")


def test_ten_number_non_proportion_benchmarks_use_the_last_nine_bounds():
    b = REFERENCE.benchmark("ACEP50", "registry")
    assert len(b.deciles) == 10
    assert b.lower_bounds == b.deciles[1:]


def test_an_out_of_order_source_bound_is_clamped_and_reported():
    b = REFERENCE.benchmark("ACRAD25", "registry")
    assert b.deciles[1] == 220.3
    assert b.lower_bounds[:3] == (100, 100, 83)
    assert "220.3" in b.warnings[0]


def test_load_reference_takes_explicit_paths():
    ref = load_reference(MEASURES, BENCHMARKS)
    assert ref.benchmarks.keys() == REFERENCE.benchmarks.keys()
    assert str(MEASURES) in ref.source


def test_other_performance_years_are_refused():
    with pytest.raises(ValueError, match="2020"):
        build_reference([], [], performance_year=2019)


def test_benchmark_records_of_other_years_are_skipped():
    ref = build_reference(
        [], [{"measureId": "001", "submissionMethod": "registry", "performanceYear": 2019,
              "benchmarkYear": 2017, "deciles": [1] * 9}])
    assert not ref.benchmarks


def test_reference_dataclasses_are_frozen():
    with pytest.raises(FrozenInstanceError):
        REFERENCE.measure("047").title = "x"
    with pytest.raises(TypeError):
        REFERENCE.measures["047"] = None


def test_the_engine_imports_nothing_from_django():
    code = ("import sys, scoring.engine, scoring.engine.json_contract; "
            "assert not [m for m in sys.modules "
            "if m.split('.')[0] in ('django', 'rest_framework')]")
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)
