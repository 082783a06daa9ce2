"""No easy slips in the browser: the directory's bulk action starts at "- Select -", the AHQT
assessment asks first naming how many providers it touches, says what it queued, and its
undo link withdraws them after asking again; axe-core on every step."""

import pytest
from playwright.sync_api import expect

from qio_program.models import Task, TaskQueue
from qis_portal.models import Role
from qis_portal.regions import Region
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD, QioFactory, user_with_role
from tests.qio_program.factories import ProviderFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_ahqt_bulk_action_asks_reports_and_can_be_undone(page, live_url):
    qio = QioFactory(name="Northeast QIN-QIO", region=Region.NORTHEAST)
    ann = user_with_role(Role.QIO_ASSOCIATE, qio, email="ann@northeast.test")
    providers = [ProviderFactory(name=n) for n in ("Harbor View Hospital", "Maple Grove Nursing")]
    sign_in(page, live_url, ann.email, PASSWORD)
    page.goto(f"{live_url}/qio/directory/")
    action = page.get_by_label("With the selected providers")
    expect(action).to_have_value("")
    expect(action.locator("option:checked")).to_have_text("- Select -")
    for provider in providers:
        page.locator(f'label[for="select-{provider.pk}"]').click()
    action.select_option("ahqt")
    page.get_by_role("button", name="Go").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Send an AHQT assessment to 2 providers?")
    assert Task.objects.count() == 0
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Queue 2 AHQT tasks").click()

    status = page.locator(".usa-alert--success")
    expect(status).to_contain_text("Queued 2 AHQT assessment tasks in the AHQT queue.")
    assert Task.objects.filter(assigned_queue=TaskQueue.AHQT).count() == 2
    assert_no_axe_violations(page)
    status.get_by_role("link", name="Undo").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Undo: withdraw queued AHQT tasks")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Withdraw 2 tasks").click()
    expect(page.locator(".usa-alert--success")).to_contain_text(
        "Withdrew 2 AHQT assessment tasks from the AHQT queue.")
    assert Task.objects.count() == 0
