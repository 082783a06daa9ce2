"""Completion: hand-off notes; the COR ends the task order; the QIO's accounts are closed."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qio_program.lifecycle.services import completion as services
from qio_program.lifecycle.tasks import close_ended_task_order_accounts
from qis_portal.models import ApiToken, AuditEvent, Notification, User
from qis_portal.services.tokens import api_token_create
from qis_portal.workflow import WorkflowConflict
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db


def test_the_task_order_can_be_ended_from_the_completion_phase(ne_order, cor_bob):
    with builders.on(date(2027, 1, 4)), pytest.raises(WorkflowConflict,
                                                      match="starts 2029-07-01"):
        services.task_order_end(actor=cor_bob, task_order=ne_order)
    with builders.on(date(2029, 8, 1)):
        ended = services.task_order_end(actor=cor_bob, task_order=ne_order, note="Done.")
    assert (ended.status, ended.ended_on) == ("ended", date(2029, 10, 31))
    with builders.on(date(2029, 8, 2)), pytest.raises(WorkflowConflict, match="Cannot end"):
        services.task_order_end(actor=cor_bob, task_order=ne_order)


def test_the_last_day_lies_in_the_completion_phase(ne_order, cor_bob):
    with builders.on(date(2029, 8, 1)), pytest.raises(ValidationError):
        services.task_order_end(actor=cor_bob, task_order=ne_order, ended_on=date(2030, 1, 1))


def test_only_the_cor_ends_a_task_order(ne_order, associate_ann):
    with builders.on(date(2029, 8, 1)), pytest.raises(PermissionDenied):
        services.task_order_end(actor=associate_ann, task_order=ne_order)


class TestClosingAccounts:
    @pytest.fixture
    def ended(self, ne_order, cor_bob, associate_ann, manager_max):
        with builders.on(date(2029, 9, 1)):
            return services.task_order_end(actor=cor_bob, task_order=ne_order,
                                           ended_on=date(2029, 9, 30))

    def sweep(self, day):
        with builders.on(day):
            return services.task_orders_close_accounts_due()

    def test_accounts_stay_open_through_the_last_day(self, ended, associate_ann):
        assert self.sweep(date(2029, 9, 30)) == 0
        associate_ann.refresh_from_db()
        assert associate_ann.is_active

    def test_the_day_after_every_user_of_the_qio_is_closed_and_audited(
            self, ended, associate_ann, manager_max, associate_wes, cor_bob,
            django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            assert self.sweep(date(2029, 10, 1)) == 2
        assert set(User.objects.filter(organization=ended.qio)
                   .values_list("is_active", flat=True)) == {False}
        associate_wes.refresh_from_db()
        assert associate_wes.is_active
        closed = AuditEvent.objects.filter(action="user.account_closed")
        assert set(closed.values_list("target_id", flat=True)) == {
            str(associate_ann.pk), str(manager_max.pk)}
        assert Notification.objects.filter(recipient=cor_bob,
                                           kind="lifecycle.accounts_closed").exists()
        ended.refresh_from_db()
        assert ended.accounts_closed_at is not None

    def test_a_closed_account_loses_its_tokens_and_sessions_at_once(
            self, ended, associate_ann, client):
        _, key = api_token_create(user=associate_ann, name="nightly export")
        client.force_login(associate_ann)
        self.sweep(date(2029, 10, 1))
        assert ApiToken.objects.get(user=associate_ann).revoked_at is not None
        assert AuditEvent.objects.filter(action="auth.access_ended",
                                         target_id=str(associate_ann.pk)).exists()
        # Reopening the account does not bring the old session or token back.
        User.objects.filter(pk=associate_ann.pk).update(is_active=True)
        assert client.get("/")["Location"].startswith("/accounts/login/")
        assert client.get("/api/me/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
        assert self.sweep(date(2029, 10, 2)) == 0

    def test_a_qio_awarded_the_next_task_order_keeps_its_accounts(self, ended, cor_bob,
                                                                  associate_ann):
        builders.task_order(cor_bob, ended.qio, number="next", award=date(2029, 10, 1))
        assert self.sweep(date(2029, 10, 2)) == 0
        associate_ann.refresh_from_db()
        assert associate_ann.is_active
        event = AuditEvent.objects.get(action="taskorder.accounts_closed")
        assert "Kept open" in event.note

    def test_the_celery_task_wraps_the_sweep(self, ended, associate_ann):
        with builders.on(date(2029, 10, 1)):
            assert close_ended_task_order_accounts.run() == 2


def test_the_qio_writes_hand_off_notes_for_the_incoming_qio(ne_order, associate_ann, maple):
    note = services.handoff_note_create(actor=associate_ann, task_order=ne_order,
                                        topic="provider_relationships", provider=maple,
                                        body="Pia leads QI; prefers on-site visits.",
                                        incoming_contractor="Next QIO")
    assert (note.author, note.provider) == (associate_ann, maple)
    assert AuditEvent.objects.filter(action="handoffnote.create").exists()


def test_hand_off_notes_are_refused_for_strangers_and_foreign_providers(
        ne_order, associate_wes, cor_bob, associate_ann, riverside):
    for actor in (associate_wes, cor_bob):
        with pytest.raises(PermissionDenied):
            services.handoff_note_create(actor=actor, task_order=ne_order,
                                         topic="partnerships", body="x")
    with pytest.raises(ValidationError):
        services.handoff_note_create(actor=associate_ann, task_order=ne_order,
                                     topic="partnerships", body="x", provider=riverside)
    with pytest.raises(ValidationError):
        services.handoff_note_create(actor=associate_ann, task_order=ne_order,
                                     topic="partnerships", body="  ")
