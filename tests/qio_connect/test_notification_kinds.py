"""Each QIO Connect notification is its own kind, registered in apps.py, so a user switches
each one on or off on the notification settings page."""

import pytest

from qio_connect.apps import NOTIFICATION_KINDS
from qis_portal.notification_kinds import NOTIFICATION_KINDS as REGISTERED
from qis_portal.services.notifications import notification_preference_set, notify

pytestmark = pytest.mark.django_db


def test_every_connect_kind_is_registered():
    assert set(NOTIFICATION_KINDS) <= set(REGISTERED)
    assert len(NOTIFICATION_KINDS) == 10


def test_each_kind_is_listed_on_the_settings_page(client, associate_ann):
    client.force_login(associate_ann)
    page = client.get("/notifications/settings/").content.decode()
    for label in NOTIFICATION_KINDS.values():
        assert label.split(":")[1].strip()[:30] in page


def test_a_user_switches_announcements_off(associate_ann):
    notification_preference_set(user=associate_ann, kind="connect.announcement", in_app=False,
                                email=False)
    assert notify(recipients=[associate_ann], kind="connect.announcement", title="x") == []
    assert notify(recipients=[associate_ann], kind="connect.group_post", title="x") != []
