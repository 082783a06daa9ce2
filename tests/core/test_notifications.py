"""In-app notifications with an unread count, an e-mail copy through the outbox, switches."""

import pytest

from qis_portal.models import Notification, OutboundEmail
from qis_portal.services.notifications import notification_preference_set, notify
from qis_portal.tasks import send_outbound_email

pytestmark = pytest.mark.django_db


def test_the_email_is_enqueued_only_when_the_transaction_commits(
    cor_bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipients=[cor_bob], kind="account.token", title="Hello")
    assert len(callbacks) == 1
    assert Notification.objects.filter(recipient=cor_bob).count() == 1


def _email_of(note) -> OutboundEmail:
    return OutboundEmail.objects.get(notification=note)


def test_the_email_task_sends_once_however_often_it_runs(cor_bob, mailoutbox):
    [note] = notify(recipients=[cor_bob], kind="account.token", title="Token created")
    assert send_outbound_email.run(_email_of(note).pk) is True
    assert send_outbound_email.run(_email_of(note).pk) is False
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [cor_bob.email]
    assert "Token created" in mailoutbox[0].subject


def test_a_kind_switched_off_entirely_creates_nothing(cor_bob):
    notification_preference_set(user=cor_bob, kind="account.token", in_app=False, email=False)
    assert notify(recipients=[cor_bob], kind="account.token", title="Hidden") == []


def test_email_only_stays_out_of_the_in_app_list(client, cor_bob, mailoutbox):
    notification_preference_set(user=cor_bob, kind="account.token", in_app=False, email=True)
    [note] = notify(recipients=[cor_bob], kind="account.token", title="Mail only")
    send_outbound_email.run(_email_of(note).pk)
    assert len(mailoutbox) == 1
    client.force_login(cor_bob)
    assert "Mail only" not in client.get("/notifications/").content.decode()


def test_in_app_only_sends_no_email(cor_bob, mailoutbox):
    notification_preference_set(user=cor_bob, kind="account.token", in_app=True, email=False)
    notify(recipients=[cor_bob], kind="account.token", title="Portal only")
    assert not OutboundEmail.objects.exists()
    assert mailoutbox == []


def test_an_idempotency_key_notifies_once(cor_bob):
    notify(recipients=[cor_bob], kind="account.token", title="Due soon", idempotency_key="k1")
    notify(recipients=[cor_bob], kind="account.token", title="Due soon", idempotency_key="k1")
    assert Notification.objects.filter(recipient=cor_bob).count() == 1


def test_the_header_shows_the_unread_count_and_reading_clears_it(client, cor_bob):
    notify(recipients=[cor_bob], kind="account.token", title="One")
    notify(recipients=[cor_bob], kind="account.token", title="Two")
    client.force_login(cor_bob)
    assert 'id="unread-count">2<' in client.get("/").content.decode()
    client.post("/notifications/read/")
    assert 'id="unread-count"' not in client.get("/").content.decode()


def test_the_settings_page_switches_a_kind_off(client, cor_bob):
    client.force_login(cor_bob)
    response = client.post("/notifications/settings/", {"account.token__in_app": "on"})
    assert response.status_code == 302
    pref = cor_bob.notification_prefs.get(kind="account.token")
    assert (pref.in_app, pref.email) == (True, False)


def test_an_unknown_kind_is_a_programming_error(cor_bob):
    with pytest.raises(ValueError):
        notify(recipients=[cor_bob], kind="no.such.kind", title="x")
