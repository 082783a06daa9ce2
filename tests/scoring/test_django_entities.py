"""APM Entities in the browser: forms, participation lists, measure data checked by the engine,
and the live result page laid out like the seed's tables."""

import pytest

from qis_portal.models import AuditEvent
from scoring.models import ApmEntity, QualitySubmission
from tests.scoring.conftest import NPIS, TIN, add_047, make_entity

pytestmark = pytest.mark.django_db

ENTITY_FORM = {"entity_id": "OCM-0042", "name": "Lakeside Oncology", "apm_type": "ocm",
               "clinician_count": "", "small_practice": "", "complex_patient_bonus": "0",
               "improvement_activities_score": "100", "promoting_interoperability_score": "",
               "prior_year_quality_achievement_percent": "", "organization": ""}
SUBMISSION_FORM = {"level": "entity", "tin": "", "npi": "", "measure_id": "047",
                   "submission_method": "registry", "numerator": "120", "denominator": "156",
                   "performance_rate": "", "eligible_population": "160",
                   "data_completeness": "85", "external_points": ""}


def test_a_cor_creates_an_entity_with_the_form_and_it_is_audited(client, cor_bob):
    client.force_login(cor_bob)
    response = client.post("/scoring/entities/new/", ENTITY_FORM)
    entity = ApmEntity.objects.get(entity_id="OCM-0042")
    assert response.status_code == 302 and response.url == f"/scoring/entities/{entity.pk}/"
    assert entity.promoting_interoperability_score is None  # blank: reweighted
    assert entity.small_practice is None and not entity.requires_mips_quality_reporting
    assert AuditEvent.objects.filter(action="apmentity.create", target_id=str(entity.pk)).exists()


def test_the_entity_form_shows_every_field_error(client, cor_bob):
    client.force_login(cor_bob)
    bad = {**ENTITY_FORM, "entity_id": "bad id!", "complex_patient_bonus": "6",
           "improvement_activities_score": "120"}
    page = client.post("/scoring/entities/new/", bad).content.decode()
    assert page.count("usa-error-message") == 3
    assert not ApmEntity.objects.exists()


def test_a_duplicate_entity_id_is_a_form_error_not_a_500(client, cor_bob):
    make_entity("OCM-0042")
    client.force_login(cor_bob)
    response = client.post("/scoring/entities/new/", ENTITY_FORM)
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_shared_savings_entities_earn_no_reporting_credit(client, cor_bob):
    entity = make_entity(apm_type="mssp")
    assert entity.requires_mips_quality_reporting
    client.force_login(cor_bob)
    assert "no APM Quality Reporting Credit" in client.get(
        f"/scoring/entities/{entity.pk}/").content.decode()


def test_clinicians_are_added_by_tin_with_their_npis(client, cor_bob):
    entity = make_entity(npis=[])
    client.force_login(cor_bob)
    assert client.get(f"/scoring/entities/{entity.pk}/participants/").status_code == 200
    client.post(f"/scoring/entities/{entity.pk}/participants/new/",
                {"add-tin": "987654321", "add-npis": "1234567890, 1234567891\n1234567890"})
    assert sorted(entity.participants.values_list("npi", flat=True)) == ["1234567890",
                                                                         "1234567891"]
    page = client.post(f"/scoring/entities/{entity.pk}/participants/new/",
                       {"add-tin": "98765", "add-npis": "12"}).content.decode()
    assert "A TIN is nine digits." in page and "Not ten digits: 12" in page


def test_a_clinician_named_by_measure_data_cannot_be_removed(client, cor_bob):
    entity = make_entity(npis=NPIS[:2])
    add_047(entity, level="npi", tin=TIN, npi=NPIS[0])
    client.force_login(cor_bob)
    url = f"/scoring/entities/{entity.pk}/participants/remove/"
    page = client.post(url, {"remove-tin": TIN, "remove-npi": NPIS[0]}).content.decode()
    assert "delete it first" in page
    response = client.post(url, {"remove-tin": TIN, "remove-npi": NPIS[1]})
    assert response.status_code == 302
    assert list(entity.participants.values_list("npi", flat=True)) == [NPIS[0]]
    page = client.post(url, {"remove-tin": TIN, "remove-npi": "9999999999"}).content.decode()
    assert "not on the participation list" in page


def test_the_entity_page_summarises_the_list_by_tin_and_pages_the_measure_data(
        client, cor_bob):
    entity = make_entity()
    for n, npi in enumerate(NPIS[:12]):
        for mid, method in (("047", "registry"), ("236", "electronicHealthRecord"),
                            ("130", "electronicHealthRecord"), ("226", "registry"),
                            ("317", "registry")):
            add_047(entity, level="npi", tin=TIN, npi=npi, measure_id=mid,
                    submission_method=method, numerator=n)
    client.force_login(cor_bob)
    page = client.get(f"/scoring/entities/{entity.pk}/").content.decode()
    assert "20 clinicians in 1 TIN" in page
    assert "60 rows of quality measure data, page 1 of 2" in page
    assert client.get(f"/scoring/entities/{entity.pk}/?page=2").status_code == 200


def test_measure_data_is_saved_through_the_form(client, cor_bob):
    entity = make_entity()
    client.force_login(cor_bob)
    response = client.post(f"/scoring/entities/{entity.pk}/submissions/new/", SUBMISSION_FORM)
    assert response.status_code == 302
    row = QualitySubmission.objects.get(entity=entity)
    assert (row.numerator, row.denominator, row.tin, row.npi) == (120, 156, "", "")


def test_the_engine_rules_are_form_errors_on_the_right_fields(client, cor_bob):
    entity = make_entity()
    client.force_login(cor_bob)
    bad = {**SUBMISSION_FORM, "level": "npi", "tin": "111111111", "npi": "2222222222",
           "submission_method": "cmsWebInterface", "numerator": "200",
           "data_completeness": ""}
    page = client.post(f"/scoring/entities/{entity.pk}/submissions/new/", bad).content.decode()
    assert "TIN 111111111 is not on the participation list" in page
    assert "measure 047 cannot be submitted by cmsWebInterface" in page
    assert "greater than the denominator" in page
    assert not QualitySubmission.objects.exists()


def test_the_same_measure_twice_by_the_same_reporter_is_refused(client, cor_bob):
    entity = make_entity()
    add_047(entity)
    client.force_login(cor_bob)
    response = client.post(f"/scoring/entities/{entity.pk}/submissions/new/", SUBMISSION_FORM)
    assert response.status_code == 200 and "already exists" in response.content.decode()


def test_measure_data_is_edited_and_deleted(client, cor_bob):
    entity = make_entity()
    row = add_047(entity)
    client.force_login(cor_bob)
    client.post(f"/scoring/entities/{entity.pk}/submissions/{row.pk}/",
                {**SUBMISSION_FORM, "numerator": "150"})
    row.refresh_from_db()
    assert row.numerator == 150
    client.post(f"/scoring/entities/{entity.pk}/submissions/{row.pk}/delete/")
    assert not QualitySubmission.objects.exists()


def test_the_result_page_explains_each_measure_like_the_seed_tables(client, readonly_pat,
                                                                    ocm_entity):
    client.force_login(readonly_pat)
    page = client.get(f"/scoring/entities/{ocm_entity.pk}/result/").content.decode()
    assert "5.8733" in page and "falls in decile 5" in page
    assert "no 2020 benchmark for measure 458 by submission method administrativeClaims" in page
    assert "(A) Total possible measure achievement points" in page
    assert "(H) APM Quality Reporting Credit" in page and "50.0000 %" in page
    assert "Final score = [(quality × weight)" in page


def test_an_entity_whose_data_the_engine_refuses_shows_the_paths_not_a_500(client, cor_bob):
    entity = make_entity(npis=[])
    add_047(entity, level="tin", tin="555555555")
    client.force_login(cor_bob)
    response = client.get(f"/scoring/entities/{entity.pk}/result/")
    assert response.status_code == 200
    assert "submissions[0].tin" in response.content.decode()


def test_the_list_filters_by_apm_and_search(client, cor_bob):
    make_entity("OCM-0001")
    make_entity("ACO-0002", name="Granite ACO", apm_type="mssp")
    client.force_login(cor_bob)
    page = client.get("/scoring/?apm_type=mssp").content.decode()
    assert "ACO-0002" in page and "OCM-0001" not in page
    page = client.get("/scoring/?q=riverside").content.decode()
    assert "OCM-0001" in page and "ACO-0002" not in page
    assert client.get("/scoring/?apm_type=nonsense&page=abc").status_code == 200
