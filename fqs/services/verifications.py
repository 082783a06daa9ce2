"""Recording a facility's Medicare certification verification, and the one check the intake
approval and the launch make (seed 001, FQS Request Approval and Referral Execution)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from fqs import sprint
from fqs.models import FqsRequest, MedicareVerification, Referral
from fqs.uploads import validate_upload
from qio_program.models import MedicareStatus, Provider
from qis_portal.services.audit import audit_record
from qis_portal.uploads import safe_display_name
from qis_portal.workflow import WorkflowConflict, locked_write

REFUSAL = "Only the intake reviewer, or the QIO of the referral, records the verification."


def _validated(source: str, verified_on: date | None, document) -> tuple[str, str]:
    errors = {}
    source = (source or "").strip()
    if not source:
        errors["source"] = "Say where the Medicare certification was verified."
    if verified_on is None or verified_on > sprint.today():
        errors["verified_on"] = "Give the date of the verification (not in the future)."
    content_type = ""
    if document is None:
        errors["document"] = "Upload the certification document."
    else:
        try:
            content_type = validate_upload(document)
        except ValidationError as exc:
            errors["document"] = exc.messages[0]
    if errors:
        raise ValidationError(errors)
    return source[:200], content_type


def _record(*, actor, source, verified_on, document, content_type, fqs_request=None,
            provider=None, request=None) -> MedicareVerification:
    row = MedicareVerification(
        fqs_request=fqs_request, provider=provider, source=source, verified_on=verified_on,
        original_name=safe_display_name(document.name), content_type=content_type,
        size=document.size, verified_by=actor)
    row.document.save(document.name, document, save=False)
    row.save()
    if provider is not None:
        Provider.objects.filter(pk=provider.pk).update(
            medicare_status=MedicareStatus.ACTIVE, medicare_verified_at=timezone.now(),
            updated_at=timezone.now())
        audit_record(action="provider.medicare_verified", actor=actor, target=provider,
                     request=request, details={"source": source,
                                               "verified_on": verified_on.isoformat()})
    return row


def fqs_request_verify_medicare(*, fqs_request: FqsRequest, actor, source: str,
                                verified_on: date | None, document, request=None
                                ) -> MedicareVerification:
    """The intake reviewer records the verification (with the document) while reviewing."""
    source, content_type = _validated(source, verified_on, document)
    with locked_write(fqs_request, actor=actor, permission="fqs.review_fqsrequest",
                      action="fqsrequest.verify_medicare", request=request,
                      message=REFUSAL) as locked:
        if locked.status != FqsRequest.Status.NEW:
            raise WorkflowConflict(
                f"The request is {locked.get_status_display().lower()}; its intake is final.",
                current_state=locked.status)
        row = _record(actor=actor, source=source, verified_on=verified_on, document=document,
                      content_type=content_type, fqs_request=locked, provider=locked.provider,
                      request=request)
        audit_record(action="fqsrequest.verify_medicare", actor=actor, target=locked,
                     request=request, details={"source": source, "file": row.original_name})
    return row


def referral_verify_medicare(*, referral: Referral, actor, source: str,
                             verified_on: date | None, document, request=None
                             ) -> MedicareVerification:
    """The referral's QIO uploads the credentials of its directory provider."""
    source, content_type = _validated(source, verified_on, document)
    with locked_write(referral, actor=actor, permission="fqs.create_provider",
                      action="referral.verify_medicare", request=request,
                      message=REFUSAL) as locked:
        if locked.provider_id is None:
            raise WorkflowConflict("Create the provider first: the facility is not in the "
                                   "directory.", current_state=locked.status)
        if locked.status == Referral.Status.CLOSED:
            raise WorkflowConflict("The referral is closed out.", current_state=locked.status)
        row = _record(actor=actor, source=source, verified_on=verified_on, document=document,
                      content_type=content_type, provider=locked.provider, request=request)
        audit_record(action="referral.verify_medicare", actor=actor, target=locked,
                     request=request, details={"source": source, "file": row.original_name})
    return row


def provider_verification_recorded(provider: Provider, actor, source: str, verified_on: date,
                                   document, request=None) -> MedicareVerification:
    """The evidence of a provider the QIO creates for its referral (already validated)."""
    content_type = validate_upload(document)
    return _record(actor=actor, source=source[:200], verified_on=verified_on,
                   document=document, content_type=content_type, provider=provider,
                   request=request)


def medicare_unverified_reason(provider: Provider | None) -> str:
    """Why a facility is not eligible for an FQS yet, or "" when it is: an inactive or
    terminated certification never is; an SPL (or AIAN) provider was checked through the SPL;
    any other needs a verification on record with an active certification."""
    if provider is None:
        return "The facility is not in the directory."
    if provider.medicare_status in (MedicareStatus.INACTIVE, MedicareStatus.TERMINATED):
        return (f"{provider}'s Medicare certification is "
                f"{provider.get_medicare_status_display().lower()}.")
    if provider.spl_eligible:
        return ""
    if (provider.medicare_status != MedicareStatus.ACTIVE
            or not provider.medicare_verifications.exists()):
        return (f"{provider}'s Medicare certification is "
                f"{provider.get_medicare_status_display().lower()} with no verification on "
                "record: record where it was verified, when, and upload the document.")
    return ""
