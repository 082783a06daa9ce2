"""What a COR stores is everything the engine contract takes (issue 14, item 2 of the
contract): the improvement score CMS provides, the 2019 identifier and the individuals' 2019
scores (§4.2.4's fallbacks), CAHPS for MIPS summary measure scores, Web Interface sample
counts, and CMS-calculated case counts; through the form, the CSV upload, the API, the live
score and the national run alike."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from scoring.choices import ApmType, Level
from scoring.models import (
    ApmEntity,
    EntityScore,
    Participant,
    QualitySubmission,
    ScoringRun,
)
from scoring.services.contract import entity_evaluate
from scoring.services.csv_import import upload_import
from scoring.services.runs import scoring_run_execute
from tests.scoring.conftest import NPIS, TIN, add_047, make_entity

pytestmark = pytest.mark.django_db

THIRTY = [f"{1000000000 + n}" for n in range(30)]
SCORED_WI = ("318", "110", "226", "113", "112", "001", "236")
FIVE_SUMMARIES = "CAHPS_1=90; CAHPS_2=90; CAHPS_3=90; CAHPS_5=90"


def table_3_entity(**fields):
    """Table 3's hypothetical ACO: 5.4 points on each scored Web Interface measure, CAHPS for
    ACOs 5.4 points from CMS, 30 clinicians (Web Interface is for 25 or more)."""
    entity = make_entity("ACO-0003", npis=THIRTY, apm_type=ApmType.MSSP,
                         prior_year_quality_achievement_percent=None, **fields)
    rows = [QualitySubmission(entity=entity, level=Level.ENTITY, measure_id=m,
                              submission_method="cmsWebInterface",
                              performance_rate=56 if m == "001" else 44,
                              eligible_population=400, data_completeness=100, end_to_end=True)
            for m in SCORED_WI]
    rows += [QualitySubmission(entity=entity, level=Level.ENTITY, measure_id=m,
                               submission_method="cmsWebInterface", performance_rate=60,
                               eligible_population=400, data_completeness=100, end_to_end=True)
             for m in ("370", "438", "134")]
    rows.append(QualitySubmission(entity=entity, level=Level.ENTITY, measure_id="ACO321",
                                  submission_method="certifiedSurveyVendor",
                                  external_points=Decimal("5.4"), eligible_population=300))
    QualitySubmission.objects.bulk_create(rows)
    return entity


def test_a_stored_cms_improvement_score_reaches_the_engine_table_3_hypothetical_76_5():
    out = entity_evaluate(table_3_entity(improvement_score=10))
    quality = out["quality"]
    assert quality["achievement_score"] == 66.5  # Table 3 (F)
    assert quality["improvement"]["score"] == 10.0  # (G): "Assumes the maximum ... of 10%"
    assert "as provided by CMS" in quality["improvement"]["sentence"]
    assert quality["percent_score"] == 76.5  # (I)


def test_without_the_stored_improvement_score_table_3_has_none():
    quality = entity_evaluate(table_3_entity())["quality"]
    assert not quality["improvement"]["applied"] and quality["percent_score"] == 66.5


def test_a_new_2019_identifier_averages_the_clinicians_stored_2019_scores_40_50_60():
    # §4.2.4: "If the identifier is not the same ... the average of the ... achievement
    # percent scores ... for each of the individuals in the APM Entity": (40 + 50 + 60) / 3.
    entity = make_entity(prior_year_identifier="OLD-TIN-1",
                         prior_year_quality_achievement_percent=90)
    add_047(entity)
    for npi, percent in zip(NPIS[:3], (40, 50, 60), strict=True):
        Participant.objects.filter(entity=entity, npi=npi).update(
            prior_year_achievement_percent=percent)
    imp = entity_evaluate(entity)["quality"]["improvement"]
    assert imp["applied"] and imp["prior_achievement_percent"] == 50.0
    assert "OLD-TIN-1 is not OCM-0001" in imp["sentence"]
    assert "average of 3 individuals' prior-year scores" in imp["sentence"]


def test_the_same_identifier_keeps_its_own_2019_score_not_the_clinicians_average():
    entity = make_entity(prior_year_quality_achievement_percent=40)
    add_047(entity)
    Participant.objects.filter(entity=entity, npi=NPIS[0]).update(
        prior_year_achievement_percent=90)
    imp = entity_evaluate(entity)["quality"]["improvement"]
    assert imp["prior_achievement_percent"] == 40.0 and "same identifier" in imp["sentence"]


def test_the_improvement_score_and_the_2019_scores_are_refused_together_by_field():
    entity = make_entity(improvement_score=4)  # make_entity also stores a 2019 percent of 40
    with pytest.raises(ValidationError) as err:
        entity.full_clean()
    assert "improvement_score" in err.value.message_dict


def test_the_national_run_passes_every_new_input_as_the_live_score_does(cor_bob):
    aco = table_3_entity(improvement_score=10)
    moved = make_entity("OCM-0002", prior_year_identifier="OLD-TIN-1")
    add_047(moved)
    Participant.objects.filter(entity=moved, npi=NPIS[0]).update(
        prior_year_achievement_percent=50)
    run = scoring_run_execute(run_id=ScoringRun.objects.create(total=2, created_by=cor_bob).pk)
    stored = {s.entity_id: s.output for s in EntityScore.objects.filter(run=run)}
    assert stored[aco.pk] == entity_evaluate(aco)
    assert stored[aco.pk]["quality"]["percent_score"] == 76.5
    assert stored[moved.pk] == entity_evaluate(moved)
    assert stored[moved.pk]["quality"]["improvement"]["prior_achievement_percent"] == 50.0


def test_cahps_summary_measures_and_web_interface_counts_are_stored_and_scored():
    entity = make_entity("OCM-0004", npis=THIRTY, prior_year_quality_achievement_percent=None)
    add_047(entity)
    QualitySubmission.objects.create(
        entity=entity, level=Level.ENTITY, measure_id="321",
        submission_method="certifiedSurveyVendor", eligible_population=300,
        summary_measures=[{"measure_id": f"CAHPS_{n}", "performance_rate": 90}
                          for n in (1, 2, 3, 5)])
    unit = entity_evaluate(entity)["quality"]["units"][0]
    survey = [m for m in unit["measures"] if m["submission_method"] == "certifiedSurveyVendor"]
    # §4.3.3: "The CAHPS for MIPS measure, if submitted, will be considered as one of the six
    # required measures": one row, with its summary measures in the reason.
    assert [m["measure_id"] for m in survey] == ["321"] and survey[0]["counted"]
    assert "CAHPS_1 90: decile" in survey[0]["reason"]
    assert unit["available_points"] == 60


def csv_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("data.csv", text.encode("utf-8"), content_type="text/csv")


def test_the_entities_csv_takes_the_improvement_score_and_the_2019_identifier(cor_bob):
    text = ("entity_id,name,apm_type,improvement_activities_score,"
            "promoting_interoperability_score,improvement_score,prior_year_identifier\n"
            "ACO-0003,Granite ACO,mssp,100,80,10,\n"
            "OCM-0005,Riverside,ocm,100,80,,OLD-TIN-1\n")
    record = upload_import(actor=cor_bob, kind="entities", upload=csv_file(text))
    assert record.status == "accepted", record.errors
    assert ApmEntity.objects.get(entity_id="ACO-0003").improvement_score == 10
    assert ApmEntity.objects.get(entity_id="OCM-0005").prior_year_identifier == "OLD-TIN-1"


def test_bad_new_entity_cells_import_nothing_and_every_bad_row_is_listed(cor_bob):
    text = ("entity_id,name,apm_type,improvement_activities_score,"
            "promoting_interoperability_score,improvement_score,"
            "prior_year_quality_achievement_percent\n"
            "ACO-0003,Granite ACO,mssp,100,80,11,\n"
            "OCM-0005,Riverside,ocm,100,80,4,40\n"
            "OCM-0006,Lakeside,ocm,100,80,,40\n")
    record = upload_import(actor=cor_bob, kind="entities", upload=csv_file(text))
    assert record.status == "rejected" and not ApmEntity.objects.exists()
    rules = {(e["row"], e["column"]): e["rule"] for e in record.errors}
    assert set(rules) == {(2, "improvement_score"), (3, "improvement_score")}
    assert rules[(2, "improvement_score")] == "must be between 0 and 10"
    assert "not both" in rules[(3, "improvement_score")]


def test_the_participants_csv_sets_the_2019_percents_and_lists_bad_ones(cor_bob):
    entity = make_entity(npis=NPIS[:1])
    good = (f"entity_id,tin,npi,prior_year_achievement_percent\n"
            f"OCM-0001,{TIN},{NPIS[0]},45.5\nOCM-0001,{TIN},{NPIS[1]},\n")
    record = upload_import(actor=cor_bob, kind="participants", upload=csv_file(good))
    assert (record.status, record.created_count, record.updated_count) == ("accepted", 1, 1)
    assert dict(entity.participants.values_list("npi", "prior_year_achievement_percent")) == {
        NPIS[0]: Decimal("45.5"), NPIS[1]: None}
    bad = (f"entity_id,tin,npi,prior_year_achievement_percent\n"
           f"OCM-0001,{TIN},{NPIS[2]},101\nOCM-0001,{TIN},{NPIS[3]},50\n"
           f"OCM-0001,{TIN},{NPIS[4]},-1\n")
    record = upload_import(actor=cor_bob, kind="participants", upload=csv_file(bad))
    assert record.status == "rejected" and entity.participants.count() == 2
    assert {(e["row"], e["column"]) for e in record.errors} == {
        (2, "prior_year_achievement_percent"), (4, "prior_year_achievement_percent")}


SUBMISSIONS = "entity_id,level,measure_id,submission_method,eligible_population,summary_measures\n"


def test_the_submissions_csv_takes_cahps_summary_measures(cor_bob):
    entity = make_entity("OCM-0004", npis=THIRTY)
    record = upload_import(actor=cor_bob, kind="submissions", upload=csv_file(
        SUBMISSIONS + f"OCM-0004,entity,321,certifiedSurveyVendor,300,{FIVE_SUMMARIES}\n"))
    assert record.status == "accepted", record.errors
    row = QualitySubmission.objects.get(entity=entity)
    assert row.summary_measures[0] == {"measure_id": "CAHPS_1", "performance_rate": 90}
    assert len(row.summary_measures) == 4


def test_bad_summary_measures_and_missing_case_counts_import_nothing_listed_by_row(cor_bob):
    make_entity("OCM-0004", npis=THIRTY)
    text = SUBMISSIONS + ("OCM-0004,entity,321,certifiedSurveyVendor,300,CAHPS_ACO_1=90\n"
                          "OCM-0004,entity,ACO321,certifiedSurveyVendor,300,CAHPS_2=190\n"
                          "OCM-0004,entity,321,certifiedSurveyVendor,,CAHPS_1=80\n"
                          "OCM-0004,entity,458,administrativeClaims,,CAHPS 1 is 80\n")
    record = upload_import(actor=cor_bob, kind="submissions", upload=csv_file(text))
    assert record.status == "rejected" and not QualitySubmission.objects.exists()
    found = {(e["row"], e["column"]) for e in record.errors}
    assert {(2, "summary_measures"), (3, "summary_measures"), (4, "eligible_population"),
            (5, "summary_measures")} <= found
    rules = {(e["row"], e["column"]): e["rule"] for e in record.errors}
    assert rules[(2, "summary_measures")] == "CAHPS_ACO_1 is not a summary survey measure of 321"
    assert rules[(3, "summary_measures")] == "must be a score of CAHPS_2 between 0 and 100"


def test_web_interface_sample_counts_stand_in_for_data_completeness(cor_bob):
    entity = make_entity("ACO-0007", npis=THIRTY, apm_type=ApmType.MSSP)
    text = ("entity_id,level,measure_id,submission_method,performance_rate,"
            "eligible_population,wi_reported_beneficiaries,wi_sample_size\n"
            "ACO-0007,entity,110,cmsWebInterface,44,400,248,400\n")
    record = upload_import(actor=cor_bob, kind="submissions", upload=csv_file(text))
    assert record.status == "accepted", record.errors
    row = QualitySubmission.objects.get(entity=entity)
    assert (row.wi_reported_beneficiaries, row.wi_sample_size, row.data_completeness) == (
        248, 400, None)
    measure = next(m for m in entity_evaluate(entity)["quality"]["units"][0]["measures"]
                   if m["measure_id"] == "110")
    assert measure["data_completeness_met"] is True  # 248 of min(248, 400): 100 %


SUBMISSION_FORM = {"level": "entity", "tin": "", "npi": "", "measure_id": "321",
                   "submission_method": "certifiedSurveyVendor", "numerator": "",
                   "denominator": "", "performance_rate": "", "eligible_population": "300",
                   "data_completeness": "", "external_points": "",
                   "summary_measures": "CAHPS_1=90\nCAHPS_2: 85.5"}


def test_the_measure_form_takes_summary_measures_one_per_line(client, cor_bob):
    entity = make_entity("OCM-0004", npis=THIRTY)
    client.force_login(cor_bob)
    url = f"/scoring/entities/{entity.pk}/submissions/new/"
    assert client.post(url, SUBMISSION_FORM).status_code == 302
    row = QualitySubmission.objects.get(entity=entity)
    assert row.summary_measures == [{"measure_id": "CAHPS_1", "performance_rate": 90},
                                    {"measure_id": "CAHPS_2", "performance_rate": 85.5}]
    edit = client.get(f"/scoring/entities/{entity.pk}/submissions/{row.pk}/").content.decode()
    assert "CAHPS_1=90\nCAHPS_2=85.5" in edit


def test_the_measure_form_names_the_summary_field_and_its_rule(client, cor_bob):
    entity = make_entity("OCM-0004", npis=THIRTY)
    client.force_login(cor_bob)
    url = f"/scoring/entities/{entity.pk}/submissions/new/"
    page = client.post(url, {**SUBMISSION_FORM, "summary_measures": "CAHPS_1=900"}
                       ).content.decode()
    assert "Enter a score of CAHPS_1 between 0 and 100." in page
    page = client.post(url, {**SUBMISSION_FORM, "measure_id": "047",
                             "submission_method": "registry", "numerator": "1",
                             "denominator": "2", "data_completeness": "80"}).content.decode()
    assert "only for the CAHPS surveys 321 and ACO321" in page
    assert not QualitySubmission.objects.exists()


def test_the_entity_form_takes_the_improvement_score_and_2019_identifier(client, cor_bob):
    client.force_login(cor_bob)
    form = {"entity_id": "OCM-0042", "name": "Lakeside Oncology", "apm_type": "ocm",
            "clinician_count": "", "small_practice": "", "complex_patient_bonus": "0",
            "improvement_activities_score": "100", "promoting_interoperability_score": "",
            "prior_year_quality_achievement_percent": "40", "prior_year_identifier": "",
            "improvement_score": "4", "organization": ""}
    page = client.post("/scoring/entities/new/", form).content.decode()
    assert "Give either the improvement score CMS provides" in page
    assert not ApmEntity.objects.exists()
    response = client.post("/scoring/entities/new/",
                           {**form, "prior_year_quality_achievement_percent": ""})
    assert response.status_code == 302
    assert ApmEntity.objects.get().improvement_score == 4


def test_the_participants_form_sets_a_2019_percent_on_new_and_listed_clinicians(client,
                                                                                cor_bob):
    entity = make_entity(npis=NPIS[:1])
    client.force_login(cor_bob)
    client.post(f"/scoring/entities/{entity.pk}/participants/new/",
                {"add-tin": TIN, "add-npis": f"{NPIS[0]}\n{NPIS[1]}",
                 "add-prior_year_achievement_percent": "62.5"})
    assert set(entity.participants.values_list("prior_year_achievement_percent",
                                               flat=True)) == {Decimal("62.5")}
    page = client.get(f"/scoring/entities/{entity.pk}/").content.decode()
    assert f"{NPIS[1]} (2019: 62.5000 %)" in page


def test_the_api_takes_and_returns_every_new_input(api_client, api_alice):
    api_client.force_authenticate(api_alice)
    created = api_client.post("/api/scoring/entities/", {
        "entity_id": "OCM-0100", "name": "Sunrise Oncology", "apm_type": "ocm",
        "improvement_activities_score": "100", "promoting_interoperability_score": None,
        "prior_year_identifier": "OLD-TIN-1"}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["prior_year_identifier"] == "OLD-TIN-1"
    entity = ApmEntity.objects.get(entity_id="OCM-0100")
    added = api_client.post("/api/scoring/participants/", {
        "entity": entity.pk, "tin": TIN, "npis": THIRTY,
        "prior_year_achievement_percent": 50}, format="json")
    assert added.status_code == 201
    assert added.json()[0]["prior_year_achievement_percent"] == "50.0000"
    pushed = api_client.post("/api/scoring/submissions/", {
        "entity": entity.pk, "level": "tin", "tin": TIN, "measure_id": "321",
        "submission_method": "certifiedSurveyVendor", "eligible_population": 300,
        "summary_measures": [{"measure_id": "CAHPS_1", "performance_rate": 90}]},
        format="json")
    assert pushed.status_code == 201, pushed.json()
    assert pushed.json()["summary_measures"] == [{"measure_id": "CAHPS_1",
                                                  "performance_rate": "90.0000"}]
    score = api_client.get(f"/api/scoring/entities/{entity.pk}/score/").json()
    assert score["quality"]["improvement"]["prior_achievement_percent"] == 50.0
    bad = api_client.post("/api/scoring/submissions/", {
        "entity": entity.pk, "level": "tin", "tin": TIN, "measure_id": "321",
        "submission_method": "certifiedSurveyVendor",
        "summary_measures": [{"measure_id": "CAHPS_ACO_1", "performance_rate": 90}]},
        format="json")
    assert bad.status_code == 400
    fields = bad.json()["fields"] if "fields" in bad.json() else bad.json()
    assert "summary_measures" in str(fields) and "eligible_population" in str(fields)
