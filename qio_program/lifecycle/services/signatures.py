"""How a provider signs a PES or PSA without a portal account (issue 15, item 4).

The QIO e-mails a signing link to one of the provider's contacts (its QI lead / point of
contact, seed 001: the PES "is presented to the provider/outpatient clinical practice QI Lead or
point of contact (POC) for review, input and sign off"); the contact opens the document from
the link and signs it, and the step is the agreement's own `sign` transition taken by the
link's holder (`qis_portal.onetime_links.LinkHolder`), audited under the contact's e-mail with
the address it came from. Or the QIO records a paper signature with the scanned page.
`stamp_signature` records who, how, when and from where for every one of the three ways.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from qio_program.lifecycle.choices import PesStatus, PsaStatus
from qio_program.lifecycle.models import SignatureMethod
from qio_program.models import ProviderContact
from qis_portal import onetime_links, uploads
from qis_portal.onetime_links import LinkHolder
from qis_portal.services.audit import audit_record, client_ip
from qis_portal.services.outbox import queue_email
from qis_portal.uploads import FileType
from qis_portal.workflow import WorkflowConflict, locked_write

SCAN_TYPES = {
    "pdf": FileType("application/pdf", "PDF"),
    "png": FileType("image/png", "PNG"),
    "jpg": FileType("image/jpeg", "JPEG"),
    "jpeg": FileType("image/jpeg", "JPEG"),
}
SCAN_MAX_BYTES = 10 * 1024 * 1024

# Per document kind: the link's purpose, the state a signature is asked in, its name.
PURPOSES = {"providerengagementstrategy": "pes.sign", "providerserviceagreement": "psa.sign"}
AWAITING = {"providerengagementstrategy": PesStatus.PRESENTED,
            "providerserviceagreement": PsaStatus.SENT}
NOUNS = {"providerengagementstrategy": "Provider Engagement Strategy",
         "providerserviceagreement": "Provider Service Agreement"}


@dataclass(frozen=True)
class PaperSignature:
    """A signature on paper, recorded by the QIO: who signed, on which day, the scan."""

    contact: ProviderContact
    signed_on: date
    scan: UploadedFile


def purpose_of(document) -> str:
    return PURPOSES[document._meta.model_name]


def _require_contact_of(document, contact: ProviderContact | None, *, field: str) -> None:
    if contact is None or contact.provider_id != document.provider_id:
        raise ValidationError({field: "Choose one of this provider's contacts."})


def signature_link_send(document, *, actor, contact: ProviderContact, permission: str,
                        request=None):
    """E-mail `contact` a one-time link to review and sign `document` (sent or presented)."""
    model = document._meta.model_name
    action = f"{model}.signature_link_send"
    with locked_write(document, actor=actor, permission=permission, action=action,
                      request=request) as locked:
        if locked.status != AWAITING[model]:
            raise WorkflowConflict(
                f"Send the {NOUNS[model]} to the provider first; it is "
                f"{locked.get_status_display().lower()}.", current_state=locked.status)
        _require_contact_of(locked, contact, field="contact")
        if not contact.email:
            raise ValidationError({"contact": f"{contact.name} has no e-mail address; add one "
                                              "on the provider's page."})
        locked.signature_requested_from = contact
        locked.save(update_fields=["signature_requested_from", "updated_at"])
        link, token = onetime_links.create_link(
            purpose=PURPOSES[model], target=locked, email=contact.email, name=contact.name,
            actor=actor, request=request)
        queue_email(
            to=contact.email,
            subject=f"Please review and sign: {NOUNS[model]} with {locked.task_order.qio}",
            body=(f"Dear {contact.name},\n\n{locked.task_order.qio} asks {locked.provider} to "
                  f"review and sign its {NOUNS[model]}. Open this link to read it and sign "
                  f"or ask for changes (it works once, until "
                  f"{timezone.localtime(link.expires_at):%Y-%m-%d %H:%M %Z}):\n\n"
                  f"{onetime_links.link_url(token)}\n"))
        audit_record(action=action, actor=actor, target=locked, request=request,
                     details={"contact": contact.pk, "link": link.pk})
    return locked


def stamp_signature(locked, *, actor, request=None, paper: PaperSignature | None = None,
                    signature_name: str = "") -> None:
    """Record on `locked` who signed, how, when and from where (inside the sign step)."""
    now = timezone.now()
    locked.signed_at, locked.signed_ip = now, client_ip(request)
    locked.signed_on = timezone.localdate(now)
    locked.signed_by = None
    if paper is not None:
        _require_contact_of(locked, paper.contact, field="contact")
        if paper.signed_on > locked.signed_on:
            raise ValidationError({"signed_on": "The paper signature cannot be dated later "
                                                "than today."})
        kind = uploads.validate_upload(paper.scan, types=SCAN_TYPES, max_bytes=SCAN_MAX_BYTES,
                                       field="scan")
        locked.signature_method, locked.signed_by_contact = SignatureMethod.PAPER, paper.contact
        locked.signed_on, locked.signature_name = paper.signed_on, paper.contact.name
        locked.paper_scan_name = uploads.safe_display_name(paper.scan.name)
        locked.paper_scan.save(f"scan.{kind.label.lower()}", paper.scan, save=False)
    elif isinstance(actor, LinkHolder):
        name = (signature_name or "").strip()
        if not name:
            raise ValidationError({"signature_name": "Type your full name to sign."})
        locked.signature_method = SignatureMethod.LINK
        locked.signed_by_contact = locked.signature_requested_from
        locked.signature_name = name[:200]
    else:
        locked.signature_method, locked.signed_by = SignatureMethod.PORTAL, actor
        locked.signature_name = actor.get_full_name() or actor.email
