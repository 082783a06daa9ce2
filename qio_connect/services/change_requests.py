"""Requests to modify published library content ("Users can submit requests to modify existing
content to NLC", seed 001); the NLC / Delegated Administrator accepts or declines them."""

from django.db import transaction

from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.validation import optional_text, require_text
from qis_portal.workflow import WorkflowConflict, lock, require_permission, run_transition

from ..models import ChangeRequest, LibraryItem
from .common import moderators, url

KIND = "connect.change_request"


@transaction.atomic
def change_request_create(*, actor, item: LibraryItem, body: str,
                          request=None) -> ChangeRequest:
    require_permission(actor, "qio_connect.add_changerequest", item, action="changerequest.create",
                       request=request)
    body = require_text(body, "body", "Say what should change.", 2000)
    item = lock(LibraryItem, item.pk)
    if item.status != LibraryItem.Status.PUBLISHED:
        raise WorkflowConflict("Changes can be requested on published content only.",
                               current_state=item.status)
    change = ChangeRequest.objects.create(item=item, requested_by=actor, body=body)
    audit_record(action="changerequest.create", actor=actor, target=change, request=request,
                 to_state=change.status, details={"item": item.pk})
    notify_on_commit(recipients=[*moderators(), item.author], kind=KIND, exclude=actor,
                     title=f"Change requested on “{item.title}”"[:200], body=body,
                     url=url("item_detail", item.pk))
    return change


def _decide(*, actor, change: ChangeRequest, transition: str, note: str, request,
            verdict: str) -> ChangeRequest:
    def before(locked: ChangeRequest) -> None:
        locked.decided_by = actor
        locked.decision_note = note

    def after(decided: ChangeRequest) -> None:
        notify_on_commit(
            recipients=[decided.requested_by], kind=KIND, exclude=actor,
            title=f"Your change request on “{decided.item.title}” was {verdict}"[:200],
            body=note, url=url("item_detail", decided.item_id))

    return run_transition(obj=change, transition=transition, actor=actor, note=note,
                          permission="qio_connect.decide_changerequest", request=request,
                          before=before, after=after)


def change_request_accept(*, actor, change: ChangeRequest, note: str = "",
                          request=None) -> ChangeRequest:
    return _decide(actor=actor, change=change, transition="accept", request=request,
                   note=optional_text(note, "note", 2000), verdict="accepted")


def change_request_decline(*, actor, change: ChangeRequest, reason: str,
                           request=None) -> ChangeRequest:
    return _decide(actor=actor, change=change, transition="decline", request=request,
                   note=require_text(reason, "reason", "Say why it is declined.", 2000),
                   verdict="declined")
