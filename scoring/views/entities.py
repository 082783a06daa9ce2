"""APM Entities: list, forms, participation list, measure data and the live result."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from scoring import selectors
from scoring.engine import ContractError
from scoring.forms import (
    ApmEntityForm,
    EntityFilterForm,
    ParticipantRemoveForm,
    ParticipantsForm,
    QualitySubmissionForm,
)
from scoring.presentation import explanation
from scoring.services import entities as services
from scoring.services.contract import entity_evaluate
from scoring.services.reference import get_reference
from scoring.views.common import keyset, paginate, permission_required


def _entity(request, pk: int):
    """An entity the user may see (another organization's is simply not there: 404)."""
    entity = get_object_or_404(selectors.entities_for_user(request.user), pk=pk)
    if not request.user.has_perm("scoring.view_apmentity", entity):
        raise PermissionDenied("You do not have permission to open this entity.")
    return entity


@permission_required("scoring.view_apmentity")
def entity_list(request):
    form = EntityFilterForm(request.GET or None)
    filters = form.values() if form.is_bound else {}
    entities = selectors.entity_list(request.user, q=filters.get("q") or "",
                                     apm_type=filters.get("apm_type") or "")
    return render(request, "scoring/entity_list.html", {
        "form": form, **keyset(request, entities, ["entity_id", "id"])})


@permission_required("scoring.change_data")
def entity_create(request):
    form = ApmEntityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entity = services.entity_save(actor=request.user, data=form.cleaned_data,
                                          request=request)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"APM Entity {entity.entity_id} created.")
            return redirect("scoring:entity_detail", pk=entity.pk)
    return render(request, "scoring/entity_form.html", {"form": form, "entity": None})


@permission_required("scoring.change_data")
def entity_edit(request, pk: int):
    entity = _entity(request, pk)
    form = ApmEntityForm(request.POST or None, instance=entity)
    if request.method == "POST" and form.is_valid():
        try:
            services.entity_save(actor=request.user, data=form.cleaned_data,
                                 entity=entity, request=request)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"APM Entity {entity.entity_id} saved.")
            return redirect("scoring:entity_detail", pk=entity.pk)
    return render(request, "scoring/entity_form.html", {"form": form, "entity": entity})


@permission_required("scoring.view_apmentity")
def entity_detail(request, pk: int):
    entity = _entity(request, pk)
    tins: dict[str, list[str]] = {}
    for tin, npi, prior in entity.participants.values_list("tin", "npi",
                                                           "prior_year_achievement_percent"):
        tins.setdefault(tin, []).append(npi if prior is None else f"{npi} (2019: {prior} %)")
    return render(request, "scoring/entity_detail.html", {
        "entity": entity, "tins": tins, "clinician_total": sum(map(len, tins.values())),
        **paginate(request, entity.submissions.all()),
        "scores": entity.scores.select_related("run").defer("output").order_by("-run_id")[:5],
        "can_change": request.user.has_perm("scoring.change_data"),
    })


def _participants_page(request, entity, add=None, remove=None, status=200):
    return render(request, "scoring/participants_form.html", {
        "entity": entity, "add_form": add or ParticipantsForm(prefix="add"),
        "remove_form": remove or ParticipantRemoveForm(prefix="remove", entity=entity)},
        status=status)


@permission_required("scoring.change_data")
def participants_edit(request, pk: int):
    return _participants_page(request, _entity(request, pk))


@require_POST
@permission_required("scoring.change_data")
def participants_add(request, pk: int):
    entity = _entity(request, pk)
    form = ParticipantsForm(request.POST, prefix="add")
    if not form.is_valid():
        return _participants_page(request, entity, add=form)
    added = services.participants_add(actor=request.user, entity=entity,
                                      tin=form.cleaned_data["tin"],
                                      npis=form.cleaned_data["npis"],
                                      prior_year_percent=form.cleaned_data[
                                          "prior_year_achievement_percent"],
                                      request=request)
    messages.success(request, f"{added} clinician(s) added under TIN {form.cleaned_data['tin']}.")
    return redirect("scoring:entity_detail", pk=entity.pk)


@require_POST
@permission_required("scoring.change_data")
def participant_remove(request, pk: int):
    entity = _entity(request, pk)
    form = ParticipantRemoveForm(request.POST, prefix="remove", entity=entity)
    if form.is_valid():
        try:
            services.participant_delete(actor=request.user,
                                        participant=form.cleaned_data["participant"],
                                        request=request)
        except ValidationError as exc:
            form.add_error(None, exc)
    if form.errors:
        return _participants_page(request, entity, remove=form)
    messages.success(request, f"{form.cleaned_data['participant']} removed from the "
                              "participation list.")
    return redirect("scoring:entity_detail", pk=entity.pk)


@permission_required("scoring.change_data")
def submission_form(request, pk: int, submission_pk: int | None = None):
    entity = _entity(request, pk)
    existing = (get_object_or_404(entity.submissions, pk=submission_pk)
                if submission_pk else None)
    form = QualitySubmissionForm(request.POST or None, instance=existing, entity=entity)
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_save(actor=request.user, entity=entity,
                                     data=form.cleaned_data, submission=existing,
                                     request=request)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Measure data saved.")
            return redirect("scoring:entity_detail", pk=entity.pk)
    return render(request, "scoring/submission_form.html",
                  {"form": form, "entity": entity, "submission": existing})


@require_POST
@permission_required("scoring.change_data")
def submission_delete(request, pk: int, submission_pk: int):
    entity = _entity(request, pk)
    submission = get_object_or_404(entity.submissions, pk=submission_pk)
    services.submission_delete(actor=request.user, submission=submission, request=request)
    messages.success(request, f"Measure data {submission} deleted.")
    return redirect("scoring:entity_detail", pk=entity.pk)


@permission_required("scoring.evaluate")
def entity_result(request, pk: int):
    """Score the entity's current data now (nothing stored) and explain every number."""
    entity = _entity(request, pk)
    try:
        output = entity_evaluate(entity)
    except ContractError as exc:
        return render(request, "scoring/entity_result.html",
                      {"entity": entity, "errors": exc.errors, "wide": True})
    return render(request, "scoring/entity_result.html",
                  {"entity": entity, "wide": True, **explanation(output, get_reference())})
