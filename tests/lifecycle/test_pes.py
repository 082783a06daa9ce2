"""PES: only after the state's A3C is approved; signed off in the portal by the provider."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qio_program.lifecycle.models import Deliverable
from qio_program.lifecycle.services import pes as services
from qio_program.lifecycle.services.contract import psa_target_set
from qis_portal.models import AuditEvent, Notification
from qis_portal.workflow import WorkflowConflict
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db


def test_a_pes_is_refused_until_the_a3c_of_the_providers_state_is_approved(
        ne_order, maple, associate_ann):
    with pytest.raises(WorkflowConflict, match=r"A3C of Maine \(ME\) first; it has not been "
                                               r"started"):
        services.pes_create(actor=associate_ann, task_order=ne_order, provider=maple)
    builders.submitted_a3c(ne_order, "ME", associate_ann)
    with pytest.raises(WorkflowConflict, match="it is submitted to the cor"):
        services.pes_create(actor=associate_ann, task_order=ne_order, provider=maple)


def test_an_approved_a3c_of_another_state_does_not_open_the_gate(ne_order, granite,
                                                                 associate_ann, me_a3c):
    with pytest.raises(WorkflowConflict, match="New Hampshire"):
        services.pes_create(actor=associate_ann, task_order=ne_order, provider=granite)


def test_a_pes_needs_a_provider_of_the_region_on_the_spl(ne_order, riverside, associate_ann,
                                                         me_a3c):
    with pytest.raises(WorkflowConflict, match="not in the Northeast region"):
        services.pes_create(actor=associate_ann, task_order=ne_order, provider=riverside)
    off_spl = builders.provider("Off List Clinic", state="ME", region="northeast",
                                on_spl=False)
    with pytest.raises(WorkflowConflict, match="not on the Service Provider List"):
        services.pes_create(actor=associate_ann, task_order=ne_order, provider=off_spl)


def test_presenting_needs_the_qi_lead_and_the_approach(ne_order, maple, associate_ann, me_a3c):
    pes = services.pes_create(actor=associate_ann, task_order=ne_order, provider=maple)
    with pytest.raises(ValidationError) as refused:
        services.pes_present(actor=associate_ann, pes=pes)
    assert set(refused.value.message_dict) == {"qi_lead_name", "engagement_approach"}


def test_the_providers_qi_lead_signs_it_off_and_the_date_is_recorded(
        ne_order, maple, associate_ann, pia, me_a3c, django_capture_on_commit_callbacks):
    pes = services.pes_create(actor=associate_ann, task_order=ne_order, provider=maple,
                              data={"qi_lead_name": "Pia", "engagement_approach": "Coaching."})
    with builders.on(date(2025, 2, 3)), django_capture_on_commit_callbacks(execute=True):
        pes = services.pes_present(actor=associate_ann, pes=pes)
    assert Notification.objects.filter(recipient=pia,
                                       kind="lifecycle.signature_requested").exists()
    with builders.on(date(2025, 3, 10)), django_capture_on_commit_callbacks(
            execute=True):
        signed = services.pes_sign(actor=pia, pes=pes)
    assert (signed.status, signed.signed_on, signed.signed_by) == ("signed", date(2025, 3, 10),
                                                                   pia)
    # 12 months after the initial submission (presented 2025-02-03), not after the sign-off
    assert signed.reevaluation_due == date(2026, 2, 3)
    assert Notification.objects.filter(recipient=associate_ann, kind="lifecycle.signed").exists()


def test_only_the_providers_own_users_sign(ne_order, maple, associate_ann, gus, me_a3c,
                                           cor_bob):
    pes = services.pes_create(actor=associate_ann, task_order=ne_order, provider=maple,
                              data={"qi_lead_name": "Pia", "engagement_approach": "Coaching."})
    pes = services.pes_present(actor=associate_ann, pes=pes)
    for actor in (gus, associate_ann, cor_bob):
        with pytest.raises(PermissionDenied):
            services.pes_sign(actor=actor, pes=pes)
    assert AuditEvent.objects.filter(action="providerengagementstrategy.sign",
                                     outcome="denied").count() == 3


def test_the_provider_asks_for_changes_with_its_input(ne_order, maple, associate_ann, pia,
                                                      me_a3c):
    pes = services.pes_create(actor=associate_ann, task_order=ne_order, provider=maple,
                              data={"qi_lead_name": "Pia", "engagement_approach": "Coaching."})
    pes = services.pes_present(actor=associate_ann, pes=pes)
    with pytest.raises(ValidationError):
        services.pes_request_changes(actor=pia, pes=pes, provider_input="")
    back = services.pes_request_changes(actor=pia, pes=pes, provider_input="Weekly, please.")
    assert (back.status, back.provider_input) == ("draft", "Weekly, please.")
    services.pes_update(actor=associate_ann, pes=back, data={"engagement_approach": "Weekly."})


def test_a_draft_cannot_be_signed_and_a_signed_one_cannot_be_edited(ne_order, maple,
                                                                    associate_ann, pia, me_a3c):
    pes = services.pes_create(actor=associate_ann, task_order=ne_order, provider=maple,
                              data={"qi_lead_name": "Pia", "engagement_approach": "Coaching."})
    with pytest.raises(WorkflowConflict, match="Cannot sign"):
        services.pes_sign(actor=pia, pes=pes)
    signed = services.pes_sign(actor=pia, pes=services.pes_present(actor=associate_ann,
                                                                    pes=pes))
    with pytest.raises(WorkflowConflict, match="re-evaluate a signed one"):
        services.pes_update(actor=associate_ann, pes=signed, data={"needs_summary": "x"})


def test_each_re_evaluation_falls_due_12_months_after_the_last_anniversary_of_the_first(
        ne_order, maple, associate_ann, pia, me_a3c):
    """Seed 001: "12 months after initial submission and every 12 months after"."""
    with builders.on(date(2025, 2, 3)):
        pes = services.pes_present(actor=associate_ann, pes=services.pes_create(
            actor=associate_ann, task_order=ne_order, provider=maple,
            data={"qi_lead_name": "Pia", "engagement_approach": "Coaching."}))
    with builders.on(date(2025, 3, 10)):
        signed = services.pes_sign(actor=pia, pes=pes)
    with builders.on(date(2026, 2, 20)):
        second = services.pes_present(actor=associate_ann, pes=services.pes_reevaluate(
            actor=associate_ann, pes=signed))
    with builders.on(date(2026, 3, 2)):
        second = services.pes_sign(actor=pia, pes=second)
    assert second.reevaluation_due == date(2027, 2, 3)  # not 2027-03-02, not 2027-02-20


def test_the_re_evaluation_is_a_new_version(ne_order, maple, associate_ann, pia, me_a3c):
    signed = builders.signed_pes(ne_order, maple, associate_ann, pia)
    with pytest.raises(WorkflowConflict, match="already has a PES"):
        services.pes_create(actor=associate_ann, task_order=ne_order, provider=maple)
    second = services.pes_reevaluate(actor=associate_ann, pes=signed)
    assert (second.version, second.status, second.qi_lead_name) == (2, "draft", "Pia")
    with pytest.raises(WorkflowConflict, match="signed latest"):
        services.pes_reevaluate(actor=associate_ann, pes=signed)


def test_the_month_12_pes_deliverable_is_delivered_once_the_target_is_covered(
        ne_order, maple, associate_ann, pia, me_a3c, cor_bob):
    psa_target_set(actor=cor_bob, task_order=ne_order, target=1)
    deliverable = Deliverable.objects.get(task_order=ne_order, kind="pes")
    assert deliverable.delivered_at is None
    builders.signed_pes(ne_order, maple, associate_ann, pia)
    deliverable.refresh_from_db()
    assert deliverable.delivered_at is not None
