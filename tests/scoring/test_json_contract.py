"""The JSON contract: schemas, evaluate(), and validation errors listing every bad path."""

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from scoring.engine import (
    INPUT_SCHEMA,
    OUTPUT_SCHEMA,
    ContractError,
    evaluate,
    load_reference_from_package,
)

PACKAGE = Path(__file__).resolve().parents[2] / "node_modules" / "qpp-measures-data"
REF = load_reference_from_package(PACKAGE)
TIN = "123456789"
NPIS = [f"{1000000000 + n}" for n in range(20)]


def example(**entity_overrides):
    entity = {
        "id": "OCM-0001",
        "apm_requires_mips_quality_reporting": False,
        "complex_patient_bonus": 1.5,
        "prior_year_quality_achievement_percent": 40.0,
        "improvement_activities_score": 100.0,
        "promoting_interoperability_score": 80.0,
    }
    entity.update(entity_overrides)
    return {
        "performance_year": 2020,
        "entity": entity,
        "participants": [{"tin": TIN, "npis": NPIS}],
        "submissions": [
            {"level": "entity", "measure_id": "047", "submission_method": "registry",
             "numerator": 120, "denominator": 156, "eligible_population": 160,
             "data_completeness": 85.0},
            {"level": "entity", "measure_id": "236", "submission_method": "electronicHealthRecord",
             "performance_rate": 72.5, "eligible_population": 300, "data_completeness": 90.0,
             "end_to_end": True},
            {"level": "entity", "measure_id": "370", "submission_method": "registry",
             "numerator": 8, "denominator": 40, "data_completeness": 75.0},
            {"level": "entity", "measure_id": "458", "submission_method": "administrativeClaims",
             "performance_rate": 14.2, "eligible_population": 350},
        ],
    }


def test_the_example_input_satisfies_the_input_schema():
    jsonschema.Draft202012Validator.check_schema(INPUT_SCHEMA)
    jsonschema.validate(example(), INPUT_SCHEMA)


def test_evaluate_returns_an_output_that_satisfies_the_output_schema():
    out = evaluate(example(), REF)
    jsonschema.Draft202012Validator.check_schema(OUTPUT_SCHEMA)
    jsonschema.validate(out, OUTPUT_SCHEMA)
    json.dumps(out)  # JSON-able


def test_evaluate_explains_each_measure_and_the_final_score():
    out = evaluate(example(), REF)
    unit = out["quality"]["units"][0]
    by_id = {m["measure_id"]: m for m in unit["measures"]}
    assert by_id["047"]["points"] == 5.8733 and by_id["047"]["decile"] == 5
    assert by_id["370"]["status"] == "no_benchmark_floor"
    assert "no 2020 benchmark for measure 458 by submission method administrativeClaims" in (
        by_id["458"]["reason"])
    assert unit["available_points"] == 60
    final = out["final"]
    assert final["weights"] == {"quality": 0.5, "cost": 0.0, "ia": 0.2, "pi": 0.3}
    assert 0 <= final["final_score"] <= 100
    assert out["explanation"][-2] == final["sentence"]
    assert out["explanation"][-1].startswith("Rounding:")
    assert any("Measure 047 via registry" in s for s in out["explanation"])


def test_the_quality_percent_score_adds_improvement_and_credit_and_caps_at_100():
    out = evaluate(example(), REF)
    q = out["quality"]
    expected = min(100.0, q["achievement_score"] + q["improvement"]["score"] + 50.0)
    assert q["percent_score"] == pytest.approx(expected)
    assert q["quality_reporting_credit"] == 50.0


def test_a_reweighted_quality_category_has_no_quality_result():
    out = evaluate(example(quality_reweighted=True), REF)
    assert out["quality"] is None
    assert out["final"]["weights"]["pi"] == 0.75


def test_a_tin_npi_roll_up_through_json():
    data = example()
    data["submissions"] = [
        {"level": "tin", "tin": TIN, "measure_id": "047", "submission_method": "registry",
         "numerator": 100, "denominator": 100, "data_completeness": 80},
        {"level": "npi", "tin": TIN, "npi": NPIS[0], "measure_id": "110",
         "submission_method": "claims", "numerator": 90, "denominator": 100,
         "data_completeness": 80},
    ]
    out = evaluate(data, REF)
    assert out["quality"]["reporting_level"] == "tin_npi"
    assert len(out["quality"]["clinicians"]) == 20


def test_web_interface_completeness_may_be_given_as_beneficiary_counts():
    data = example(clinician_count=30)  # the Web Interface is for 25 or more clinicians
    data["submissions"] = [
        {"level": "entity", "measure_id": "110", "submission_method": "cmsWebInterface",
         "performance_rate": 95.0, "eligible_population": 600, "wi_reported_beneficiaries": 248,
         "wi_sample_size": 600}]
    out = evaluate(data, REF)
    row = next(m for m in out["quality"]["units"][0]["measures"] if m["measure_id"] == "110")
    assert row["data_completeness_met"] is True and row["points"] == 10.0


def test_validation_errors_list_every_bad_field_path():
    data = example()
    data["performance_year"] = 2019
    data["entity"]["complex_patient_bonus"] = 6
    data["entity"]["surprise"] = 1
    del data["entity"]["improvement_activities_score"]
    data["participants"][0]["npis"].append("123")
    data["submissions"][0]["numerator"] = 200
    data["submissions"][1]["measure_id"] = "9999"
    data["submissions"][2]["submission_method"] = "claims"
    data["submissions"][3]["external_points"] = 11
    data["submissions"].append({"level": "npi", "tin": "987654321", "measure_id": "047",
                                "submission_method": "registry", "performance_rate": 50,
                                "data_completeness": 80})
    with pytest.raises(ContractError) as err:
        evaluate(data, REF)
    paths = {path for path, _ in err.value.errors}
    assert {
        "performance_year",
        "entity.complex_patient_bonus",
        "entity.surprise",
        "entity.improvement_activities_score",
        "participants[0].npis[20]",
        "submissions[0].numerator",
        "submissions[1].measure_id",
        "submissions[2].submission_method",
        "submissions[3].external_points",
        "submissions[4].tin",
        "submissions[4].npi",
    } <= paths
    assert isinstance(err.value, ValueError)
    assert "submissions[0].numerator" in str(err.value)


def test_missing_performance_data_and_completeness_are_reported():
    data = example()
    data["submissions"] = [{"level": "entity", "measure_id": "047",
                            "submission_method": "registry"}]
    with pytest.raises(ContractError) as err:
        evaluate(data, REF)
    paths = {path for path, _ in err.value.errors}
    assert {"submissions[0]", "submissions[0].data_completeness"} <= paths


def test_a_rate_that_disagrees_with_numerator_and_denominator_is_refused():
    data = example()
    data["submissions"][0]["performance_rate"] = 50.0
    with pytest.raises(ContractError, match="performance_rate"):
        evaluate(data, REF)


def test_only_improvement_activities_reweighted_is_a_validation_error():
    with pytest.raises(ContractError, match="improvement_activities_score"):
        evaluate(example(improvement_activities_score=None), REF)


def test_a_non_object_input_is_refused():
    with pytest.raises(ContractError):
        evaluate([], REF)


def test_duplicate_submissions_are_refused():
    data = example()
    data["submissions"].append(copy.deepcopy(data["submissions"][0]))
    with pytest.raises(ContractError, match="duplicate"):
        evaluate(data, REF)


def test_group_only_collection_types_are_refused_for_an_individual():
    data = example()
    data["submissions"] = [
        {"level": "npi", "tin": TIN, "npi": NPIS[0], "measure_id": "110",
         "submission_method": "cmsWebInterface", "performance_rate": 90.0,
         "data_completeness": 100.0}]
    with pytest.raises(ContractError, match=r"submissions\[0\]\.submission_method"):
        evaluate(data, REF)
