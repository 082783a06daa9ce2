"""Targeted communications (seed 001: "Ability for CMS to send targeted communications to
specific QIO organizations or All"): the COR or the Delegated Administrator sends; each user
of the chosen organizations is notified, once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qio_connect import selectors, services
from qio_connect.models import Announcement
from qio_connect.tasks import deliver_announcement
from qis_portal.models import Notification

pytestmark = pytest.mark.django_db


def test_a_cor_sends_to_chosen_qios_and_each_of_their_users_is_notified(
        cor_bob, associate_ann, manager_max, associate_wes, northeast_qio,
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        announcement = services.announcement_send(actor=cor_bob, title="Reporting change",
                                                  body="Monthly reports move to the 5th.",
                                                  organizations=[northeast_qio])
    assert len(callbacks) == 1  # the delivery task is enqueued after commit
    assert deliver_announcement.run(announcement.pk) == 2
    told = set(Notification.objects.filter(kind="connect.announcement")
               .values_list("recipient__email", flat=True))
    assert told == {associate_ann.email, manager_max.email}
    announcement.refresh_from_db()
    assert announcement.recipient_count == 2 and announcement.delivered_at is not None


def test_delivering_twice_notifies_nobody_twice(cor_bob, associate_ann, northeast_qio):
    announcement = services.announcement_send(actor=cor_bob, title="T", body="B",
                                              organizations=[northeast_qio])
    services.announcement_deliver(announcement_id=announcement.pk)
    services.announcement_deliver(announcement_id=announcement.pk)
    assert Notification.objects.filter(recipient=associate_ann).count() == 1


def test_the_delegated_administrator_sends_to_all_qios(admin_dee, associate_ann, associate_wes,
                                                       cor_bob):
    announcement = services.announcement_send(actor=admin_dee, title="Welcome", body="Hello",
                                              to_all=True)
    services.announcement_deliver(announcement_id=announcement.pk)
    told = set(Notification.objects.filter(kind="connect.announcement")
               .values_list("recipient__email", flat=True))
    assert told == {associate_ann.email, associate_wes.email}


def test_an_associate_cannot_send_an_announcement(associate_ann, northeast_qio):
    with pytest.raises(PermissionDenied):
        services.announcement_send(actor=associate_ann, title="T", body="B", to_all=True)


def test_an_announcement_has_recipients_that_are_qios(cor_bob, cms):
    with pytest.raises(ValidationError):
        services.announcement_send(actor=cor_bob, title="T", body="B")
    with pytest.raises(ValidationError):
        services.announcement_send(actor=cor_bob, title="T", body="B", organizations=[cms])


def test_a_qio_sees_announcements_to_it_or_to_all_only(cor_bob, associate_ann, associate_wes,
                                                       northeast_qio, west_qio):
    to_ne = services.announcement_send(actor=cor_bob, title="NE", body="B",
                                       organizations=[northeast_qio])
    to_all = services.announcement_send(actor=cor_bob, title="All", body="B", to_all=True)
    assert set(selectors.announcements_for(associate_wes)) == {to_all}
    assert set(selectors.announcements_for(associate_ann)) == {to_ne, to_all}


def test_another_qios_announcement_answers_404(client, cor_bob, associate_wes, northeast_qio):
    announcement = services.announcement_send(actor=cor_bob, title="NE", body="B",
                                              organizations=[northeast_qio])
    client.force_login(associate_wes)
    assert client.get(f"/connect/announcements/{announcement.pk}/").status_code == 404


def test_the_send_page_sends(client, cor_bob, northeast_qio):
    client.force_login(cor_bob)
    assert client.get("/connect/announcements/new/").status_code == 200
    response = client.post("/connect/announcements/new/", {
        "title": "Heads up", "body": "Text", "organizations": [northeast_qio.pk]})
    announcement = Announcement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/connect/announcements/{announcement.pk}/"
    response = client.post("/connect/announcements/new/", {"title": "x", "body": "y"})
    assert "Choose the QIOs to send to" in response.content.decode()
