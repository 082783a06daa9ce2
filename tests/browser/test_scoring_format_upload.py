"""axe-core finds no violation on the QPP JSON / QRDA III upload page, with its form errors,
and on the report of a rejected file (each problem by its element path)."""

import pytest
from playwright.sync_api import expect

from qis_portal.models import Role
from scoring import demo
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD, CmsFactory, user_with_role
from tests.scoring.format_files import m047, qpp_submission


@pytest.fixture
def cor(transactional_db):
    demo.seed()
    return user_with_role(Role.CMS_COR, CmsFactory(), email="bob@cms.test")


def test_the_format_upload_page_and_a_rejected_file_s_report_pass_axe(page, live_url, cor):
    sign_in(page, live_url, cor.email, PASSWORD)
    page.goto(f"{live_url}/scoring/uploads/formats/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("QPP JSON or QRDA III")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Check and import").click()
    expect(page.locator(".usa-error-message").first).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("label[for=id_format_0]").click()
    page.get_by_label("APM Entity ID").fill("OCM-DEMO-01")
    data = qpp_submission(entity_id="OCM-DEMO-01", measurements=[m047(performanceMet=-3)])
    page.set_input_files("#id_file", files=[{"name": "submission.json",
                                             "mimeType": "application/json", "buffer": data}])
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Upload report: submission")
    expect(page.get_by_role("cell", name="measurementSets[1].measurements[0].value."
                                          "performanceMet")).to_be_visible()
    assert_no_axe_violations(page)
