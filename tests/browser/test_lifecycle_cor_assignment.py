"""A COR going on leave hands the Northeast task order to another COR: the page names both,
the submitted A3C of Maine moves with its clock (issue 15 item 3)."""

import pytest
from playwright.sync_api import expect

from qio_program.lifecycle.models import TaskOrder
from qis_portal.models import Notification, Role
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD, user_with_role
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_cor_hands_the_task_order_to_another_cor(page, live_server):
    builders.seed_reference_aims()
    who = builders.people()
    cor = who["cor"]
    dana = user_with_role(Role.CMS_COR, cor.organization, email="dana@cms.test")
    order = builders.task_order(cor, who["northeast"], number="75FCMC24F0001")
    a3c = builders.submitted_a3c(order, "ME", who["ann"])

    sign_in(page, live_server.url, cor.email, PASSWORD)
    page.goto(f"{live_server.url}{order.get_absolute_url()}")
    page.get_by_role("link", name="Change the COR or alternate").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("COR and alternate")
    assert_no_axe_violations(page)
    page.locator("#id_cor").select_option(label=str(dana))
    page.locator("#id_alternate_cor").select_option(label=str(cor))
    page.locator("#id_note").fill("Bob on leave in March.")
    page.get_by_role("button", name="Save the assignment").click()
    expect(page.locator(".usa-alert--success")).to_contain_text("alternate")
    order = TaskOrder.objects.get(pk=order.pk)
    assert (order.cor, order.alternate_cor) == (dana, cor)
    assert Notification.objects.filter(recipient=dana, target_id=str(a3c.pk),
                                       resolved_at__isnull=True).exists()
