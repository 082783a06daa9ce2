"""QPP JSON and QRDA III files uploaded in the portal and posted to the API: every measure
imported and scored with the seed's numbers, or nothing imported and every problem listed by
its element path; hostile XML is a 400, never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qis_portal.models import AuditEvent
from qis_portal.workflow import ActionDenied
from scoring.models import DataUpload, QualitySubmission
from scoring.services.contract import entity_evaluate
from scoring.services.format_import import format_import
from tests.scoring.conftest import make_entity
from tests.scoring.format_files import m047, qpp_submission, qrda3
from tests.scoring.test_formats import BILLION_LAUGHS

pytestmark = pytest.mark.django_db


@pytest.fixture
def ocm9(db, issuer_org):
    return make_entity("OCM-0009", organization=issuer_org)


def _047_points(entity):
    output = entity_evaluate(entity)
    measure = next(m for unit in output["quality"]["units"] for m in unit["measures"]
                   if m["measure_id"] == "047")
    return measure["points"], measure["decile"]


def test_a_qpp_submission_uploaded_in_the_portal_is_imported_and_scores_as_the_seed(
        client, cor_bob, ocm9):
    client.force_login(cor_bob)
    response = client.post("/scoring/uploads/formats/", {
        "format": "qpp_json", "entity_id": "OCM-0009",
        "file": SimpleUploadedFile("sub.json", qpp_submission(), "application/json")})
    record = DataUpload.objects.get()
    assert response.url == f"/scoring/uploads/{record.pk}/"
    assert (record.status, record.kind, record.entity, record.created_count) == (
        "accepted", "qpp_json", ocm9, 1)
    row = QualitySubmission.objects.get(entity=ocm9)
    assert (row.level, row.numerator, row.denominator, row.eligible_population,
            row.data_completeness) == ("entity", 120, 156, 160, 85)
    # Seed §4.2.2: 120 / 156 = 76.9231 % is decile 5, 5.8733 points.
    assert _047_points(ocm9) == (5.8733, 5)
    assert AuditEvent.objects.filter(action="dataupload.accepted",
                                     target_id=str(record.pk)).count() == 1


def test_the_same_file_again_updates_the_measure_instead_of_adding_one(cor_bob, ocm9):
    format_import(actor=cor_bob, fmt="qpp_json", entity=ocm9, data=qpp_submission(),
                  filename="a.json")
    again = format_import(actor=cor_bob, fmt="qpp_json", entity=ocm9, filename="b.json",
                          data=qpp_submission(measurements=[m047(performanceMet=130,
                                                                 performanceNotMet=26)]))
    assert (again.created_count, again.updated_count) == (0, 1)
    assert QualitySubmission.objects.get(entity=ocm9).numerator == 130


def test_one_bad_measurement_imports_nothing_and_the_report_names_each_element(
        client, cor_bob, ocm9):
    client.force_login(cor_bob)
    data = qpp_submission(measurements=[m047(), m047(performanceMet="many"),
                                        {"measureId": "999X", "value": m047()["value"]}])
    client.post("/scoring/uploads/formats/", {
        "format": "qpp_json", "entity_id": "OCM-0009",
        "file": SimpleUploadedFile("bad.json", data, "application/json")})
    record = DataUpload.objects.get()
    assert record.status == "rejected" and not QualitySubmission.objects.exists()
    at = "measurementSets[1].measurements"
    assert [(e["row"], e["column"]) for e in record.errors] == [
        (2, f"{at}[1].value.performanceMet"), (3, f"{at}[2].measureId")]
    page = client.get(f"/scoring/uploads/{record.pk}/").content.decode()
    assert "Element" in page and f"{at}[2].measureId" in page


def test_a_file_for_another_apm_entity_is_refused(cor_bob, ocm9):
    record = format_import(actor=cor_bob, fmt="qpp_json", entity=ocm9, filename="x.json",
                           data=qpp_submission(entity_id="ACO-7777"))
    assert record.status == "rejected"
    assert record.errors[0]["rule"] == "the file is for APM Entity ACO-7777, not OCM-0009"


def test_a_clinician_not_on_the_participation_list_is_the_engine_s_refusal(cor_bob, ocm9):
    record = format_import(actor=cor_bob, fmt="qrda3", entity=ocm9, filename="g.xml",
                           data=qrda3(tin="987654321"))
    assert record.status == "rejected" and not QualitySubmission.objects.exists()
    [problem] = record.errors
    assert problem["column"].endswith("/section/entry/organizer")
    assert problem["rule"].startswith("tin:")


def test_a_qrda3_group_document_posted_to_the_api_is_imported(api_client, api_alice, ocm9):
    api_client.force_authenticate(api_alice)
    response = api_client.post(f"/api/scoring/entities/{ocm9.pk}/files/qrda3/", data=qrda3(),
                               content_type="application/xml")
    assert response.status_code == 201, response.content
    assert response.json() | {"upload": 0} == {"upload": 0, "status": "accepted",
                                               "measures": 1, "created": 1, "updated": 0}
    row = QualitySubmission.objects.get(entity=ocm9)
    assert (row.level, row.tin, row.measure_id, row.submission_method, row.numerator,
            row.denominator, row.eligible_population) == (
        "tin", "123456789", "001", "electronicHealthRecord", 40, 170, 180)


def test_hostile_xml_posted_to_the_api_is_a_400_and_stores_nothing(api_client, api_alice,
                                                                  ocm9):
    api_client.force_authenticate(api_alice)
    response = api_client.post(f"/api/scoring/entities/{ocm9.pk}/files/qrda3/",
                               data=qrda3(prolog=BILLION_LAUGHS),
                               content_type="application/xml")
    assert response.status_code == 400
    [(path, [rule])] = response.json()["error"]["fields"].items()
    assert path == "/" and rule.startswith("refused: a document type declaration")
    assert not QualitySubmission.objects.exists()
    truncated = api_client.post(f"/api/scoring/entities/{ocm9.pk}/files/qpp_json/",
                                data=qpp_submission()[:-40], content_type="application/json")
    assert truncated.status_code == 400
    assert "is not JSON" in truncated.json()["error"]["fields"]["$"][0]


def test_another_organization_s_entity_is_a_404_to_a_rest_client(api_client, api_alice):
    other = make_entity("OCM-0010")
    api_client.force_authenticate(api_alice)
    response = api_client.post(f"/api/scoring/entities/{other.pk}/files/qpp_json/",
                               data=qpp_submission(entity_id="OCM-0010"),
                               content_type="application/json")
    assert response.status_code == 404 and not DataUpload.objects.exists()


def test_a_read_only_user_may_not_upload(readonly_pat, ocm9):
    with pytest.raises(ActionDenied):
        format_import(actor=readonly_pat, fmt="qpp_json", entity=ocm9, data=qpp_submission(),
                      filename="r.json")
    [denial] = AuditEvent.objects.filter(outcome="denied")
    assert (denial.action, denial.target_id) == ("dataupload.create", str(ocm9.pk))
    assert not DataUpload.objects.exists()
