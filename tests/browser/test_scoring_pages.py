"""axe-core finds no violation on any scoring page: catalogue, entity list, detail and forms,
the CSV upload and its report, a run's progress, the stored and live result explanations."""

import pytest
from playwright.sync_api import expect

from qis_portal.models import Role
from scoring import demo
from scoring.models import ApmEntity, EntityScore, ScoringRun
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD, CmsFactory, user_with_role

BAD_CSV = (b"entity_id,name,apm_type,complex_patient_bonus\n"
           b"OCM-0500,Harbor Oncology,ocm,1\n"
           b"bad id,,aco,9\n")


@pytest.fixture
def scoring_data(transactional_db):
    """The scoring demo (reference, two entities, one finished run) and a CMS COR."""
    demo.seed()
    return user_with_role(Role.CMS_COR, CmsFactory(), email="bob@cms.test")


def h1(page):
    return page.get_by_role("heading", level=1)


def check(page, url, heading):
    page.goto(url)
    expect(h1(page)).to_contain_text(heading)
    assert_no_axe_violations(page)


def test_the_catalogue_and_a_measure_page_pass_axe(page, live_url, scoring_data):
    sign_in(page, live_url, scoring_data.email, PASSWORD)
    check(page, f"{live_url}/scoring/measures/", "2020 quality measure catalogue")
    page.get_by_label("High priority").select_option("yes")
    page.get_by_label("Submission method").select_option("cmsWebInterface")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("link", name="236", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    check(page, f"{live_url}/scoring/measures/047/", "Measure 047")


def test_entity_list_detail_and_every_form_pass_axe(page, live_url, scoring_data):
    sign_in(page, live_url, scoring_data.email, PASSWORD)
    ocm = ApmEntity.objects.get(entity_id="OCM-DEMO-01")
    check(page, f"{live_url}/scoring/", "APM Entities")
    check(page, f"{live_url}/scoring/entities/{ocm.pk}/", "OCM-DEMO-01")
    check(page, f"{live_url}/scoring/entities/{ocm.pk}/edit/", "Edit APM Entity")
    check(page, f"{live_url}/scoring/entities/{ocm.pk}/participants/", "Participation list")
    page.get_by_role("button", name="Remove from the participation list").click()
    expect(page.locator(".usa-error-message").first).to_be_visible()
    assert_no_axe_violations(page)
    check(page, f"{live_url}/scoring/entities/new/", "Add an APM Entity")
    page.get_by_label("APM Entity ID").fill("bad id!")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".usa-error-message").first).to_be_visible()
    assert_no_axe_violations(page)
    check(page, f"{live_url}/scoring/entities/{ocm.pk}/submissions/new/", "Add measure data")
    page.locator("label[for=id_level_0]").click()
    page.get_by_label("Quality ID").fill("047")
    page.get_by_label("Submission method").select_option("cmsWebInterface")
    page.get_by_label("Numerator").fill("200")
    page.get_by_label("Performance denominator").fill("100")
    page.get_by_role("button", name="Save measure data").click()
    # The error summary links to the field; the field carries the message itself.
    expect(page.get_by_role("link", name="Numerator: greater than the denominator")).to_be_visible()
    expect(page.get_by_text("greater than the denominator", exact=True)).to_be_visible()
    assert_no_axe_violations(page)


def test_an_upload_with_bad_rows_and_its_report_pass_axe(page, live_url, scoring_data):
    sign_in(page, live_url, scoring_data.email, PASSWORD)
    check(page, f"{live_url}/scoring/uploads/", "Upload scoring data")
    page.locator("label[for=id_kind_0]").click()
    page.set_input_files("#id_file", files=[{"name": "entities.csv", "mimeType": "text/csv",
                                             "buffer": BAD_CSV}])
    page.get_by_role("button", name="Check and import").click()
    expect(h1(page)).to_contain_text("Upload report: entities.csv")
    expect(page.get_by_role("cell", name="duplicates row").or_(
        page.get_by_role("cell", name="required")).first).to_be_visible()
    assert not ApmEntity.objects.filter(entity_id="OCM-0500").exists()
    assert_no_axe_violations(page)


def test_a_runs_progress_page_passes_axe_while_queued_and_when_finished(page, live_url,
                                                                        scoring_data):
    sign_in(page, live_url, scoring_data.email, PASSWORD)
    finished = ScoringRun.objects.get()
    check(page, f"{live_url}/scoring/runs/", "Scoring runs")
    check(page, f"{live_url}/scoring/runs/{finished.pk}/", f"Scoring run #{finished.pk}")
    expect(page.locator("#run-progress [role=status]")).to_contain_text(
        "Finished: 2 of 2 entities (100 %)")
    page.goto(f"{live_url}/scoring/runs/")
    page.get_by_role("button", name="Start a scoring run").click()
    expect(page.locator("#run-progress")).to_have_attribute("hx-trigger", "every 2s")
    expect(page.locator("#run-progress [role=status]")).to_contain_text(
        "Queued: 0 of 2 entities")
    assert_no_axe_violations(page)


def test_the_results_list_and_both_explanations_pass_axe(page, live_url, scoring_data):
    sign_in(page, live_url, scoring_data.email, PASSWORD)
    check(page, f"{live_url}/scoring/scores/", "Scores")
    for entity_id in ("OCM-DEMO-01", "CPC-DEMO-02"):
        score = EntityScore.objects.get(entity__entity_id=entity_id)
        check(page, f"{live_url}/scoring/scores/{score.pk}/", f"Stored result for {entity_id}")
        check(page, f"{live_url}/scoring/entities/{score.entity_id}/result/",
              f"Result for {entity_id}")
    expect(page.get_by_role("heading", name="Clinician roll-up (seed Figures 2a-2e)")
           ).to_be_visible()
    page.locator("button[aria-controls=unit-1]").click()  # open one reporting unit
    expect(page.locator("#unit-1 table").first).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"{live_url}/")
    expect(page.get_by_role("heading", name="MIPS APM quality scoring")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_new_contract_inputs_on_the_forms_and_entity_page_pass_axe(page, live_url,
                                                                       scoring_data):
    """Summary survey measures, the CMS improvement score and the 2019 identifier: their
    field errors and the entity page that shows them (issue 14)."""
    sign_in(page, live_url, scoring_data.email, PASSWORD)
    ocm = ApmEntity.objects.get(entity_id="OCM-DEMO-01")
    check(page, f"{live_url}/scoring/entities/{ocm.pk}/submissions/new/", "Add measure data")
    page.locator("label[for=id_level_0]").click()
    page.get_by_label("Quality ID").fill("321")
    page.get_by_label("Submission method").select_option("certifiedSurveyVendor")
    page.get_by_label("Summary survey measure scores").fill("CAHPS_1=900")
    page.get_by_role("button", name="Save measure data").click()
    expect(page.get_by_text("Enter a score of CAHPS_1 between 0 and 100.", exact=True)
           ).to_be_visible()
    assert_no_axe_violations(page)
    check(page, f"{live_url}/scoring/entities/{ocm.pk}/edit/", "Edit APM Entity")
    page.get_by_label("Improvement score provided by CMS (percentage points)").fill("4")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Give either the improvement score CMS provides",
                            exact=False).first).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("2019 quality achievement percent").fill("")
    page.get_by_label("Identifier that submitted in 2019").fill("OLD-TIN-1")
    page.get_by_label("Improvement score provided by CMS (percentage points)").fill("")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("not this entity: the clinicians' 2019 scores are averaged",
                            exact=False)).to_be_visible()
    assert_no_axe_violations(page)
