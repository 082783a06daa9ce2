"""One-time links: signed, single use, expiring after 7 days (issue 15: "a signed, single-use
link that expires (7 days)"), each use audited with its address and time."""

from datetime import timedelta

import pytest
import time_machine
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from qis_portal import onetime_links
from qis_portal.models import AuditEvent, OneTimeLink
from qis_portal.onetime_links import LinkRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def echo_purpose():
    """A purpose whose page names its target, to prove a refused link shows none of it."""
    onetime_links.register_link_view(
        "test.echo", lambda request, link, token: HttpResponse(f"target {link.target}"))
    yield "test.echo"
    onetime_links._VIEWS.pop("test.echo")


def a_request(ip="203.0.113.7"):
    return RequestFactory().post("/links/x/", REMOTE_ADDR=ip)


def test_a_link_works_for_seven_days_and_not_a_minute_more(northeast_qio):
    with time_machine.travel("2026-03-10 10:00 -04:00", tick=False):
        link, token = onetime_links.create_link(purpose="test.echo", target=northeast_qio,
                                                email="lead@example.org")
    assert link.expires_at == timezone.datetime.fromisoformat("2026-03-17 10:00-04:00")
    with time_machine.travel(link.expires_at - timedelta(minutes=1), tick=False):
        assert onetime_links.resolve(token, purpose="test.echo") == link
    with time_machine.travel(link.expires_at, tick=False), pytest.raises(LinkRefused) as refused:
        onetime_links.resolve(token, purpose="test.echo")
    assert refused.value.reason == LinkRefused.EXPIRED


def test_a_link_is_used_once_and_its_use_is_audited_with_address_and_time(northeast_qio):
    link, token = onetime_links.create_link(purpose="test.echo", target=northeast_qio,
                                            email="lead@example.org", name="Dana Lee")
    with onetime_links.consume(token, purpose="test.echo", request=a_request()) as holder:
        assert holder.email == "lead@example.org"
    link.refresh_from_db()
    assert link.used_at is not None and link.used_ip == "203.0.113.7"
    [use] = AuditEvent.objects.filter(action="onetime_link.use")
    assert (use.actor_label, use.ip_address, use.target_id) == (
        "lead@example.org", "203.0.113.7", str(northeast_qio.pk))
    assert abs(use.at - link.used_at) < timedelta(seconds=1)
    later = a_request("198.51.100.2")
    with pytest.raises(LinkRefused) as again, onetime_links.consume(
            token, purpose="test.echo", request=later):
        pytest.fail("a used link must not run its block")
    assert again.value.reason == LinkRefused.USED
    [refusal] = AuditEvent.objects.filter(action="onetime_link.refused")
    assert (refusal.outcome, refusal.ip_address) == ("denied", "198.51.100.2")


def test_a_block_that_fails_leaves_the_link_unused(northeast_qio):
    link, token = onetime_links.create_link(purpose="test.echo", target=northeast_qio,
                                            email="lead@example.org")
    with pytest.raises(ValueError), onetime_links.consume(token, purpose="test.echo"):
        raise ValueError("the step was refused")
    link.refresh_from_db()
    assert link.used_at is None
    assert not AuditEvent.objects.filter(action="onetime_link.use").exists()


def test_a_new_link_for_the_same_target_revokes_the_old_one(northeast_qio):
    first, old = onetime_links.create_link(purpose="test.echo", target=northeast_qio,
                                           email="lead@example.org")
    second, new = onetime_links.create_link(purpose="test.echo", target=northeast_qio,
                                            email="lead@example.org")
    with pytest.raises(LinkRefused) as refused:
        onetime_links.resolve(old)
    assert refused.value.reason == LinkRefused.REVOKED
    assert onetime_links.resolve(new) == second


def test_a_revoked_link_is_refused(northeast_qio, officer_northeast):
    link, token = onetime_links.create_link(purpose="test.echo", target=northeast_qio,
                                            email="lead@example.org")
    onetime_links.revoke(link, actor=officer_northeast)
    with pytest.raises(LinkRefused) as refused:
        onetime_links.resolve(token)
    assert refused.value.reason == LinkRefused.REVOKED
    assert AuditEvent.objects.filter(action="onetime_link.revoke",
                                     actor=officer_northeast).count() == 1


def test_an_altered_token_or_another_purpose_is_invalid(northeast_qio):
    link, token = onetime_links.create_link(purpose="test.echo", target=northeast_qio,
                                            email="lead@example.org")
    link_part, signature = token.rsplit(":", 1)
    for forged in (f"{link.pk}-guess:{signature}", token[:-1] + ("A" if token[-1] != "A" else "B"),
                   "nothing"):
        with pytest.raises(LinkRefused) as refused:
            onetime_links.resolve(forged)
        assert refused.value.reason == LinkRefused.INVALID
    with pytest.raises(LinkRefused):
        onetime_links.resolve(token, purpose="psa.sign")


def test_only_a_hash_of_the_secret_is_stored(northeast_qio):
    link, token = onetime_links.create_link(purpose="test.echo", target=northeast_qio,
                                            email="lead@example.org")
    secret = token.rsplit(":", 1)[0].split("-", 1)[1]
    assert secret not in OneTimeLink.objects.filter(pk=link.pk).values_list(
        "secret_hash", flat=True)[0]


def test_the_link_page_shows_the_target_only_for_a_good_link(client, northeast_qio,
                                                             echo_purpose):
    link, token = onetime_links.create_link(purpose=echo_purpose, target=northeast_qio,
                                            email="lead@example.org")
    shown = client.get(f"/links/{token}/")
    assert shown.status_code == 200 and northeast_qio.name in shown.content.decode()
    wrong = client.get(f"/links/{token[:-2]}xx/")
    assert wrong.status_code == 404
    assert northeast_qio.name not in wrong.content.decode()
    assert "This link is not valid" in wrong.content.decode()
    with time_machine.travel(timezone.now() + timedelta(days=8), tick=False):
        expired = client.get(f"/links/{token}/")
    assert expired.status_code == 410
    assert northeast_qio.name not in expired.content.decode()
    assert "This link has expired" in expired.content.decode()
