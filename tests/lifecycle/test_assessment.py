"""Provider Assessment: after the approved A3C and an active PSA; the COR approves within 5
business days of submission; reminders at 2 and 1 business days left; escalation after."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qio_program.lifecycle.models import business_days_left
from qio_program.lifecycle.services import assessment as services
from qio_program.lifecycle.services import psa as psa_services
from qio_program.lifecycle.services.cor_assignment import task_order_cors_assign
from qis_portal.models import AuditEvent, Notification
from qis_portal.workflow import WorkflowConflict
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db


def test_an_assessment_needs_the_approved_a3c_of_the_providers_state(ne_order, maple,
                                                                     associate_ann):
    with pytest.raises(WorkflowConflict, match=r"approved A3C of Maine \(ME\)"):
        services.pa_create(actor=associate_ann, task_order=ne_order, provider=maple)


def test_an_assessment_needs_an_active_psa(ne_order, maple, associate_ann, me_a3c):
    with pytest.raises(WorkflowConflict, match="needs an active PSA"):
        services.pa_create(actor=associate_ann, task_order=ne_order, provider=maple)


def test_a_terminated_psa_closes_the_gate_again(ne_order, maple, associate_ann, me_a3c,
                                                maple_psa):
    psa_services.psa_terminate(actor=associate_ann, psa=maple_psa, reason="Withdrew.")
    with pytest.raises(WorkflowConflict, match="needs an active PSA"):
        services.pa_create(actor=associate_ann, task_order=ne_order, provider=maple)


def test_submitting_needs_all_four_sections(ne_order, maple, associate_ann, me_a3c,
                                            maple_psa):
    assessment = services.pa_create(actor=associate_ann, task_order=ne_order, provider=maple)
    with pytest.raises(ValidationError) as refused:
        services.pa_submit(actor=associate_ann, assessment=assessment)
    assert set(refused.value.message_dict) == {"general_assessment", "readiness_assessment",
                                               "needs_assessment", "resource_assessment"}


@pytest.mark.parametrize(("submitted", "due"), [
    (date(2025, 3, 3), date(2025, 3, 10)),    # Monday: the next Monday
    (date(2025, 1, 17), date(2025, 1, 27)),   # Friday before Martin Luther King Jr. Day
    (date(2025, 5, 23), date(2025, 6, 2)),    # Friday before Memorial Day
    (date(2025, 11, 26), date(2025, 12, 4)),  # the eve of Thanksgiving: Fri 28 counts
    (date(2025, 3, 8), date(2025, 3, 14)),    # a Saturday submission: Mon 10 to Fri 14
])
def test_submission_stores_the_cors_deadline_5_business_days_later(
        ne_order, maple, associate_ann, me_a3c, maple_psa, submitted, due):
    assessment = builders.draft_pa(ne_order, maple, associate_ann)
    with builders.on(submitted):
        done = services.pa_submit(actor=associate_ann, assessment=assessment)
    assert (done.submitted_on, done.due_date, done.submission_count) == (submitted, due, 1)


def test_business_days_left_counts_today_and_the_due_date():
    due = date(2025, 1, 27)  # submitted Friday 2025-01-17
    assert business_days_left(due, date(2025, 1, 23)) == 3   # Thursday, business day 3
    assert business_days_left(due, date(2025, 1, 24)) == 2   # Friday, business day 4
    assert business_days_left(due, date(2025, 1, 25)) == 1   # Saturday: only Monday left
    assert business_days_left(due, date(2025, 1, 27)) == 1   # due today
    assert business_days_left(due, date(2025, 1, 28)) == -1  # one business day late
    # On the day of submission the whole clock is ahead: five business days.
    assert business_days_left(due, date(2025, 1, 17), clock_start=date(2025, 1, 17)) == 5


def test_the_cor_approves_and_a_yearly_follow_up_may_start(ne_order, maple, associate_ann,
                                                           cor_bob, me_a3c, maple_psa):
    initial = builders.submitted_pa(ne_order, maple, associate_ann)
    with pytest.raises(WorkflowConflict, match="still submitted to the cor"):
        builders.draft_pa(ne_order, maple, associate_ann)
    with builders.on(date(2025, 3, 5)):
        approved = services.pa_approve(actor=cor_bob, assessment=initial, note="Good.")
    assert approved.next_follow_up_due == date(2026, 3, 5)
    follow_up = builders.draft_pa(ne_order, maple, associate_ann)
    assert (follow_up.sequence, follow_up.kind_label) == (2, "Follow-up 1")


def test_the_cor_returns_with_comments_and_the_resubmission_restarts_the_clock(
        ne_order, maple, associate_ann, cor_bob, me_a3c, maple_psa):
    with builders.on(date(2025, 3, 3)):
        assessment = builders.submitted_pa(ne_order, maple, associate_ann)
    with pytest.raises(ValidationError):
        services.pa_return(actor=cor_bob, assessment=assessment, comments="")
    returned = services.pa_return(actor=cor_bob, assessment=assessment,
                                  comments="Readiness is thin.")
    with pytest.raises(WorkflowConflict, match="Cannot approve"):
        services.pa_approve(actor=cor_bob, assessment=returned)
    services.pa_update(actor=associate_ann, assessment=returned,
                       data={"readiness_assessment": "More."})
    with builders.on(date(2025, 3, 12)):
        again = services.pa_submit(actor=associate_ann, assessment=returned)
    assert (again.due_date, again.submission_count) == (date(2025, 3, 19), 2)


def test_a_qio_user_cannot_approve_its_own_assessment(ne_order, maple, associate_ann,
                                                      manager_max, me_a3c, maple_psa):
    assessment = builders.submitted_pa(ne_order, maple, associate_ann)
    with pytest.raises(PermissionDenied):
        services.pa_approve(actor=manager_max, assessment=assessment)
    assert AuditEvent.objects.filter(action="providerassessment.approve",
                                     outcome="denied").count() == 1


class TestDeadlineSweep:
    """Submitted Monday 2025-03-03, due Monday 2025-03-10."""

    @pytest.fixture
    def waiting(self, ne_order, maple, associate_ann, me_a3c, maple_psa):
        with builders.on(date(2025, 3, 3)):
            return builders.submitted_pa(ne_order, maple, associate_ann)

    def sweep(self, day):
        with builders.on(day):
            return services.pa_deadline_sweep()

    def test_nothing_is_sent_while_three_or_more_business_days_are_left(self, waiting, cor_bob):
        assert self.sweep(date(2025, 3, 6)) == {"reminders": 0, "escalations": 0}

    def test_the_cor_and_alternate_are_reminded_with_2_and_then_1_business_day_left(
            self, waiting, ne_order, cor_bob, cor_carol):
        task_order_cors_assign(actor=cor_bob, task_order=ne_order, cor=cor_bob,
                               alternate_cor=cor_carol)
        assert self.sweep(date(2025, 3, 7)) == {"reminders": 2, "escalations": 0}
        assert self.sweep(date(2025, 3, 7)) == {"reminders": 0, "escalations": 0}
        assert self.sweep(date(2025, 3, 8)) == {"reminders": 0, "escalations": 0}  # Saturday
        assert self.sweep(date(2025, 3, 10)) == {"reminders": 2, "escalations": 0}
        titles = list(Notification.objects.filter(recipient=cor_bob,
                                                  kind="lifecycle.pa_reminder")
                      .order_by("id").values_list("title", flat=True))
        assert titles[0].startswith("2 business days left")
        assert titles[1].startswith("1 business day left")

    def test_after_the_fifth_business_day_it_is_escalated_once(self, waiting, cor_bob,
                                                               readonly_pat, associate_ann):
        assert self.sweep(date(2025, 3, 11)) == {"reminders": 0, "escalations": 2}
        assert self.sweep(date(2025, 3, 11)) == {"reminders": 0, "escalations": 0}
        assert self.sweep(date(2025, 3, 12)) == {"reminders": 0, "escalations": 0}
        waiting.refresh_from_db()
        assert waiting.escalated_at is not None
        assert Notification.objects.filter(kind="lifecycle.pa_escalation").count() == 2
        assert Notification.objects.filter(kind="lifecycle.pa_escalation",
                                           recipient=readonly_pat).exists()
        assert not Notification.objects.filter(recipient=associate_ann,
                                               kind="lifecycle.pa_escalation").exists()
        assert AuditEvent.objects.filter(action="providerassessment.escalate").count() == 1

    def test_an_approved_assessment_is_not_escalated(self, waiting, cor_bob):
        services.pa_approve(actor=cor_bob, assessment=waiting)
        assert self.sweep(date(2025, 3, 20)) == {"reminders": 0, "escalations": 0}

    def test_a_resubmission_gets_its_own_reminders(self, waiting, cor_bob, associate_ann):
        self.sweep(date(2025, 3, 7))
        services.pa_return(actor=cor_bob, assessment=waiting, comments="More.")
        with builders.on(date(2025, 3, 10)):
            services.pa_submit(actor=associate_ann, assessment=waiting)  # due 2025-03-17
        assert self.sweep(date(2025, 3, 14)) == {"reminders": 1, "escalations": 0}

    def test_the_celery_task_wraps_the_sweep(self, waiting, cor_bob):
        from qio_program.lifecycle.tasks import provider_assessment_deadlines

        with builders.on(date(2025, 3, 11)):
            assert provider_assessment_deadlines.run() == {"reminders": 0, "escalations": 1}
