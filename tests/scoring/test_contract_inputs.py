"""The JSON contract takes what CMS provides (issue 14 item 2): an improvement score, prior-year
entity or individual scores with §4.2.4's fallbacks, CAHPS for MIPS as one measure with its
summary-measure scores, CMS-calculated measures with their case counts; and one schema
(INPUT_SCHEMA, checked with jsonschema_rs) states the input's shape."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.engine import (
    INPUT_SCHEMA,
    ContractError,
    Participant,
    check_submission,
    evaluate,
    load_reference_from_package,
)

PACKAGE = Path(__file__).resolve().parents[2] / "node_modules" / "qpp-measures-data"
REF = load_reference_from_package(PACKAGE)
TIN = "123456789"
NPIS = [f"{1000000000 + n}" for n in range(30)]
SCORED_WI = ("318", "110", "226", "113", "112", "001", "236")


def contract(submissions, **entity):
    return {"performance_year": 2020,
            "entity": {"id": "ACO-1", "apm_requires_mips_quality_reporting": True,
                       "improvement_activities_score": 100.0,
                       "promoting_interoperability_score": 80.0, **entity},
            "participants": [{"tin": TIN, "npis": NPIS}],
            "submissions": submissions}


def table_3_hypothetical():
    """Table 3's hypothetical scenario: 5.4 points on each scored Web Interface measure."""
    subs = [{"level": "entity", "measure_id": m, "submission_method": "cmsWebInterface",
             "performance_rate": 56.0 if m == "001" else 44.0, "eligible_population": 400,
             "data_completeness": 100.0, "end_to_end": True} for m in SCORED_WI]
    subs += [{"level": "entity", "measure_id": m, "submission_method": "cmsWebInterface",
              "performance_rate": 60.0, "eligible_population": 400, "data_completeness": 100.0,
              "end_to_end": True} for m in ("370", "438", "134")]
    subs.append({"level": "entity", "measure_id": "ACO321",
                 "submission_method": "certifiedSurveyVendor", "external_points": 5.4,
                 "eligible_population": 300})
    return subs


def registry_047():
    return {"level": "entity", "measure_id": "047", "submission_method": "registry",
            "numerator": 120, "denominator": 156, "data_completeness": 85.0}


def test_an_improvement_score_cms_provides_is_used_as_given_table_3_hypothetical_76_5():
    out = evaluate(contract(table_3_hypothetical(), improvement_score=10), REF)
    quality = out["quality"]
    assert quality["achievement_score"] == 66.5  # (F)
    assert quality["improvement"]["score"] == 10.0  # (G), "Assumes the maximum ... of 10%"
    assert "as provided by CMS" in quality["improvement"]["sentence"]
    assert quality["percent_score"] == 76.5  # (I)
    assert out["final"]["contributions"]["quality"] == 38.25  # (J) x (I)


def test_the_prior_year_score_of_the_same_identifier_is_compared():
    out = evaluate(contract([registry_047()],
                            prior_year={"identifier": "ACO-1", "achievement_percent": 5.0}),
                   REF)
    imp = out["quality"]["improvement"]
    assert imp["applied"] and imp["prior_used"] == 30.0  # <= 30 % compared as 30 %
    assert "same identifier" in imp["sentence"]


def test_a_new_identifier_compares_the_average_of_its_individuals_prior_scores():
    # §4.2.4: "If the identifier is not the same ... the average of the ... achievement
    # percent scores ... for each of the individuals in the APM Entity". (40 + 50 + 60) / 3.
    individuals = [{"npi": NPIS[i], "achievement_percent": p}
                   for i, p in enumerate((40.0, 50.0, 60.0))]
    out = evaluate(contract([registry_047()], prior_year={
        "identifier": "OLD-TIN-1", "achievement_percent": 90.0, "individuals": individuals}),
        REF)
    imp = out["quality"]["improvement"]
    assert imp["applied"] and imp["prior_achievement_percent"] == 50.0
    assert "average of 3 individuals' prior-year scores" in imp["sentence"]
    current = out["quality"]["units"][0]["achievement_percent"]
    assert imp["score"] == pytest.approx(max(0, (current - 50) / 50 * 10), abs=1e-4)


def test_a_new_identifier_without_individual_scores_has_no_improvement_score():
    out = evaluate(contract([registry_047()], prior_year={"identifier": "OLD-TIN-1",
                                                          "achievement_percent": 20.0}), REF)
    imp = out["quality"]["improvement"]
    assert not imp["applied"]
    assert "OLD-TIN-1 is not ACO-1" in imp["sentence"]


def test_cahps_for_mips_is_one_measure_with_its_summary_measure_scores():
    cahps = {"level": "entity", "measure_id": "321", "submission_method": "certifiedSurveyVendor",
             "eligible_population": 300,
             "summary_measures": [{"measure_id": f"CAHPS_{n}", "performance_rate": 90.0}
                                  for n in (1, 2, 3, 5)]}
    out = evaluate(contract([cahps, registry_047()], apm_requires_mips_quality_reporting=False),
                   REF)
    rows = [m for m in out["quality"]["units"][0]["measures"]
            if m["submission_method"] == "certifiedSurveyVendor"]
    assert [r["measure_id"] for r in rows] == ["321"] and rows[0]["counted"]
    assert "CAHPS_1 90: decile" in rows[0]["reason"]
    assert out["quality"]["units"][0]["available_points"] == 60


def test_every_bad_new_field_is_listed_at_once():
    cahps = {"level": "entity", "measure_id": "321", "submission_method": "certifiedSurveyVendor",
             "summary_measures": [{"measure_id": "CAHPS_ACO_1", "performance_rate": 90.0},
                                  {"measure_id": "CAHPS_2", "performance_rate": 190.0}]}
    readmission = {"level": "entity", "measure_id": "458",
                   "submission_method": "administrativeClaims", "external_points": 7}
    data = contract([cahps, readmission], improvement_score=4,
                    prior_year={"identifier": "X", "individuals": [
                        {"npi": "9999999999", "achievement_percent": 50.0}]})
    with pytest.raises(ContractError) as err:
        evaluate(data, REF)
    paths = {path for path, _ in err.value.errors}
    assert {
        "entity.improvement_score",  # both CMS's improvement score and prior-year scores
        "entity.prior_year.individuals[0].npi",  # not on the participation list
        "submissions[0].eligible_population",  # CMS-calculated: the case count is required
        "submissions[0].summary_measures[0].measure_id",  # an ACO summary measure under 321
        "submissions[0].summary_measures[1].performance_rate",  # above 100
        "submissions[1].eligible_population",
    } <= paths


def test_the_input_schema_is_the_one_statement_of_the_shape():
    # A field the schema does not list is refused by the contract, by its path; a bound the
    # schema states is the bound the contract applies.
    schema_max = INPUT_SCHEMA["properties"]["entity"]["properties"]["improvement_score"][
        "maximum"]
    with pytest.raises(ContractError) as err:
        evaluate(contract([registry_047()], improvement_score=schema_max + 0.5, extra=1), REF)
    assert ("entity.improvement_score", f"must be at most {schema_max:g}") in err.value.errors
    assert ("entity.extra", "unknown field") in err.value.errors
    assert check_submission({**registry_047(), "numerator": "12"}, {}, REF) == [
        ("numerator", "must be a number")]


def test_non_finite_and_huge_numbers_are_refused_by_path():
    data = contract([{**registry_047(), "data_completeness": float("nan"),
                      "numerator": 10 ** 400}])
    with pytest.raises(ContractError) as err:
        evaluate(data, REF)
    paths = {path for path, _ in err.value.errors}
    assert {"submissions[0].data_completeness", "submissions[0].numerator"} <= paths


FIELD_VALUES = {
    "level": ["entity", "tin", "npi", "group"],
    "tin": [TIN, "987654321", "12", None],
    "npi": [NPIS[0], "1999999999", "x", None],
    "measure_id": ["047", "321", "458", "110", "9999", ""],
    "submission_method": ["registry", "claims", "certifiedSurveyVendor",
                          "administrativeClaims", "cmsWebInterface", "fax"],
    "numerator": [0, 50, 200, -1, "5"],
    "denominator": [0, 100, None],
    "performance_rate": [50.0, 150.0, None],
    "eligible_population": [0, 25, 300, 2.5],
    "data_completeness": [80.0, 101, None],
    "external_points": [5, 11, None],
    "summary_measures": [[{"measure_id": "CAHPS_1", "performance_rate": 80.0}],
                         [{"measure_id": "CAHPS_ACO_1", "performance_rate": 80.0}], []],
    "end_to_end": [True, "yes"],
    "surprise": [1],
}


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(FIELD_VALUES)), st.none(), max_size=9).flatmap(
    lambda keys: st.fixed_dictionaries({k: st.sampled_from(FIELD_VALUES[k]) for k in keys})))
def test_data_entry_checks_one_submission_exactly_as_the_contract_does(submission):
    """One set of rules: check_submission (forms, CSV) and parse_input (API, runs) agree."""
    participants = {TIN: Participant(TIN, tuple(NPIS))}
    alone = {(f"submissions[0].{p}" if p else "submissions[0]", m)
             for p, m in check_submission(submission, participants, REF)}
    try:
        evaluate(contract([submission]), REF)
        in_contract = set()
    except ContractError as exc:
        in_contract = set(exc.errors)
    assert alone == in_contract
