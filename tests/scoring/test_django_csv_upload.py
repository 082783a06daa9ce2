"""CSV uploads: every row validated; one bad row imports nothing; the report lists every bad
row with its row number, column and rule; CSV downloads escape formula-looking cells."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qis_portal.exports import safe_cell
from scoring.models import ApmEntity, DataUpload, Participant, QualitySubmission
from scoring.services.csv_import import upload_import
from tests.scoring.conftest import NPIS, TIN, make_entity

pytestmark = pytest.mark.django_db


def csv_file(text: str, name: str = "data.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def upload(client, kind, text, name="data.csv"):
    return client.post("/scoring/uploads/", {"kind": kind, "file": csv_file(text, name)})


ENTITIES = ("entity_id,name,apm_type,improvement_activities_score,"
            "promoting_interoperability_score,prior_year_quality_achievement_percent\n"
            "OCM-0001,Riverside Oncology,ocm,100,80,40\n"
            "ACO-0002,Granite ACO,mssp,90,,\n")
SUBMISSIONS_HEADER = ("entity_id,level,tin,npi,measure_id,submission_method,numerator,"
                      "denominator,eligible_population,data_completeness,end_to_end\n")


def test_a_good_entities_file_is_imported_and_reported(client, cor_bob):
    client.force_login(cor_bob)
    response = upload(client, "entities", ENTITIES)
    record = DataUpload.objects.get()
    assert response.url == f"/scoring/uploads/{record.pk}/"
    assert (record.status, record.row_count, record.created_count) == ("accepted", 2, 2)
    aco = ApmEntity.objects.get(entity_id="ACO-0002")
    assert aco.promoting_interoperability_score is None and aco.complex_patient_bonus == 0
    assert "Every row passed" in client.get(response.url).content.decode()


def test_uploading_the_same_entities_again_updates_them(client, cor_bob):
    client.force_login(cor_bob)
    upload(client, "entities", ENTITIES)
    upload(client, "entities", ENTITIES.replace("Granite ACO", "Granite Valley ACO"))
    latest = DataUpload.objects.order_by("-pk").first()
    assert (latest.created_count, latest.updated_count) == (0, 2)
    assert ApmEntity.objects.get(entity_id="ACO-0002").name == "Granite Valley ACO"
    assert ApmEntity.objects.count() == 2


def test_one_bad_row_imports_nothing_and_every_bad_row_is_listed(client, cor_bob):
    client.force_login(cor_bob)
    text = ENTITIES + ("BAD ID,No type,,abc,101,\n"
                       "OCM-0001,Duplicate,ocm,,,\n")
    upload(client, "entities", text)
    record = DataUpload.objects.get()
    assert record.status == "rejected" and not ApmEntity.objects.exists()
    problems = {(e["row"], e["column"]) for e in record.errors}
    assert problems == {(4, "entity_id"), (4, "apm_type"), (4, "improvement_activities_score"),
                        (4, "promoting_interoperability_score"), (5, "entity_id")}
    rules = {(e["row"], e["column"]): e["rule"] for e in record.errors}
    assert rules[(4, "apm_type")] == "required"
    assert rules[(4, "promoting_interoperability_score")] == "must be between 0 and 100"
    assert rules[(5, "entity_id")] == "duplicates row 2"
    page = client.get(f"/scoring/uploads/{record.pk}/").content.decode()
    assert "Nothing was imported" in page and "5 problems in 2 rows" in page
    assert "must be a number such as 85 or 85.5" in page


def test_header_problems_are_reported_before_any_row(client, cor_bob):
    client.force_login(cor_bob)
    upload(client, "entities", "entity_id,colour\nOCM-1,red\n")
    errors = DataUpload.objects.get().errors
    assert {(e["row"], e["column"], e["rule"]) for e in errors} == {
        (1, "colour", "unknown column (see the documented columns)"),
        (1, "name", "required column missing"), (1, "apm_type", "required column missing")}


@pytest.mark.parametrize(("name", "content", "rule"), [
    ("data.txt", b"entity_id\n", "the file must be a .csv file"),
    ("data.csv", b"\xff\xfe\x00bad", "the file must be UTF-8 text (save it as CSV UTF-8)"),
    ("data.csv", b"", "the file is empty"),
    ("data.csv", b"entity_id,name,apm_type\n", "the file has no data rows"),
])
def test_unreadable_files_are_rejected_with_the_reason(cor_bob, name, content, rule):
    record = upload_import(actor=cor_bob, kind="entities",
                           upload=SimpleUploadedFile(name, content))
    assert record.status == "rejected"
    assert [e["rule"] for e in record.errors] == [rule]


def test_participants_name_an_existing_entity(client, cor_bob):
    make_entity("OCM-0001", npis=[])
    client.force_login(cor_bob)
    upload(client, "participants", "entity_id,tin,npi\nOCM-0001,123456789,1234567890\n"
                                   "OCM-0009,123456789,1234567891\n"
                                   "OCM-0001,12345678,123\n")
    record = DataUpload.objects.get()
    assert {(e["row"], e["column"]) for e in record.errors} == {
        (3, "entity_id"), (4, "tin"), (4, "npi")}
    assert not Participant.objects.exists()
    upload(client, "participants", "entity_id,tin,npi\nOCM-0001,123456789,1234567890\n")
    assert Participant.objects.count() == 1


def test_measure_rows_are_checked_by_the_engine_and_imported_together(client, cor_bob):
    make_entity("OCM-0001")
    client.force_login(cor_bob)
    good = SUBMISSIONS_HEADER + (
        "OCM-0001,entity,,,047,registry,120,156,160,85,no\n"
        f"OCM-0001,npi,{TIN},{NPIS[0]},236,electronicHealthRecord,70,100,,90,yes\n")
    upload(client, "submissions", good)
    assert QualitySubmission.objects.count() == 2
    assert QualitySubmission.objects.get(measure_id="236").end_to_end is True
    bad = SUBMISSIONS_HEADER + (
        "OCM-0001,entity,,,047,registry,150,156,160,85,no\n"
        "OCM-0001,npi,999999999,1234567890,047,registry,1,2,,80,no\n"
        "OCM-0001,entity,,,047,cmsWebInterface,200,100,,,maybe\n")
    upload(client, "submissions", bad)
    record = DataUpload.objects.order_by("-pk").first()
    assert record.status == "rejected"
    assert {(e["row"], e["column"]) for e in record.errors} == {
        (3, "tin"), (4, "end_to_end")}
    assert QualitySubmission.objects.get(measure_id="047").numerator == 120  # untouched


def test_engine_rules_per_row_are_listed_once_cells_are_readable(cor_bob):
    make_entity("OCM-0001")
    text = SUBMISSIONS_HEADER + (
        "OCM-0001,entity,,,047,cmsWebInterface,200,100,,,no\n"
        "OCM-0001,entity,,,9999,registry,1,2,,80,no\n"
        "OCM-0001,entity,,,047,registry,1,2,,80,no\n"
        "OCM-0001,entity,,,047,registry,1,2,,80,no\n")
    record = upload_import(actor=cor_bob, kind="submissions", upload=csv_file(text))
    found = {(e["row"], e["column"], e["rule"]) for e in record.errors}
    assert (2, "submission_method", "measure 047 cannot be submitted by cmsWebInterface "
            "(allowed: claims, registry)") in found
    assert (2, "numerator", "greater than the denominator") in found
    assert (3, "measure_id", "unknown 2020 quality measure 9999") in found
    assert (5, "measure_id", "duplicates row 4 (same reporter, measure and method)") in found


def test_numbers_too_large_for_the_database_are_row_errors_not_a_500(cor_bob):
    make_entity("OCM-0001")
    text = SUBMISSIONS_HEADER.replace("\n", ",performance_rate\n") + (
        "OCM-0001,entity,,,047,registry,1,99999999999,,80,no,\n"
        "OCM-0001,entity,,,236,registry,,,,80,no,1e40\n")
    record = upload_import(actor=cor_bob, kind="submissions", upload=csv_file(text))
    assert {(e["row"], e["column"]) for e in record.errors} == {
        (2, "denominator"), (3, "performance_rate")}


def test_read_only_cms_users_may_not_upload(client, readonly_pat):
    client.force_login(readonly_pat)
    assert upload(client, "entities", ENTITIES).status_code == 403
    assert client.get("/scoring/uploads/").status_code == 403
    assert not DataUpload.objects.exists()


def test_the_problem_report_download_escapes_formula_looking_cells(client, cor_bob):
    client.force_login(cor_bob)
    upload(client, "entities", "entity_id,name,apm_type\n=HYPERLINK(\"x\"),@SUM(A1),+cmd\n")
    record = DataUpload.objects.get()
    body = b"".join(client.get(f"/scoring/uploads/{record.pk}/problems.csv")
                    .streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in body and "'+cmd" in body
    assert "\n=" not in body and ",=" not in body and ",+" not in body


def test_safe_cell_leaves_numbers_alone():
    assert safe_cell("-12.5") == "-12.5" and safe_cell("=1+1") == "'=1+1"
    assert safe_cell("@x") == "'@x" and safe_cell(None) == ""


def test_each_template_has_the_documented_header(client, cor_bob):
    client.force_login(cor_bob)
    body = b"".join(client.get("/scoring/uploads/templates/submissions.csv")
                    .streaming_content).decode("utf-8-sig")
    assert body.splitlines()[0].startswith("entity_id,level,tin,npi,measure_id")
    page = client.get("/scoring/uploads/").content.decode()
    assert "data_completeness" in page and "required for claims, registry" in page


def test_a_cms_calculated_row_without_its_case_count_is_refused_with_nothing_imported(cor_bob):
    # §4.2.2 note 41: the case minimum is 20 (readmission 200), so CMS's points need a count.
    make_entity("OCM-0001")
    text = SUBMISSIONS_HEADER.replace("end_to_end", "end_to_end,performance_rate") + (
        "OCM-0001,entity,,,047,registry,120,156,160,85,no,\n"
        "OCM-0001,entity,,,458,administrativeClaims,,,,,no,14.2\n")
    record = upload_import(actor=cor_bob, kind="submissions", upload=csv_file(text))
    assert record.status == "rejected" and not QualitySubmission.objects.exists()
    assert {(e["row"], e["column"]) for e in record.errors} == {(3, "eligible_population")}
    assert "case count decides the case minimum" in record.errors[0]["rule"]
