"""FQS request pages: submit, list, review (edit, notes, files, approve, reject), download."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fqs import selectors, services
from fqs.forms import (
    ApproveForm,
    AttachmentForm,
    FqsRequestForm,
    IntakeForm,
    MedicareVerificationForm,
    NoteForm,
    RejectForm,
)
from fqs.models import FqsRequest, RequestAttachment
from fqs.services.verifications import medicare_unverified_reason
from qis_portal.views.common import (
    bound,
    bound_files,
    call_service,
    form_error_message,
    require_perm,
    run_action,
)


def _get(request, pk: int) -> FqsRequest:
    fqs_request = get_object_or_404(selectors.requests_for_user(request.user), pk=pk)
    require_perm(request, "fqs.view_fqsrequest", fqs_request)
    return fqs_request


def request_list(request):
    require_perm(request, "fqs.view_fqsrequest")
    rows = selectors.requests_for_user(request.user)
    status = request.GET.get("status", "")
    if status in FqsRequest.Status.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "fqs/request_list.html", {
        "page": page, "status": status, "statuses": FqsRequest.Status.choices,
        "query": f"status={status}" if status else "",
    })


def request_create(request):
    require_perm(request, "fqs.add_fqsrequest")
    form = FqsRequestForm(bound(request), bound_files(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            request, services.fqs_request_create, form=form, source=data["source"],
            description=data["description"], provider=data["provider"],
            facility_name=data["facility_name"], facility_ccn=data["facility_ccn"],
            facility_state=data["facility_state"], files=data["files"])
        if done.ok:
            messages.success(request, f"FQS request #{done.result.pk} submitted for intake "
                                      "review.")
            return redirect("fqs:request_detail", pk=done.result.pk)
    return render(request, "fqs/request_form.html", {"form": form})


def request_detail(request, pk: int):
    fqs_request = _get(request, pk)
    user = request.user
    can_review = user.has_perm("fqs.review_fqsrequest", fqs_request)
    is_new = fqs_request.status == FqsRequest.Status.NEW
    return render(request, "fqs/request_detail.html", {
        "obj": fqs_request,
        "can_review": can_review and is_new,
        "can_note": can_review,
        "can_attach": user.has_perm("fqs.attach_fqsrequest", fqs_request),
        "note_form": NoteForm(), "attachment_form": AttachmentForm(),
        "verification_form": MedicareVerificationForm(),
        "medicare_unverified": ("" if fqs_request.facility_on_spl
                                else medicare_unverified_reason(fqs_request.provider)),
        "verifications": (selectors.medicare_verifications_for(user).filter(
            Q(fqs_request=fqs_request) | Q(provider__isnull=False,
                                           provider_id=fqs_request.provider_id))
            if user.is_cms else []),
        "approve_form": ApproveForm(), "reject_form": RejectForm(),
        "activation": getattr(fqs_request, "activation", None) if user.is_cms else None,
    })


def request_edit(request, pk: int):
    fqs_request = _get(request, pk)
    require_perm(request, "fqs.review_fqsrequest", fqs_request)
    form = IntakeForm.for_request(fqs_request, bound(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        route_cors = data.pop("route_cors")
        route_smes = data.pop("route_smes")
        done = call_service(request, services.fqs_request_update, form=form,
                            fqs_request=fqs_request, data=data, route_cors=list(route_cors),
                            route_smes=list(route_smes))
        if done.ok or done.conflict:
            if done.ok:
                messages.success(request, "Intake details saved.")
            return redirect(f"/fqs/requests/{pk}/")
    return render(request, "fqs/request_edit.html", {"obj": fqs_request, "form": form})


@require_POST
def request_note(request, pk: int):
    fqs_request = _get(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect("fqs:request_detail", pk=pk)
    return run_action(request, f"/fqs/requests/{pk}/", services.fqs_request_note_add,
                      "Note added.", fqs_request=fqs_request, body=form.cleaned_data["body"])


@require_POST
def request_attach(request, pk: int):
    fqs_request = _get(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect("fqs:request_detail", pk=pk)
    return run_action(request, f"/fqs/requests/{pk}/", services.fqs_request_attach,
                      "File attached.", fqs_request=fqs_request,
                      upload=form.cleaned_data["file"])


@require_POST
def request_approve(request, pk: int):
    fqs_request = _get(request, pk)
    form = ApproveForm(request.POST)
    form.is_valid()
    return run_action(request, f"/fqs/requests/{pk}/", services.fqs_request_approve,
                      "Request approved.", fqs_request=fqs_request,
                      note=form.cleaned_data.get("note", ""))


@require_POST
def request_reject(request, pk: int):
    fqs_request = _get(request, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect("fqs:request_detail", pk=pk)
    return run_action(request, f"/fqs/requests/{pk}/", services.fqs_request_reject,
                      "Request rejected.", fqs_request=fqs_request,
                      reason=form.cleaned_data["reason"])


def attachment_download(request, pk: int, attachment_id: int):
    """Always a download (Content-Disposition: attachment), never rendered inline."""
    fqs_request = _get(request, pk)
    attachment = get_object_or_404(RequestAttachment, pk=attachment_id, request=fqs_request)
    return _download(attachment.file, attachment.original_name, attachment.content_type)


@require_POST
def request_verify_medicare(request, pk: int):
    fqs_request = _get(request, pk)
    form = MedicareVerificationForm(request.POST, request.FILES)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect("fqs:request_detail", pk=pk)
    return run_action(request, f"/fqs/requests/{pk}/", services.fqs_request_verify_medicare,
                      "Medicare certification verification recorded.",
                      fqs_request=fqs_request, **form.cleaned_data)


def medicare_document(request, pk: int):
    """The verification's document, always as a download, to CMS and the provider's QIO."""
    row = get_object_or_404(selectors.medicare_verifications_for(request.user), pk=pk)
    return _download(row.document, row.original_name, row.content_type)


def _download(field, name: str, content_type: str):
    try:
        handle = field.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("The file is no longer stored.") from exc
    response = FileResponse(handle, as_attachment=True, filename=name,
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
