"""QIO program in the browser: an associate logs one interaction for three providers from the
directory and completes a task; axe-core finds nothing on any page this issue adds."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from qio_program.models import Interaction, SplUpload, Task, TaskQueue, TaskStatus
from qio_program.services.interactions import interaction_create
from qio_program.services.outcomes import current_quarter, outcome_record
from qio_program.services.spl import spl_upload_process
from qio_program.services.tasks import task_create
from qis_portal.models import Role
from qis_portal.regions import Region
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD, CmsFactory, QioFactory, user_with_role
from tests.lifecycle.builders import open_outcome_reporting
from tests.qio_program.factories import ContactFactory, MeasureFactory, ProviderFactory
from tests.qio_program.spl_files import spl_csv_bytes, spl_row

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def qio_world(transactional_db):
    qio = QioFactory(name="Northeast QIN-QIO", region=Region.NORTHEAST)
    ann = user_with_role(Role.QIO_ASSOCIATE, qio, email="ann@northeast.test")
    max_ = user_with_role(Role.QIO_MANAGER, qio, email="max@northeast.test")
    cms = CmsFactory()
    bob = user_with_role(Role.CMS_COR, cms, email="bob@cms.test")
    providers = [ProviderFactory(name=name) for name in
                 ("Harbor View Hospital", "Litchfield Hills Nursing", "Maple Grove Nursing",
                  "Seacoast Skilled Nursing")]
    ContactFactory(provider=providers[2], name="Dana Lead")
    task = task_create(qio=qio, subject="Call Dr. Smith before the QAP meeting",
                       related=providers[2], owner=max_, assigned_user=ann,
                       due_date=timezone.localdate() + timedelta(days=1))
    task_create(qio=qio, subject="AHQT assessment: Harbor View", related=providers[0],
                assigned_queue=TaskQueue.AHQT)
    return {"ann": ann, "max": max_, "bob": bob, "providers": providers, "task": task}


def test_an_associate_logs_one_interaction_for_three_providers_and_completes_a_task(
        page, live_url, qio_world):
    sign_in(page, live_url, "ann@northeast.test", PASSWORD)
    page.get_by_role("link", name="Directory").click()
    expect(page.get_by_role("heading", name="General Directory", level=1)).to_be_visible()
    for provider in qio_world["providers"][:3]:
        # USWDS draws the checkbox on its label; the input itself sits off screen.
        page.locator(f'label[for="select-{provider.pk}"]').click()
        expect(page.get_by_label(f"Select {provider.name}")).to_be_checked()
    page.get_by_label("With the selected providers").select_option("interaction")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("One interaction is created for each of these 3 providers")) \
        .to_be_visible()
    page.get_by_label("Date").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    page.get_by_label("Audience type").select_option("clinical_staff")
    page.get_by_label("Mode").select_option("on_site")
    page.get_by_label(re.compile(r"^Category")).select_option("education")
    page.get_by_label("Subcategory").select_option("training")
    page.get_by_label("Duration (minutes)").fill("45")
    page.get_by_label("Details").fill("Falls-prevention training for the three facilities.")
    page.get_by_role("button", name="Log 3 interactions").click()
    expect(page.get_by_text("Logged 3 interactions, one for each provider")).to_be_visible()
    assert Interaction.objects.count() == 3

    page.get_by_role("link", name="Work basket").click()
    page.get_by_role("link", name="Call Dr. Smith before the QAP meeting").click()
    page.get_by_role("button", name="Mark completed").click()
    expect(page.locator(".usa-alert--success")).to_contain_text("completed")
    assert Task.objects.get(pk=qio_world["task"].pk).status == TaskStatus.COMPLETED


def test_the_directory_provider_and_interaction_pages_pass_axe(page, live_url, qio_world):
    ann, providers = qio_world["ann"], qio_world["providers"]
    maple = providers[2]
    [interaction] = interaction_create(actor=ann, providers=[maple], data={
        "date": timezone.localdate() - timedelta(days=7), "audience_type": "quality_staff",
        "mode": "on_site", "category": "quality_improvement",
        "subcategory": "technical_assistance", "duration_minutes": 60,
        "details": "Huddle.", "intervention_delivered": True})
    sign_in(page, live_url, ann.email, PASSWORD)
    pages = [
        ("/qio/directory/", "General Directory"),
        ("/qio/directory/?q=maple&spl=yes", "General Directory"),
        (f"/qio/providers/{maple.pk}/", maple.name),
        (f"/qio/providers/{maple.pk}/edit/", f"Edit {maple.name}"),
        ("/qio/providers/new/", "Add a provider"),
        (f"/qio/providers/{maple.pk}/contacts/new/", "Add a contact"),
        (f"/qio/interactions/new/?provider={maple.pk}", "Log an interaction"),
        (f"/qio/interactions/new/?provider={maple.pk}&provider={providers[0].pk}",
         "Log an interaction"),
        ("/qio/interactions/", "Interactions"),
        (f"/qio/providers/{maple.pk}/interactions/", f"Interactions with {maple.name}"),
        (f"/qio/interactions/{interaction.pk}/", f"Interaction with {maple.name}"),
        (f"/qio/interactions/{interaction.pk}/report/", "Intervention report"),
    ]
    for path, heading in pages:
        page.goto(f"{live_url}{path}")
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        assert_no_axe_violations(page)
    # A refused form, with its errors, is checked too.
    page.goto(f"{live_url}/qio/interactions/{interaction.pk}/report/")
    page.get_by_role("button", name="File report").click()
    expect(page.locator(".usa-error-message").first).to_be_visible()
    assert_no_axe_violations(page)


def test_the_work_basket_views_and_the_task_page_pass_axe(page, live_url, qio_world):
    sign_in(page, live_url, "max@northeast.test", PASSWORD)
    for path, heading in [("/qio/tasks/", "My Tasks"), ("/qio/tasks/qio/", "My QIO's tasks"),
                          ("/qio/tasks/queues/ahqt/", "Queue: AHQT assessments"),
                          ("/qio/tasks/queues/support_team/", "Queue: QIO support team"),
                          ("/qio/tasks/new/", "Add a task"), ("/qio/groups/", "Groups of your QIO"),
                          ("/qio/groups/new/", "Add a group"),
                          (f"/qio/tasks/{qio_world['task'].pk}/",
                           "Call Dr. Smith before the QAP meeting")]:
        page.goto(f"{live_url}{path}")
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        assert_no_axe_violations(page)


def test_the_outcomes_and_dashboard_pages_pass_axe(page, live_url, qio_world):
    ann, maple = qio_world["ann"], qio_world["providers"][2]
    year, quarter = current_quarter()
    measure = MeasureFactory(name="Falls with major injury")
    open_outcome_reporting(maple, author=ann, cor=qio_world["bob"])
    outcome_record(actor=ann, provider=maple, measure=measure, year=year, quarter=quarter,
                   value=Decimal("3.5"))
    for provider in qio_world["providers"][:2]:
        interaction_create(actor=ann, providers=[provider], data={
            "date": timezone.localdate() - timedelta(days=8), "audience_type": "leadership",
            "mode": "video", "category": "engagement", "subcategory": "recruitment",
            "duration_minutes": 30, "details": "Intro.", "intervention_delivered": True})
    sign_in(page, live_url, ann.email, PASSWORD)
    for path, heading in [(f"/qio/providers/{maple.pk}/outcomes/", f"Outcomes of {maple.name}"),
                          (f"/qio/providers/{maple.pk}/outcomes/{measure.pk}/",
                           f"{measure.name} ({measure.code})"),
                          ("/qio/dashboard/", "QIO dashboard")]:
        page.goto(f"{live_url}{path}")
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        assert_no_axe_violations(page)
    expect(page.locator("#chart-associates")).to_be_visible()


def test_the_spl_upload_its_report_and_a_version_pass_axe(page, live_url, qio_world):
    bob = qio_world["bob"]
    failed = SplUpload(region=Region.NORTHEAST, original_name="bad.csv", size=10,
                       uploaded_by=bob)
    failed.file.save("spl.csv", ContentFile(spl_csv_bytes([spl_row(ccn="12"), spl_row(
        ccn="", tin="", state="ZZ")])), save=False)
    failed.save()
    spl_upload_process(upload_id=failed.pk)
    good = SplUpload(region=Region.NORTHEAST, original_name="good.csv", size=10,
                     uploaded_by=bob)
    good.file.save("spl.csv", ContentFile(spl_csv_bytes([spl_row()])), save=False)
    good.save()
    version = spl_upload_process(upload_id=good.pk).version
    queued = SplUpload.objects.create(region=Region.WEST, original_name="queued.csv", size=10,
                                      uploaded_by=bob, file="qio/spl/west/none.csv",
                                      rows_total=200, rows_checked=50, status="validating")
    sign_in(page, live_url, bob.email, PASSWORD)
    for path, heading in [("/qio/spl/", "Service Provider Lists"),
                          ("/qio/spl/upload/", "Upload a Service Provider List"),
                          (f"/qio/spl/uploads/{failed.pk}/", "SPL upload: bad.csv"),
                          (f"/qio/spl/uploads/{good.pk}/", "SPL upload: good.csv"),
                          (f"/qio/spl/uploads/{queued.pk}/", "SPL upload: queued.csv"),
                          (f"/qio/spl/versions/{version.pk}/", str(version))]:
        page.goto(f"{live_url}{path}")
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        assert_no_axe_violations(page)
    page.goto(f"{live_url}/qio/spl/uploads/{failed.pk}/")
    expect(page.get_by_role("cell", name="a CCN is exactly 6 letters or digits")).to_be_visible()
    page.goto(f"{live_url}/qio/spl/upload/")
    page.get_by_label("QIN region").select_option(Region.NORTHEAST)
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator("#id_file-error")).to_be_visible()
    assert_no_axe_violations(page)
