"""Warm hand-offs and routing overrides (seed 004: “one contractor to refer a clinician to
another contractor via a warm hand-off”). Each is a HandOff row; the owner changes through
run_transition and the response clock restarts."""

from django.core.exceptions import ValidationError

from qis_portal.validation import require_text
from qis_portal.workflow import run_transition
from qpp_assist import selectors
from qpp_assist.models import Contractor, HandOff, Inquiry

from .common import start_clock
from .inquiries import announce_owner


def _target(contractor, current_id) -> Contractor:
    pk = contractor.pk if isinstance(contractor, Contractor) else contractor
    target = (selectors.active_contractors().filter(pk=pk).first()
              if str(pk or "").isdigit() else None)
    if target is None:
        raise ValidationError({"to_contractor": "Choose a contractor on record."})
    if target.pk == current_id:
        raise ValidationError({"to_contractor": "The inquiry is already with this "
                                                "contractor; choose another."})
    return target


def _reassign(*, inquiry: Inquiry, actor, to_contractor, note: str, kind: str,
              transition: str, permission: str, request=None) -> HandOff:
    target = _target(to_contractor, inquiry.contractor_id)
    made: list[HandOff] = []

    def before(locked: Inquiry) -> None:
        if locked.contractor_id == target.pk:
            raise ValidationError({"to_contractor": "The inquiry is already with this "
                                                    "contractor; choose another."})
        from_contractor = locked.contractor
        start_clock(locked, target)
        if kind == HandOff.Kind.OVERRIDE:
            locked.route_overridden = True
            locked.priority = False
        made.append(HandOff.objects.create(
            inquiry=locked, kind=kind, from_contractor=from_contractor, to_contractor=target,
            note=note, by=actor, respond_by=locked.respond_by))

    verb = "handed off" if kind == HandOff.Kind.HAND_OFF else "re-routed"
    run_transition(obj=inquiry, transition=transition, actor=actor, permission=permission,
                   note=note, request=request, before=before,
                   after=lambda moved: announce_owner(moved, headline=verb, note=note),
                   details={"to_contractor": target.pk, "kind": kind})
    return made[0]


def inquiry_hand_off(*, inquiry: Inquiry, actor, to_contractor, note: str,
                     request=None) -> HandOff:
    """The receiving contractor refers an inquiry that is not theirs to the right one, with a
    note for the next contractor; the clinician is told who has it now."""
    note = require_text(note, "note", "Say why, and what the next contractor should know.",
                        2000)
    return _reassign(inquiry=inquiry, actor=actor, to_contractor=to_contractor, note=note,
                     kind=HandOff.Kind.HAND_OFF, transition="hand_off",
                     permission="qpp_assist.hand_off_inquiry", request=request)


def inquiry_override_route(*, inquiry: Inquiry, actor, to_contractor, reason: str,
                           request=None) -> HandOff:
    """The CMS help desk or the receiving contractor sets the owner against the rules, with a
    reason (audited); an inquiry in the help desk queue leaves it this way."""
    reason = require_text(reason, "reason", "Give the reason for overriding the route.", 2000)
    return _reassign(inquiry=inquiry, actor=actor, to_contractor=to_contractor, note=reason,
                     kind=HandOff.Kind.OVERRIDE, transition="override_route",
                     permission="qpp_assist.override_route_inquiry", request=request)
