"""Signatures without a portal account: the QIO e-mails a contact a signing link or records a
paper signature; the contact signs from the link (qis_portal.onetime_links, a public page)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from qio_program.lifecycle import selectors
from qio_program.lifecycle.forms import ContactChoiceForm, LinkSignatureForm, PaperSignatureForm
from qio_program.lifecycle.services import pes as pes_services
from qio_program.lifecycle.services import psa as psa_services
from qio_program.lifecycle.services.signatures import AWAITING, NOUNS, PaperSignature
from qis_portal import onetime_links
from qis_portal.views.common import (
    bound,
    bound_files,
    call_service,
    errors_to_form,
    form_error_message,
    require_perm,
    run_action,
)
from qis_portal.workflow import WorkflowConflict


@dataclass(frozen=True)
class Kind:
    arg: str  # the services' keyword for the document
    selector: Callable
    change: str
    sign_perm: str
    link_send: Callable
    sign: Callable
    send_back: Callable  # (actor, document, text, request)


KINDS = {
    "pes": Kind("pes", selectors.pes_for, pes_services.CHANGE, pes_services.SIGN,
                pes_services.pes_signature_link_send, pes_services.pes_sign,
                lambda actor, doc, text, request: pes_services.pes_request_changes(
                    actor=actor, pes=doc, provider_input=text, request=request)),
    "psa": Kind("psa", selectors.psas_for, psa_services.CHANGE, psa_services.SIGN,
                psa_services.psa_signature_link_send, psa_services.psa_sign,
                lambda actor, doc, text, request: psa_services.psa_decline(
                    actor=actor, psa=doc, comments=text, request=request)),
}
KIND_OF_MODEL = {"providerengagementstrategy": "pes", "providerserviceagreement": "psa"}


def signature_form_for(document, user) -> ContactChoiceForm | None:
    """The QIO's "e-mail a signing link" form while the document waits for a signature."""
    spec = KINDS[KIND_OF_MODEL[document._meta.model_name]]
    if document.status != AWAITING[document._meta.model_name] or not user.has_perm(
            spec.change, document):
        return None
    return ContactChoiceForm(provider=document.provider,
                             initial={"contact": document.provider.contacts.first()})


def _document(request, kind: str, pk: int):
    if kind not in KINDS:
        raise Http404
    return KINDS[kind], get_object_or_404(KINDS[kind].selector(request.user), pk=pk)


@require_POST
def signature_link_send(request, kind: str, pk: int):
    spec, document = _document(request, kind, pk)
    require_perm(request, spec.change, document)
    form = ContactChoiceForm(request.POST, provider=document.provider)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(document)
    contact = form.cleaned_data["contact"]
    return run_action(request, document.get_absolute_url(), spec.link_send,
                      f"A signing link was e-mailed to {contact.name} ({contact.email}).",
                      **{spec.arg: document}, contact=contact)


def paper_signature(request, kind: str, pk: int):
    spec, document = _document(request, kind, pk)
    require_perm(request, spec.change, document)
    form = PaperSignatureForm(bound(request), bound_files(request), provider=document.provider)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        paper = PaperSignature(contact=data["contact"], signed_on=data["signed_on"],
                               scan=data["scan"])
        done = call_service(request, spec.sign, form=form, paper=paper,
                            **{spec.arg: document})
        if done.ok or done.conflict:
            if done.ok:
                messages.success(request, "The paper signature was recorded with its scan.")
            return redirect(document)
    return render(request, "lifecycle/paper_signature.html", {
        "form": form, "obj": document, "noun": NOUNS[document._meta.model_name]})


def sign_by_link(request, link, token: str):
    """The contact's page: the document, then sign or ask for changes (one use)."""
    document = link.target
    spec = KINDS[KIND_OF_MODEL[document._meta.model_name]]
    awaiting = document.status == AWAITING[document._meta.model_name]
    form = LinkSignatureForm(bound(request))
    conflict = ""
    if request.method == "POST" and awaiting and form.is_valid():
        data = form.cleaned_data
        try:
            with onetime_links.consume(token, purpose=link.purpose,
                                       permissions=(spec.sign_perm,),
                                       request=request) as holder:
                if data["decision"] == "sign":
                    spec.sign(actor=holder, request=request,
                              signature_name=data["signature_name"], **{spec.arg: document})
                else:
                    spec.send_back(holder, document, data["comments"], request)
        except ValidationError as exc:
            errors_to_form(form, exc)
        except WorkflowConflict as exc:
            conflict = exc.message
        else:
            document.refresh_from_db()
            return render(request, "lifecycle/sign_by_link_done.html", {
                "obj": document, "noun": NOUNS[document._meta.model_name],
                "signed": data["decision"] == "sign"})
    return render(request, "lifecycle/sign_by_link.html", {
        "obj": document, "kind": KIND_OF_MODEL[document._meta.model_name], "form": form,
        "noun": NOUNS[document._meta.model_name], "awaiting": awaiting, "conflict": conflict,
        "link": link})
