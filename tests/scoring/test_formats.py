"""The real formats read into the engine's contract, every bad element named by its path, and
hostile XML refused before anything is expanded."""

import json
from decimal import Decimal

import pytest

from scoring.formats import qpp_json, qrda3
from tests.scoring.format_files import m047, qpp_submission
from tests.scoring.format_files import qrda3 as qrda3_file


def test_a_qpp_submission_maps_each_quality_measurement_to_the_contract():
    [m], problems, named = qpp_json.parse(qpp_submission())
    assert not problems and named == "OCM-0009"
    assert m.submission() == {
        "level": "entity", "tin": "", "npi": "", "measure_id": "047",
        "submission_method": "registry", "numerator": 120, "denominator": 156,
        "performance_rate": None, "eligible_population": 160,
        "data_completeness": Decimal("85"), "end_to_end": False, "external_points": None}


def test_without_a_reporting_rate_data_completeness_is_the_documented_formula():
    [m], _, _ = qpp_json.parse(qpp_submission(measurements=[m047(reportingRate=None)]))
    # (120 met + 36 not met + 0 exclusions + 4 exceptions) / 160 eligible = 100 %
    assert m.data_completeness() == Decimal("100.0000")
    [m], _, _ = qpp_json.parse(qpp_submission(measurements=[m047(
        reportingRate=None, performanceNotMet=16)]))
    assert m.data_completeness() == Decimal("87.5000")  # 140 / 160


def test_an_individual_submission_is_a_clinician_level_row_and_strata_use_overall():
    strata = {"measureId": "226", "value": {"isEndToEndReported": True, "strata": [
        {"stratum": "screenedForUse", "performanceMet": 47, "performanceNotMet": 13,
         "eligiblePopulation": 60},
        {"stratum": "overall", "performanceMet": 121, "performanceNotMet": 26,
         "eligiblePopulation": 147, "eligiblePopulationExclusion": 0,
         "eligiblePopulationException": 0}]}}
    [m], problems, _ = qpp_json.parse(qpp_submission(entity_type="individual",
                                                     measurements=[strata]))
    assert not problems
    assert (m.level, m.tin, m.npi) == ("npi", "123456789", "1000000000")
    assert (m.performance_met, m.performance_not_met, m.end_to_end) == (121, 26, True)


def test_every_bad_element_of_a_qpp_submission_is_listed_by_its_path():
    bad = [m047(performanceMet=-1), {"measureId": "", "value": {"numerator": 3,
                                                                 "denominator": 10}},
           m047(eligiblePopulation=100), m047(reportingRate=140)]
    _, problems, _ = qpp_json.parse(qpp_submission(measurements=bad, year=2019))
    found = {(p["row"], p["column"]) for p in problems.items}
    at = "measurementSets[1].measurements"
    assert found == {
        (0, "performanceYear"),
        (1, f"{at}[0].value.performanceMet"),
        (2, f"{at}[1].measureId"), (2, f"{at}[1].value"),
        (3, f"{at}[2].value.eligiblePopulation"),
        (4, f"{at}[3].value.reportingRate")}


@pytest.mark.parametrize(("data", "path", "rule"), [
    (b"{not json", "$", "is not JSON"),
    (b"[]", "$", "must be a submission object"),
    (json.dumps({"entityType": "robot", "performanceYear": 2020,
                 "measurementSets": []}).encode(), "entityType", "must be one of"),
    (qpp_submission(method="fax"), "measurementSets[1].submissionMethod", "must be one of"),
    (qpp_submission(measurements=[]), "measurementSets", 'no measurement of category'),
])
def test_a_malformed_qpp_file_is_a_clear_problem(data, path, rule):
    _, problems, _ = qpp_json.parse(data)
    assert [(p["column"], rule in p["rule"]) for p in problems.items][:1] == [(path, True)]


def test_a_qrda3_document_gives_each_measure_s_aggregate_counts():
    [m], problems, named = qrda3.parse(qrda3_file())
    assert not problems and named == ""  # a group document names no APM Entity
    assert (m.measure_id, m.submission_method, m.level, m.tin) == (
        "001", "electronicHealthRecord", "tin", "123456789")
    # DENOM 180, NUMER 40, DENEX 10: not met = 180 - 40 - 10 = 130; the stratified count
    # of 1 under the sex supplemental data is not the population's count.
    assert (m.performance_met, m.performance_not_met, m.exclusions, m.eligible_population) == (
        40, 130, 10, 180)
    assert m.submission()["denominator"] == 170 and m.data_completeness() == Decimal("100.0000")


def test_an_apm_entity_qrda3_names_its_entity_and_a_clinician_one_its_npi():
    [m], _, named = qrda3.parse(qrda3_file(program="MIPS_APMENTITY"))
    assert (m.level, named) == ("entity", "OCM-0009")
    [m], _, _ = qrda3.parse(qrda3_file(program="MIPS_INDIV"))
    assert (m.level, m.tin, m.npi) == ("npi", "123456789", "1000000000")


def test_every_bad_element_of_a_qrda3_document_is_listed_by_its_xpath():
    _, problems, _ = qrda3.parse(qrda3_file(uuid="no-such-measure", low="20190101"))
    paths = [p["column"] for p in problems.items]
    assert paths == [
        "/ClinicalDocument/documentationOf/serviceEvent/effectiveTime/low/@value",
        "/ClinicalDocument/component/structuredBody/component/section/entry/organizer/"
        "reference/externalDocument/id/@extension"]
    _, problems, _ = qrda3.parse(qrda3_file(populations=(("DENOM", 10), ("NUMER", "x"))))
    [problem] = problems.items
    assert problem["column"].endswith("organizer/component[2]/observation/"
                                      "entryRelationship[1]/observation/value/@value")
    assert "Aggregate Count must be a whole number" in problem["rule"]
    _, problems, _ = qrda3.parse(qrda3_file(program="MIPS_NOTHING", tin="12"))
    assert [p["column"] for p in problems.items] == [
        "/ClinicalDocument/informationRecipient/intendedRecipient/id/@extension"]


BILLION_LAUGHS = ('<!DOCTYPE ClinicalDocument [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'
                            .replace("&lol0;", "&lol;") for i in range(1, 10)) + "]>")
EXTERNAL = '<!DOCTYPE ClinicalDocument [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("prolog", [BILLION_LAUGHS, EXTERNAL,
                                    '<!DOCTYPE ClinicalDocument SYSTEM "http://x.test/a.dtd">'])
def test_hostile_xml_is_refused_before_anything_is_expanded_or_fetched(prolog):
    data = qrda3_file(prolog=prolog).replace(b"<realmCode", b"<title>&lol9;</title><realmCode"
                                             if b"lol9" in prolog.encode() else b"<realmCode")
    measurements, problems, _ = qrda3.parse(data)
    assert measurements == []
    [problem] = problems.items
    assert problem["column"] == "/" and problem["rule"].startswith("refused: a document type")


@pytest.mark.parametrize(("data", "rule"), [
    (qrda3_file()[:-200], "is not well-formed XML (it may be truncated)"),
    (b"<ClinicalDocument><unclosed></ClinicalDocument>", "is not well-formed XML"),
    (b"<html xmlns='urn:x'/>", "must be an HL7 CDA ClinicalDocument"),
])
def test_malformed_or_truncated_xml_is_a_clear_problem(data, rule):
    _, problems, _ = qrda3.parse(data)
    [problem] = problems.items
    assert problem["rule"].startswith(rule)
