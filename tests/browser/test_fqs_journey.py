"""One FQS referral from request to close-out and survey, through the browser, by each role in
turn; axe-core checks every FQS page on the way."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fqs.models import Activation, FqsRequest, Referral, SprintRequest, Survey
from qio_program.models import MedicareStatus, Provider, ProviderSetting
from qis_portal.demo import DEMO_PASSWORD, seed_organizations, seed_users
from qis_portal.models import Organization
from tests.browser.conftest import assert_no_axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

CERTIFICATE = {"name": "maple-grove-certification.pdf", "mimeType": "application/pdf",
               "buffer": b"%PDF-1.4\n% Medicare certification\n%%EOF\n"}


@pytest.fixture
def demo(transactional_db):
    seed_users(seed_organizations())
    return Provider.objects.create(
        name="Maple Grove Nursing and Rehabilitation", setting=ProviderSetting.NURSING_HOME,
        ccn="205123", state="ME", region="northeast", on_spl=False,
        medicare_status=MedicareStatus.ACTIVE,
        organization=Organization.objects.get(name="Maple Grove Nursing and Rehabilitation"))


def as_user(page, base: str, email: str) -> None:
    page.context.clear_cookies()
    sign_in(page, base, email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="My Home", level=1)).to_be_visible()
    assert_no_axe_violations(page)  # My Home with the FQS panels of this role


def visit(page, url: str, heading) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    assert_no_axe_violations(page)


def pick(scope, label: str) -> None:
    """USWDS radios and checkboxes hide the input; a person clicks the label."""
    scope.locator("label", has_text=re.compile(f"^{re.escape(label)}$")).click()


def submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("networkidle")


def test_one_referral_from_request_to_closeout_and_survey(page, live_server, demo):
    base = live_server.url

    # Anyone with a login submits the request.
    as_user(page, base, "issuer@sunrise.demo")
    visit(page, f"{base}/fqs/", "Focused QIO Service (FQS)")
    visit(page, f"{base}/fqs/requests/new/", "Submit an FQS request")
    pick(page, "Acute emergency (e.g. drug shortage, loss of staff)")
    page.get_by_label("Facility from the General Directory").select_option(label=demo.name)
    page.get_by_label("Describe the urgent need").fill("Heparin shortage for two weeks.")
    submit(page, "Submit request")
    req = FqsRequest.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"FQS request #{req.pk}")
    assert_no_axe_violations(page)
    visit(page, f"{base}/fqs/requests/", "FQS requests")

    # The CMS Intake Reviewer reviews, sees the SPL check, and approves.
    as_user(page, base, "intake@cms.demo")
    visit(page, f"{base}/fqs/requests/{req.pk}/", re.compile(r"FQS request #\d+"))
    expect(page.get_by_text("FQS Activation", exact=True)).to_be_visible()
    visit(page, f"{base}/fqs/requests/{req.pk}/intake/", re.compile("Intake review"))
    page.get_by_label("Related aims").fill("Patient safety")
    page.get_by_label("Description of work").fill("Bridge the heparin supply.")
    pick(page.get_by_role("group", name=re.compile("CORs to route to")), "Bob Cor")
    submit(page, "Save intake details")
    expect(page.get_by_text("Intake details saved.")).to_be_visible()
    page.locator("#id_body").fill("Called the pharmacy.")
    submit(page, "Add note")
    # Off the SPL: intake records the Medicare certification check before approving.
    submit(page, "Approve request")
    expect(page.get_by_text("Medicare certification is not verified")).to_be_visible()
    page.get_by_label("Where the Medicare certification was verified").fill("CMS POS file")
    page.get_by_label("Date verified").fill(timezone.localdate().isoformat())
    page.set_input_files("#id_document", files=[CERTIFICATE])
    submit(page, "Record the verification")
    expect(page.get_by_role("link", name="maple-grove-certification.pdf")).to_be_visible()
    assert_no_axe_violations(page)
    submit(page, "Approve request")
    expect(page.get_by_text("Request approved.")).to_be_visible()
    activation = Activation.objects.get(request=req)

    # The CMS FQS Reviewer prepares the activation and submits it to the COR.
    as_user(page, base, "fqs.reviewer@cms.demo")
    visit(page, f"{base}/fqs/activations/", "FQS activations")
    visit(page, f"{base}/fqs/activations/{activation.pk}/edit/", re.compile("Edit FQS"))
    page.get_by_label("Focus area").fill("Drug shortage")
    pick(page.get_by_role("group", name=re.compile("on-site")), "Yes")
    pick(page, "15-day sprint")
    page.get_by_label("Quality issue").fill("Anticoagulation interrupted.")
    page.get_by_label("Inclusion criteria").fill("Residents on heparin.")
    page.get_by_label("Evaluation (close-out) metrics").fill("Missed doses per week.")
    page.get_by_label("Reporting requirements").fill("Weekly to the COR.")
    submit(page, "Save activation")
    assert_no_axe_violations(page)
    page.get_by_label("Baseline metric").fill("Missed doses per week")
    page.get_by_label("Baseline value").fill("14")
    submit(page, "Add provider")
    expect(page.get_by_text("Provider added.")).to_be_visible()
    submit(page, "Submit for final approval")
    expect(page.get_by_text("Submitted to the COR")).to_be_visible()

    # The COR gives final approval: one referral lands in the Northeast QIO's queue.
    as_user(page, base, "cor@cms.demo")
    expect(page.get_by_role("heading", name="FQS activations pending approval")).to_be_visible()
    visit(page, f"{base}/fqs/activations/{activation.pk}/", re.compile("FQS activation #"))
    submit(page, "Approve and deploy")
    expect(page.get_by_text("Activation approved and deployed to the QIO.")).to_be_visible()
    assert_no_axe_violations(page)
    referral = Referral.objects.get(activation=activation)

    # The QIO manager assigns an associate.
    as_user(page, base, "manager@northeast.demo")
    visit(page, f"{base}/fqs/referrals/", "FQS referrals")
    visit(page, f"{base}/fqs/referrals/{referral.pk}/", re.compile("FQS referral #"))
    page.get_by_label("Associate").select_option(label="Ann Associate")
    submit(page, "Assign")
    expect(page.get_by_text("Referral assigned.")).to_be_visible()

    # The associate launches, works initiation, QAP and execution, and asks to close early.
    as_user(page, base, "associate@northeast.demo")
    expect(page.get_by_role("heading", name="My FQS referrals")).to_be_visible()
    visit(page, f"{base}/fqs/referrals/{referral.pk}/", re.compile("FQS referral #"))
    submit(page, "Launch the FQS")
    expect(page.get_by_text("the sprint has started")).to_be_visible()
    expect(page.get_by_text("15", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Date the provider agreed to engage").fill("2020-01-01")
    page.get_by_label("Root causes (RCA)").fill("Single supplier.")
    page.get_by_label("Plans of action").fill("Second supplier; dose tracking.")
    submit(page, "Save and complete initiation")
    expect(page.get_by_text("Initiation complete")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Planned interventions").fill("Daily dose audit.")
    page.get_by_label("Sustainability plan").fill("Pharmacy contract with two suppliers.")
    page.get_by_label("Date the provider agreed to the QAP").fill("2020-01-02")
    submit(page, "Save and record the provider's agreement")
    expect(page.get_by_text("QAP agreed")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Date performed").fill("2020-01-03")
    page.locator("#id_description").fill("Dose audit with the DON.")
    submit(page, "Record intervention")
    page.get_by_label("Measurement date").fill("2020-01-04")
    page.get_by_label("Measured value").fill("2")
    submit(page, "Record outcome")
    expect(page.get_by_role("cell", name="-12", exact=True)).to_be_visible()
    page.get_by_role("link", name="Request early close-out").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Request for FQS referral")
    assert_no_axe_violations(page)
    pick(page, "Close-out requirements met before the end of the sprint")
    page.get_by_label("Justification").fill("Missed doses down from 14 to 2.")
    submit(page, "Submit to the COR")
    expect(page.get_by_text("Request submitted to the COR.")).to_be_visible()
    assert SprintRequest.objects.get().kind == "closeout"

    # The COR approves the close-out; the provider survey goes out.
    as_user(page, base, "cor@cms.demo")
    visit(page, f"{base}/fqs/", "Focused QIO Service (FQS)")
    visit(page, f"{base}/fqs/referrals/{referral.pk}/", re.compile("FQS referral #"))
    page.get_by_role("button", name="Approve Early close-out").click()
    expect(page.get_by_text("Early close-out approved.")).to_be_visible()
    assert_no_axe_violations(page)
    survey = Survey.objects.get(referral=referral)

    # The provider answers the survey in the portal.
    as_user(page, base, "provider@maplegrove.demo")
    visit(page, f"{base}/fqs/surveys/{survey.token}/", "Focused QIO Service feedback survey")
    pick(page, "5 – Very satisfied")
    pick(page.get_by_role("group", name="Was the urgent issue resolved?"), "Yes")
    pick(page.get_by_role("group", name=re.compile("recommend")), "Yes")
    page.get_by_label("Comments (optional)").fill("Fast and practical help.")
    submit(page, "Send answers")
    expect(page.get_by_role("heading", name="Thank you", level=1)).to_be_visible()
    assert_no_axe_violations(page)

    # Only the COR (and CMS read-only) read the answers.
    as_user(page, base, "readonly@cms.demo")
    visit(page, f"{base}/fqs/survey-responses/", "FQS provider feedback survey responses")
    page.get_by_role("link", name=re.compile(r"^#\d+$")).first.click()
    expect(page.get_by_text("Fast and practical help.")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_provider_creation_page_and_hold_request_are_accessible(page, live_server, demo):
    """The remaining FQS pages: creating a facility missing from the directory, and a hold."""
    from decimal import Decimal

    from fqs import services
    from qis_portal.models import User
    from tests.fqs.conftest import certificate

    users = {u.email: u for u in User.objects.all()}
    req = services.fqs_request_create(actor=users["issuer@sunrise.demo"],
                                      source="provider_request", facility_name="Lakeside Home",
                                      facility_ccn="105678", description="Pending termination")
    services.fqs_request_update(fqs_request=req, actor=users["intake@cms.demo"],
                                data={"work_description": "Stabilise"})
    services.fqs_request_verify_medicare(
        fqs_request=req, actor=users["intake@cms.demo"], source="CMS POS file",
        verified_on=timezone.localdate(), document=certificate())
    services.fqs_request_approve(fqs_request=req, actor=users["intake@cms.demo"])
    activation = Activation.objects.get(request=req)
    fay = users["fqs.reviewer@cms.demo"]
    services.activation_update(activation=activation, actor=fay, data={
        "focus_area": "Termination", "onsite_required": False, "sprint_days": 30,
        "quality_issue": "q", "inclusion_criteria": "i", "closeout_metrics": "c",
        "reporting_requirements": "r"})
    services.activation_provider_add(activation=activation, actor=fay,
                                      facility_name="Lakeside Home", facility_ccn="105678",
                                      region="northeast", baseline_metric="Deficiencies",
                                      baseline_value=Decimal("9"))
    services.activation_submit(activation=activation, actor=fay)
    services.activation_approve(activation=activation, actor=users["cor@cms.demo"])
    referral = services.referral_assign(
        referral=Referral.objects.get(activation=activation),
        actor=users["manager@northeast.demo"], assignee=users["associate@northeast.demo"])

    base = live_server.url
    as_user(page, base, "associate@northeast.demo")
    visit(page, f"{base}/fqs/referrals/{referral.pk}/provider/",
          re.compile("Create the provider"))
    submit(page, "Create provider")
    expect(page.locator(".usa-error-message").first).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Setting").select_option(label="Nursing home")
    page.get_by_label("State (two letters)").fill("ME")
    page.get_by_label("Where the Medicare certification was verified").fill("CMS POS file")
    page.get_by_label("Date verified").fill(timezone.localdate().isoformat())
    page.set_input_files("#id_document", files=[CERTIFICATE])
    pick(page, "I verified that this facility holds an active Medicare certification.")
    submit(page, "Create provider")
    expect(page.get_by_text("Provider created in the directory")).to_be_visible()
    submit(page, "Launch the FQS")
    visit(page, f"{base}/fqs/referrals/{referral.pk}/requests/new/?kind=hold",
          re.compile("Request for FQS referral"))
    page.get_by_label("Justification").fill("Administrator out for a week.")
    submit(page, "Submit to the COR")
    expect(page.get_by_text("Request submitted to the COR.")).to_be_visible()
    as_user(page, base, "intake@cms.demo")
    expect(page.get_by_role("heading", name="FQS intake queue")).to_be_visible()
    assert_no_axe_violations(page)
