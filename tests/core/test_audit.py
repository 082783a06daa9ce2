"""One audit trail: sign-ins, refusals, permission changes, restricted reads; no secrets."""

import pytest

from qis_portal.models import AuditEvent, Role
from qis_portal.services.accounts import role_grant
from qis_portal.services.audit import audit_history, audit_record
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_sign_in_and_sign_out_are_recorded_with_where_from(client, cor_bob):
    client.post("/accounts/login/", {"username": cor_bob.email, "password": PASSWORD},
                REMOTE_ADDR="10.1.2.3")
    client.post("/accounts/logout/")
    login = AuditEvent.objects.get(action="auth.login")
    assert (login.actor, login.ip_address, login.outcome) == (cor_bob, "10.1.2.3", "success")
    assert login.at.utcoffset().total_seconds() == 0
    assert AuditEvent.objects.filter(action="auth.logout", actor=cor_bob).exists()


def test_a_refused_page_is_recorded(client, cor_bob):
    client.force_login(cor_bob)
    assert client.get("/accounts/assignments/").status_code == 403
    refusal = AuditEvent.objects.get(outcome="denied")
    assert (refusal.actor, refusal.path) == (cor_bob, "/accounts/assignments/")


def test_a_permission_change_is_recorded(northeast_qio):
    user = UserFactory(organization=northeast_qio)
    role_grant(user=user, role=Role.QIO_MANAGER)
    grant = AuditEvent.objects.get(action="role_assignment.grant")
    assert grant.details["role"] == Role.QIO_MANAGER
    assert grant.to_state == "approved"


def test_secret_looking_details_are_never_stored(cor_bob):
    event = audit_record(action="x.test", actor=cor_bob, details={
        "password": "hunter2", "api_token": "abc", "nested": {"secret_key": "s", "ok": 1},
        "role": "cms_cor"})
    assert event.details == {"nested": {"ok": 1}, "role": "cms_cor"}


def test_the_history_of_an_object_is_newest_first(cor_bob):
    audit_record(action="first", actor=cor_bob, target=cor_bob)
    audit_record(action="second", actor=cor_bob, target=cor_bob)
    assert [e.action for e in audit_history(cor_bob)][:2] == ["second", "first"]


def test_the_history_panel_renders_on_a_page(cor_bob):
    from django.template import Context, Template

    audit_record(action="assessment.approve", actor=cor_bob, target=cor_bob,
                 from_state="submitted", to_state="approved", note="Looks complete")
    html = Template("{% load portal_tags %}{% history_panel obj %}").render(
        Context({"obj": cor_bob}))
    assert "submitted → approved" in html
    assert "Looks complete" in html
    assert "(UTC)" in html
