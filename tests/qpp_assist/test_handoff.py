"""Warm hand-offs and route overrides: HandOff rows, the owner moved through run_transition,
the clinician told who has it, the whole chain kept; illegal steps are conflicts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qis_portal.models import AuditEvent, Notification
from qis_portal.workflow import WorkflowConflict
from qpp_assist import selectors, services
from qpp_assist.models import HandOff, Inquiry
from qpp_assist.who_does_what import PTN, QIN_QIO_QPP, QPP_SURS

pytestmark = pytest.mark.django_db


@pytest.fixture
def routed(submit):
    return submit()  # with the Northeast QIN-QIO: QPP


def hand_off(inquiry, actor, to, note="Not ours."):
    return services.inquiry_hand_off(inquiry=inquiry, actor=actor, to_contractor=to, note=note)


def test_a_warm_hand_off_moves_the_inquiry_and_tells_the_clinician_who_has_it(
        routed, quinn_qpp, sue, pia, contractors, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        handoff = hand_off(routed, quinn_qpp, contractors[QPP_SURS],
                           note="The group has 9 clinicians, not 20.")
    routed.refresh_from_db()
    assert routed.contractor == contractors[QPP_SURS]
    assert routed.status == Inquiry.Status.ROUTED
    assert (handoff.kind, handoff.from_contractor, handoff.to_contractor, handoff.by) == (
        HandOff.Kind.HAND_OFF, contractors[QIN_QIO_QPP], contractors[QPP_SURS], quinn_qpp)
    told = Notification.objects.filter(recipient=pia, kind="qpp.inquiry_update").latest("id")
    assert told.title == (f"Your QPP inquiry #{routed.pk} is now with Northeast QPP Small, "
                          "Underserved and Rural Support")
    warm = Notification.objects.get(recipient=sue, kind="qpp.inquiry_assigned")
    assert "The group has 9 clinicians, not 20." in warm.body
    event = AuditEvent.objects.get(action="inquiry.hand_off", target_id=str(routed.pk))
    assert (event.from_state, event.to_state, event.note) == (
        "routed", "routed", "The group has 9 clinicians, not 20.")


def test_the_chain_keeps_every_step_in_order(routed, quinn_qpp, sue, kit, contractors):
    hand_off(routed, quinn_qpp, contractors[QPP_SURS])
    hand_off(routed, sue, contractors[PTN])
    services.inquiry_respond(inquiry=routed, actor=kit, response="Answered by the PTN.")
    chain = [(h.from_contractor.contractor_type.code, h.to_contractor.contractor_type.code)
             for h in routed.handoffs.all()]
    assert chain == [(QIN_QIO_QPP, QPP_SURS), (QPP_SURS, PTN)]
    routed.refresh_from_db()
    assert routed.status == Inquiry.Status.ANSWERED and routed.contractor == contractors[PTN]


def test_the_handing_organization_keeps_read_only_sight_of_it(routed, quinn_qpp, contractors):
    hand_off(routed, quinn_qpp, contractors[QPP_SURS])
    routed.refresh_from_db()
    assert selectors.inquiries_for_user(quinn_qpp).filter(pk=routed.pk).exists()
    assert quinn_qpp.has_perm("qpp_assist.view_inquiry", routed)
    for perm in ("respond_inquiry", "hand_off_inquiry", "override_route_inquiry"):
        assert not quinn_qpp.has_perm(f"qpp_assist.{perm}", routed)
    with pytest.raises(PermissionDenied):
        services.inquiry_respond(inquiry=routed, actor=quinn_qpp, response="Too late.")


def test_only_the_receiving_contractor_hands_off(routed, sue, hal, pia, contractors):
    for user in (sue, hal, pia):
        with pytest.raises(PermissionDenied):
            hand_off(routed, user, contractors[QPP_SURS])
    assert not HandOff.objects.exists()


def test_a_hand_off_needs_a_note_and_another_contractor(routed, quinn_qpp, contractors):
    with pytest.raises(ValidationError) as exc:
        hand_off(routed, quinn_qpp, contractors[QPP_SURS], note="  ")
    assert "note" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        hand_off(routed, quinn_qpp, contractors[QIN_QIO_QPP])
    assert "to_contractor" in exc.value.message_dict
    with pytest.raises(ValidationError):
        hand_off(routed, quinn_qpp, 999999)


def test_an_answered_inquiry_cannot_be_handed_off_answered_again_or_rerouted(
        routed, quinn_qpp, hal, contractors):
    services.inquiry_respond(inquiry=routed, actor=quinn_qpp, response="Here it is.")
    with pytest.raises(WorkflowConflict):
        services.inquiry_respond(inquiry=routed, actor=hal, response="Again.")
    with pytest.raises(WorkflowConflict):
        services.inquiry_override_route(inquiry=routed, actor=hal,
                                        to_contractor=contractors[QPP_SURS], reason="Late.")
    with pytest.raises(WorkflowConflict):
        hand_off(routed, quinn_qpp, contractors[QPP_SURS])


def test_a_help_desk_inquiry_cannot_be_handed_off_only_rerouted(submit, hal, contractors):
    inquiry = submit(advanced_apm=True)
    assert inquiry.status == Inquiry.Status.HELP_DESK
    with pytest.raises(PermissionDenied):
        hand_off(inquiry, hal, contractors[QPP_SURS])
    handoff = services.inquiry_override_route(
        inquiry=inquiry, actor=hal, to_contractor=contractors[QIN_QIO_QPP],
        reason="The practice left its advanced APM last month.")
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.ROUTED
    assert inquiry.route_overridden is True and inquiry.respond_by is not None
    assert handoff.kind == HandOff.Kind.OVERRIDE and handoff.from_contractor is None
    assert handoff.from_label == "CMS help desk"


def test_the_receiving_contractor_may_override_with_a_reason_and_it_is_audited(
        routed, quinn_qpp, contractors):
    with pytest.raises(ValidationError) as exc:
        services.inquiry_override_route(inquiry=routed, actor=quinn_qpp,
                                        to_contractor=contractors[PTN], reason="")
    assert "reason" in exc.value.message_dict
    services.inquiry_override_route(inquiry=routed, actor=quinn_qpp,
                                    to_contractor=contractors[PTN],
                                    reason="Enrolled in Keystone PTN since March.")
    event = AuditEvent.objects.get(action="inquiry.override_route", target_id=str(routed.pk))
    assert event.note == "Enrolled in Keystone PTN since March."
    assert event.details["kind"] == "override"


def test_a_refused_override_by_someone_else_leaves_no_trace_of_a_move(routed, sue, contractors):
    with pytest.raises(PermissionDenied):
        services.inquiry_override_route(inquiry=routed, actor=sue,
                                        to_contractor=contractors[QPP_SURS], reason="Mine.")
    routed.refresh_from_db()
    assert routed.contractor == contractors[QIN_QIO_QPP]
    assert not HandOff.objects.exists()
