"""Library pages: search, submit, read (with reactions and change requests), edit, delete,
download, and the author's own items with their engagement."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from qis_portal.views.common import (
    bound,
    bound_files,
    call_service,
    form_error_message,
    require_perm,
    run_action,
)

from .. import selectors, services
from ..forms import ChangeRequestForm, LibraryItemForm, LibrarySearchForm, NoteForm, ReasonForm
from ..models import LibraryItem, ReactionKind
from ..selectors.reports import item_engagement as engagement_of
from ..selectors.reports import readers
from .common import record_view


def get_item(request, pk: int) -> LibraryItem:
    item = get_object_or_404(selectors.items_for(request.user), pk=pk)
    require_perm(request, "qio_connect.view_libraryitem", item)
    return item


def library(request):
    require_perm(request, "qio_connect.view_libraryitem")
    form = LibrarySearchForm(request.GET or None)
    filters = form.filters()
    rows = selectors.library_search(request.user, filters)
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    if filters.q and not request.GET.get("page"):
        services.search_record(user=request.user, terms=filters.q,
                               results=page.paginator.count)
    record_view(request, "Library")
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "qio_connect/library/list.html", {
        "form": form, "page": page, "filters": filters, "query": query.urlencode(),
        "can_submit": request.user.has_perm("qio_connect.add_libraryitem"),
    })


def item_create(request):
    require_perm(request, "qio_connect.add_libraryitem")
    can_publish = request.user.has_perm("qio_connect.moderate_libraryitem")
    form = LibraryItemForm(bound(request), bound_files(request), can_publish=can_publish)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            request, services.library_item_create, form=form, kind=data["kind"],
            upload=data.get("file"), captions=data.get("captions"), tags=data["tags"],
            publish=data.get("publish", False), **form.service_fields)
        if done.ok:
            item = done.result
            messages.success(request, "Published." if item.status == LibraryItem.Status.PUBLISHED
                             else "Submitted. It is a draft until the NLC approves it.")
            return redirect("qio_connect:item_detail", pk=item.pk)
    return render(request, "qio_connect/library/form.html", {"form": form, "item": None})


def item_detail(request, pk: int):
    item = get_item(request, pk)
    user = request.user
    record_view(request, item.title, item=item)
    moderator = user.has_perm("qio_connect.moderate_libraryitem", item)
    published = item.status == LibraryItem.Status.PUBLISHED
    return render(request, "qio_connect/library/detail.html", {
        "item": item, "tags": item.tags.all(),
        "reactions": _reactions(item, user) if published else None,
        "can_edit": user.has_perm("qio_connect.change_libraryitem", item),
        "can_delete": user.has_perm("qio_connect.delete_libraryitem", item),
        "can_moderate": moderator and item.status == LibraryItem.Status.DRAFT,
        "can_resubmit": (item.status == LibraryItem.Status.REJECTED
                         and user.has_perm("qio_connect.resubmit_libraryitem", item)),
        "can_request_change": published and item.author_id != user.pk,
        "can_see_engagement": user.has_perm("qio_connect.view_engagement", item),
        "change_requests": (item.change_requests.select_related("requested_by")
                            if moderator or item.author_id == user.pk else None),
        "can_decide_changes": user.has_perm("qio_connect.decide_changerequest"),
        "show_history": moderator or item.author_id == user.pk,
        "note_form": NoteForm(), "reason_form": ReasonForm(),
        "change_form": ChangeRequestForm(),
    })


def _reactions(item: LibraryItem, user) -> list[dict]:
    counts = selectors.item_counts(item)
    mine = set(item.reactions.filter(user=user).values_list("kind", flat=True))
    return [{"kind": kind, "label": label, "count": counts[kind], "on": kind in mine}
            for kind, label in ReactionKind.choices]


def item_edit(request, pk: int):
    item = get_item(request, pk)
    require_perm(request, "qio_connect.change_libraryitem", item)
    form = LibraryItemForm(bound(request), bound_files(request), item=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            request, services.library_item_update, form=form, item=item,
            upload=data.get("file"), captions=data.get("captions"), tags=data["tags"],
            **form.service_fields)
        if done.ok or done.conflict:
            if done.ok:
                messages.success(request, "Saved." if done.result.status == item.status else
                                 "Saved. Your change goes back to the NLC for approval.")
            return redirect("qio_connect:item_detail", pk=item.pk)
    return render(request, "qio_connect/library/form.html", {"form": form, "item": item})


def item_delete(request, pk: int):
    item = get_item(request, pk)
    require_perm(request, "qio_connect.delete_libraryitem", item)
    if request.method == "POST":
        services.library_item_delete(actor=request.user, item=item, request=request)
        messages.success(request, f"“{item.title}” was deleted.")
        return redirect("qio_connect:my_items" if item.author_id == request.user.pk
                        else "qio_connect:library")
    return render(request, "qio_connect/library/delete.html", {"item": item})


@require_POST
def item_approve(request, pk: int):
    item = get_item(request, pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return run_action(request, item_url(item), services.library_item_approve, "Published.",
                      item=item, note=note)


@require_POST
def item_reject(request, pk: int):
    item = get_item(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(item_url(item))
    return run_action(request, item_url(item), services.library_item_reject,
                      "Returned to the author.", item=item, reason=form.cleaned_data["reason"])


@require_POST
def item_resubmit(request, pk: int):
    item = get_item(request, pk)
    return run_action(request, item_url(item), services.library_item_resubmit,
                      "Sent back to the NLC for approval.", item=item)


@require_POST
def item_react(request, pk: int):
    item = get_item(request, pk)
    kind = request.POST.get("kind", "")
    response = run_action(request, item_url(item) + "#reactions", services.reaction_toggle, "",
                          item=item, kind=kind)
    if request.htmx:
        return render(request, "qio_connect/includes/reactions.html", {
            "reactions": _reactions(item, request.user), "action": item_url(item) + "react/"})
    return response


@require_POST
def change_request_create(request, pk: int):
    item = get_item(request, pk)
    form = ChangeRequestForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(item_url(item))
    return run_action(request, item_url(item), services.change_request_create,
                      "Your change request was sent to the NLC.", item=item,
                      body=form.cleaned_data["body"])


def _file_response(field, filename: str, content_type: str):
    """Always a download (Content-Disposition: attachment), never rendered as a page."""
    if not field:
        raise Http404("No file.")
    try:
        handle = field.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("The file is no longer stored.") from exc
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def item_download(request, pk: int):
    item = get_item(request, pk)
    return _file_response(item.file, item.original_name or f"item-{item.pk}", item.content_type)


def item_captions(request, pk: int):
    item = get_item(request, pk)
    return _file_response(item.captions, f"item-{item.pk}-captions.vtt", "text/vtt")


def my_items(request):
    require_perm(request, "qio_connect.add_libraryitem")
    page = Paginator(selectors.my_items(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "qio_connect/library/mine.html", {"page": page})


def item_engagement(request, pk: int):
    """Authors see engagement on their own articles (seed 001: "Can they see engagement data
    on articles they submit?"); the NLC also sees who read it."""
    item = get_item(request, pk)
    require_perm(request, "qio_connect.view_engagement", item)
    show_readers = request.user.has_perm("qio_connect.view_reports")
    engagement = engagement_of(item)
    return render(request, "qio_connect/library/engagement.html", {
        "item": item, "engagement": engagement,
        "reaction_rows": [(label, engagement["reactions"].get(kind, 0))
                          for kind, label in ReactionKind.choices],
        "readers": readers(item=item) if show_readers else None,
    })


def item_url(item: LibraryItem) -> str:
    return reverse("qio_connect:item_detail", args=[item.pk])
