"""The NLC / Delegated Administrator's queue: library candidates in Draft and open change
requests (seed 001: "Article is submitted in a Draft status to the NLC Contractor")."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from qis_portal.views.common import form_error_message, require_perm, run_action

from .. import selectors, services
from ..forms import NoteForm, ReasonForm
from ..models import ChangeRequest, LibraryItem
from .library import item_url


def review_queue(request):
    require_perm(request, "qio_connect.moderate_libraryitem")
    items = selectors.items_for(request.user)
    return render(request, "qio_connect/library/review.html", {
        "drafts": items.filter(status=LibraryItem.Status.DRAFT).order_by("submitted_at", "id"),
        "changes": ChangeRequest.objects.filter(
            item__in=items, status=ChangeRequest.Status.OPEN).select_related(
                "item", "requested_by").order_by("created_at", "id"),
    })


def _change(request, pk: int) -> ChangeRequest:
    return get_object_or_404(
        ChangeRequest.objects.filter(item__in=selectors.items_for(request.user))
        .select_related("item"), pk=pk)


@require_POST
def change_request_accept(request, pk: int):
    change = _change(request, pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return run_action(request, item_url(change.item), services.change_request_accept,
                      "Change request accepted.", change=change, note=note)


@require_POST
def change_request_decline(request, pk: int):
    change = _change(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(item_url(change.item))
    return run_action(request, item_url(change.item), services.change_request_decline,
                      "Change request declined.", change=change,
                      reason=form.cleaned_data["reason"])
