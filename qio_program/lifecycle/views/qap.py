"""Quality Action Plan pages: the tree, its edit forms, the nursing-home training plan."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from qio_program.lifecycle import selectors
from qio_program.lifecycle.forms import (
    ActivityForm,
    InitiativeForm,
    InterventionForm,
    TrainingItemForm,
)
from qio_program.lifecycle.models import (
    QapActivity,
    QapInitiative,
    QapIntervention,
    QualityActionPlan,
    TrainingPlanItem,
)
from qio_program.lifecycle.services import qap as qap_services
from qio_program.lifecycle.services.common import read_only_reason
from qio_program.lifecycle.views.actions import available_actions
from qio_program.lifecycle.views.common import form_page
from qis_portal.views.common import bound, call_service, require_perm, run_action

CHANGE = "qio_lifecycle.change_qualityactionplan"


def qap_detail(request, pk: int):
    qap = get_object_or_404(selectors.qaps_for(request.user), pk=pk)
    initiatives = qap.initiatives.select_related("sub_aim__aim").prefetch_related(
        "interventions__activities")
    return render(request, "lifecycle/qap_detail.html", {
        "qap": qap, "initiatives": initiatives,
        "training": qap.training_items.all(),
        "versions": QualityActionPlan.objects.filter(task_order_id=qap.task_order_id,
                                                     provider_id=qap.provider_id),
        "actions": available_actions("qap", qap, request.user),
        "can_edit": qap.is_editable and request.user.has_perm(CHANGE, qap),
    })


def _editable(request, qap):
    """The plan to add to, or a redirect with the reason it is read-only."""
    require_perm(request, CHANGE, qap)
    if not qap.is_editable:
        messages.error(request, read_only_reason(qap))
        return redirect(qap)
    return None


def _add(request, plan, form, title: str, service, **under):
    """Add an item under `under` (the plan, an initiative, an intervention) of `plan`."""
    refusal = _editable(request, plan)
    if refusal is not None:
        return refusal
    if request.method == "POST" and form.is_valid():
        added = call_service(request, service, form=form, **under, **form.cleaned_data)
        if added.ok:
            messages.success(request, f"Added “{added.result}”.")
            return redirect(plan)
    return form_page(request, form=form, title=title, back_url=plan.get_absolute_url(),
                     submit_label="Add")


def initiative_add(request, pk: int):
    qap = get_object_or_404(selectors.qaps_for(request.user), pk=pk)
    return _add(request, qap, InitiativeForm(bound(request)), f"Add an initiative — {qap}",
                qap_services.qap_add_initiative, qap=qap)


def intervention_add(request, pk: int):
    initiative = get_object_or_404(QapInitiative.objects.filter(
        qap__in=selectors.qaps_for(request.user)).select_related("qap"), pk=pk)
    return _add(request, initiative.qap, InterventionForm(bound(request)),
                f"Add an intervention to “{initiative}”", qap_services.qap_add_intervention,
                initiative=initiative)


def activity_add(request, pk: int):
    intervention = get_object_or_404(QapIntervention.objects.filter(
        initiative__qap__in=selectors.qaps_for(request.user)).select_related(
        "initiative__qap"), pk=pk)
    return _add(request, intervention.initiative.qap, ActivityForm(bound(request)),
                f"Add an activity to “{intervention}”", qap_services.qap_add_activity,
                intervention=intervention)


def training_add(request, pk: int):
    qap = get_object_or_404(selectors.qaps_for(request.user), pk=pk)
    if not qap.needs_training_plan:
        raise Http404("Only nursing homes have a training plan.")
    return _add(request, qap, TrainingItemForm(bound(request)),
                f"Add training to the plan — {qap}", qap_services.qap_add_training_item,
                qap=qap)


def _qap_of(item) -> QualityActionPlan:
    if isinstance(item, QapIntervention):
        return item.initiative.qap
    if isinstance(item, QapActivity):
        return item.intervention.initiative.qap
    return item.qap


ITEM_MODELS = {
    "initiative": (QapInitiative, "qap"),
    "intervention": (QapIntervention, "initiative__qap"),
    "activity": (QapActivity, "intervention__initiative__qap"),
    "training": (TrainingPlanItem, "qap"),
}


@require_POST
def item_remove(request, level: str, pk: int):
    if level not in ITEM_MODELS:
        raise Http404
    model, path = ITEM_MODELS[level]
    item = get_object_or_404(model.objects.filter(
        **{f"{path}__in": selectors.qaps_for(request.user)}), pk=pk)
    qap = _qap_of(item)
    return run_action(request, qap.get_absolute_url(), qap_services.qap_remove_item,
                      f"Removed “{item}”.", item=item)
