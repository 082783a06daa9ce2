"""A decided action notification shows as done: the COR's list marks "A3C awaits your
approval" Done once its target took its next step, the header's unread count leaves it out,
and axe-core finds nothing on the list."""

import pytest
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect

from qio_program.models import Provider
from qis_portal.models import Notification, Role
from qis_portal.services.notifications import notifications_resolve
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.factories import PASSWORD, CmsFactory, user_with_role
from tests.qio_program.factories import ProviderFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_list_shows_a_resolved_action_as_done_and_the_count_skips_it(page, live_url):
    carol = user_with_role(Role.CMS_COR, CmsFactory(), email="carol@cms.test")
    # Any saved row stands for the A3C here: the page only needs a target to resolve.
    target = ProviderFactory(name="Maple Grove Nursing")
    Notification.objects.create(recipient=carol, kind="account.token", title="Token created")
    Notification.objects.create(
        recipient=carol, kind="lifecycle.awaiting_approval",
        title="A3C awaits your approval: A3C Maine (ME) v1",
        target_type=ContentType.objects.get_for_model(Provider), target_id=str(target.pk))
    sign_in(page, live_url, carol.email, PASSWORD)
    page.goto(f"{live_url}/notifications/")
    expect(page.locator("#unread-count")).to_contain_text("2")

    assert notifications_resolve(target) == 1
    page.reload()
    expect(page.locator("#unread-count")).to_contain_text("1")
    expect(page.get_by_role("row", name="A3C awaits your approval")).to_contain_text("Done")
    assert_no_axe_violations(page)
