"""FQS request writes: creation by anyone, intake edits, notes, files, approve and reject (seed
001, FQS Request Creation and Request Approval)."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fqs.models import Activation, FqsRequest, RequestAttachment, RequestNote, RequestSource
from fqs.selectors import facilities_for_picker
from fqs.uploads import validate_upload
from qis_portal.models import Role
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.uploads import safe_display_name
from qis_portal.validation import require_text
from qis_portal.workflow import WorkflowConflict, locked_write, require_permission, run_transition

from .common import cors, users_with_role
from .handoffs import support_handoff_open
from .verifications import medicare_unverified_reason

CCN = re.compile(r"^[A-Za-z0-9]{6}$")
EDITABLE_FIELDS = ("source", "provider", "facility_name", "facility_ccn", "facility_state",
                   "description", "aims", "sub_aims", "work_description")
REVIEW = "fqs.review_fqsrequest"
REFUSAL = "You do not have permission to do this on the FQS request."


def _facility_fields(provider, facility_name: str, facility_ccn: str, facility_state: str):
    """A directory provider, or a free-text facility with its CCN (seed 001: a provider may
    not be in the system yet)."""
    if provider is not None:
        return {"provider": provider, "facility_name": "", "facility_ccn": "",
                "facility_state": "", "region": provider.region}
    name = (facility_name or "").strip()
    ccn = (facility_ccn or "").strip()
    errors = {}
    if not name:
        errors["facility_name"] = "Choose a facility from the directory or name the facility."
    if not ccn:
        errors["facility_ccn"] = "Give the CCN of a facility that is not in the directory."
    elif not CCN.match(ccn):
        errors["facility_ccn"] = "A CCN is exactly 6 letters or digits."
    if errors:
        raise ValidationError(errors)
    return {"provider": None, "facility_name": name[:200], "facility_ccn": ccn[:10],
            "facility_state": (facility_state or "").strip().upper()[:2], "region": ""}


def fqs_request_create(*, actor, source: str, description: str, provider=None,
                       facility_name: str = "", facility_ccn: str = "",
                       facility_state: str = "", files=(), request=None) -> FqsRequest:
    require_permission(actor, "fqs.add_fqsrequest", action="fqsrequest.create",
                       request=request, message="Sign in to submit an FQS request.")
    if source not in RequestSource.values:
        raise ValidationError({"source": "Choose one of the listed sources."})
    description = require_text(description, "description", "Describe the need.")
    if provider is not None and not facilities_for_picker(actor).filter(pk=provider.pk).exists():
        raise ValidationError({"provider": "Choose one of your own facilities."})
    with transaction.atomic():
        return _create(actor, source, description, provider, facility_name, facility_ccn,
                       facility_state, files, request)


def _create(actor, source, description, provider, facility_name, facility_ccn, facility_state,
            files, request) -> FqsRequest:
    fqs_request = FqsRequest.objects.create(
        source=source, description=description, submitted_by=actor,
        **_facility_fields(provider, facility_name, facility_ccn, facility_state),
    )
    audit_record(action="fqsrequest.create", actor=actor, target=fqs_request,
                 to_state=fqs_request.status, request=request,
                 details={"source": source, "provider": provider.pk if provider else None})
    for upload in files:
        _attach(fqs_request, actor, upload, request)
    notify_on_commit(
        recipients=users_with_role(Role.CMS_INTAKE_REVIEWER), kind="fqs.request",
        title=f"New FQS request #{fqs_request.pk}: {fqs_request.facility_label}",
        body=fqs_request.get_source_display(), url=f"/fqs/requests/{fqs_request.pk}/",
        awaiting=fqs_request,
    )
    return fqs_request


def fqs_request_update(*, fqs_request: FqsRequest, actor, data: dict, route_cors=None,
                       route_smes=None, request=None) -> FqsRequest:
    """The Intake Reviewer edits and adds information while the request is under review."""
    with locked_write(fqs_request, actor=actor, permission=REVIEW, action="fqsrequest.update",
                      request=request, message=REFUSAL) as locked:
        return _update(locked, actor, data, route_cors, route_smes, request)


def _update(locked: FqsRequest, actor, data: dict, route_cors, route_smes, request):
    if locked.status != FqsRequest.Status.NEW:
        raise WorkflowConflict(
            f"The request is {locked.get_status_display().lower()}; its intake details are final.",
            current_state=locked.status)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in unknown})
    if "source" in data and data["source"] not in RequestSource.values:
        raise ValidationError({"source": "Choose one of the listed sources."})
    if {"provider", "facility_name", "facility_ccn", "facility_state"} & set(data):
        merged = {key: data.get(key, getattr(locked, key))
                  for key in ("provider", "facility_name", "facility_ccn", "facility_state")}
        data = {**data, **_facility_fields(**merged)}
    if "description" in data:
        data["description"] = require_text(data["description"], "description",
                                           "Describe the need.")
    changed = []
    for name, value in data.items():
        if getattr(locked, name) != value:
            setattr(locked, name, value)
            changed.append(name)
    locked.save()
    if route_cors is not None:
        if any(not user.has_role(Role.CMS_COR) for user in route_cors):
            raise ValidationError({"route_cors": "Route only to users who are CORs."})
        locked.route_cors.set(route_cors)
        changed.append("route_cors")
    if route_smes is not None:
        if any(not user.is_cms for user in route_smes):
            raise ValidationError({"route_smes": "Subject-matter experts are CMS users."})
        locked.route_smes.set(route_smes)
        changed.append("route_smes")
    audit_record(action="fqsrequest.update", actor=actor, target=locked, request=request,
                 details={"fields": sorted(set(changed))})
    return locked


def fqs_request_note_add(*, fqs_request: FqsRequest, actor, body: str, request=None
                         ) -> RequestNote:
    body = require_text(body, "body", "Write the note.")
    with locked_write(fqs_request, actor=actor, permission=REVIEW, action="fqsrequest.note",
                      request=request, message=REFUSAL) as locked:
        note = RequestNote.objects.create(request=locked, author=actor, body=body)
        audit_record(action="fqsrequest.note", actor=actor, target=locked, request=request,
                     note=body[:500])
    return note


def _attach(fqs_request, actor, upload, request) -> RequestAttachment:
    content_type = validate_upload(upload)
    attachment = RequestAttachment(
        request=fqs_request, original_name=safe_display_name(upload.name),
        content_type=content_type, size=upload.size, uploaded_by=actor,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    audit_record(action="fqsrequest.attach", actor=actor, target=fqs_request, request=request,
                 details={"file": attachment.original_name, "size": attachment.size})
    return attachment


def fqs_request_attach(*, fqs_request: FqsRequest, actor, upload, request=None
                       ) -> RequestAttachment:
    with locked_write(fqs_request, actor=actor, permission="fqs.attach_fqsrequest",
                      action="fqsrequest.attach", request=request, message=REFUSAL) as locked:
        return _attach(locked, actor, upload, request)


def _medicare_verified(locked: FqsRequest) -> bool:
    if locked.medicare_verifications.exists():
        return True
    return locked.provider_id is not None and not medicare_unverified_reason(locked.provider)


def fqs_request_approve(*, fqs_request: FqsRequest, actor, note: str = "", request=None
                        ) -> FqsRequest:
    """On the SPL → Non-FQS Support, routed to the COR; off the SPL → FQS Activation."""

    def before(locked: FqsRequest) -> None:
        require_text(locked.work_description, "work_description",
                     "Describe the work before approving the request.")
        if not locked.facility_on_spl and not _medicare_verified(locked):
            raise WorkflowConflict(
                "The facility is not on the SPL and its Medicare certification is not "
                "verified: record the verification (where, when, and the document) before "
                "approving.", current_state=locked.status)
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        locked.decision_reason = note.strip()

    def after(locked: FqsRequest) -> None:
        url = f"/fqs/requests/{locked.pk}/"
        if locked.status == FqsRequest.Status.FQS_ACTIVATION:
            activation = Activation.objects.create(request=locked)
            audit_record(action="activation.create", actor=actor, target=activation,
                         to_state=activation.status, request=request)
            notify_on_commit(
                recipients=users_with_role(Role.CMS_FQS_REVIEWER), kind="fqs.activation",
                title=f"FQS activation #{activation.pk} to prepare: {locked.facility_label}",
                body="The intake reviewer approved the request; the facility is not on the "
                     "SPL.", url=f"/fqs/activations/{activation.pk}/", awaiting=activation,
            )
        else:
            handoff = support_handoff_open(fqs_request=locked, actor=actor, request=request)
            notify_on_commit(
                recipients=list(locked.route_cors.all()) or cors(), kind="fqs.request",
                title=f"Non-FQS support: {locked.facility_label}",
                body=f"The facility is on the SPL: handed to {handoff.organization} to bring "
                     "into its regular QI engagement; you will hear whether it accepts.",
                url=url,
            )
        notify_on_commit(recipients=[locked.submitted_by], kind="fqs.request",
                         title=f"Your FQS request #{locked.pk} was approved",
                         body=locked.get_status_display(), url=url)

    return run_transition(obj=fqs_request, transition="approve", actor=actor,
                          permission=REVIEW, note=note, request=request, before=before,
                          after=after)


def fqs_request_reject(*, fqs_request: FqsRequest, actor, reason: str, request=None
                       ) -> FqsRequest:
    reason = (reason or "").strip()

    def before(locked: FqsRequest) -> None:
        require_text(reason, "reason", "Give the reason for rejecting the request.")
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        locked.decision_reason = reason

    def after(locked: FqsRequest) -> None:
        notify_on_commit(recipients=[locked.submitted_by], kind="fqs.request",
                         title=f"Your FQS request #{locked.pk} was not accepted", body=reason,
                         url=f"/fqs/requests/{locked.pk}/")

    return run_transition(obj=fqs_request, transition="reject", actor=actor,
                          permission=REVIEW, note=reason, request=request, before=before,
                          after=after)
