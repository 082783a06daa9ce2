"""A new Northeast QIO associate attests the training module, the region's Security Officer
sees the attestation and approves, and the associate logs an interaction (issue 15 item 2)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from qio_program.models import Interaction
from qis_portal.models import Role, TrainingModule
from qis_portal.regions import Region
from qis_portal.services.accounts import role_assignment_request
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD, CmsFactory, QioFactory, UserFactory, user_with_role
from tests.qio_program.factories import ProviderFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_associate_attests_training_is_approved_and_logs_an_interaction(page, live_url):
    qio = QioFactory(name="Northeast QIN-QIO", region=Region.NORTHEAST)
    officer = user_with_role(Role.SECURITY_OFFICER, CmsFactory(), region=Region.NORTHEAST,
                             email="so.northeast@cms.test")
    nora = UserFactory(organization=qio, email="nora@northeast.test")
    role_assignment_request(user=nora, role=Role.QIO_ASSOCIATE)
    TrainingModule.objects.create(role=Role.QIO_ASSOCIATE, title="CQP basics for QIO associates",
                                  url="https://cqp-training.example/qio")
    provider = ProviderFactory(name="Maple Grove Nursing")
    today = timezone.localdate()

    sign_in(page, live_url, nora.email, PASSWORD)
    page.goto(f"{live_url}/accounts/training/")
    expect(page.get_by_role("cell", name="Not yet attested")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("#id_completed_on").fill(today.isoformat())
    page.get_by_role("button", name="Attest completion").click()
    expect(page.locator(".usa-alert--success")).to_contain_text("Attested")
    page.context.clear_cookies()

    sign_in(page, live_url, officer.email, PASSWORD)
    page.goto(f"{live_url}/accounts/assignments/")
    row = page.get_by_role("row").filter(has_text=nora.email)
    expect(row).to_contain_text(f"CQP basics for QIO associates v1, completed {today:%Y-%m-%d}")
    assert_no_axe_violations(page)
    row.get_by_role("button", name=re.compile("^Approve")).click()
    expect(page.locator(".usa-alert--success")).to_contain_text("approved")
    page.context.clear_cookies()

    sign_in(page, live_url, nora.email, PASSWORD)
    page.goto(f"{live_url}/qio/interactions/new/?provider={provider.pk}")
    page.get_by_label("Date").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("Audience type").select_option("clinical_staff")
    page.get_by_label("Mode").select_option("on_site")
    page.get_by_label(re.compile(r"^Category")).select_option("education")
    page.get_by_label("Subcategory").select_option("training")
    page.get_by_label("Duration (minutes)").fill("45")
    page.get_by_label("Details").fill("Falls-prevention training.")
    page.get_by_role("button", name="Log interaction").click()
    expect(page.locator(".usa-alert--success")).to_contain_text("logged")
    assert Interaction.objects.filter(created_by=nora).count() == 1
