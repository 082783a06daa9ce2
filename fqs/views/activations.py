"""FQS activation pages: the FQS Reviewer prepares and submits; the COR approves or rejects."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fqs import selectors, services
from fqs.forms import ActivationForm, ActivationProviderForm, ApproveForm, RejectForm, SubmitForm
from fqs.models import Activation, ActivationProvider
from qis_portal.views.common import (
    bound,
    call_service,
    form_error_message,
    require_perm,
    run_action,
)


def _get(request, pk: int) -> Activation:
    activation = get_object_or_404(selectors.activations_for_user(request.user), pk=pk)
    require_perm(request, "fqs.view_activation", activation)
    return activation


def activation_list(request):
    require_perm(request, "fqs.view_activation")
    rows = selectors.activations_for_user(request.user)
    status = request.GET.get("status", "")
    if status in Activation.Status.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "fqs/activation_list.html", {
        "page": page, "status": status, "statuses": Activation.Status.choices,
        "query": f"status={status}" if status else "",
    })


def activation_detail(request, pk: int):
    activation = _get(request, pk)
    user = request.user
    draft = activation.status == Activation.Status.DRAFT
    pending = activation.status == Activation.Status.PENDING_COR
    provider_form = ActivationProviderForm(initial=_suggested_provider(activation))
    return render(request, "fqs/activation_detail.html", {
        "obj": activation,
        "can_edit": draft and user.has_perm("fqs.change_activation", activation),
        "can_decide": pending and user.has_perm("fqs.decide_activation", activation),
        "provider_form": provider_form, "submit_form": SubmitForm(),
        "approve_form": ApproveForm(), "reject_form": RejectForm(),
        "referrals": activation.referrals.select_related("organization", "provider"),
    })


def _suggested_provider(activation: Activation) -> dict:
    """Start the provider form from the facility named in the request."""
    req = activation.request
    if activation.providers.exists():
        return {}
    return {"provider": req.provider, "facility_name": req.facility_name,
            "facility_ccn": req.facility_ccn, "facility_state": req.facility_state}


def activation_edit(request, pk: int):
    activation = _get(request, pk)
    require_perm(request, "fqs.change_activation", activation)
    form = ActivationForm.for_activation(activation, bound(request))
    if request.method == "POST" and form.is_valid():
        done = call_service(request, services.activation_update, form=form,
                            activation=activation, data=form.cleaned_data)
        if done.ok or done.conflict:
            if done.ok:
                messages.success(request, "Activation details saved.")
            return redirect(f"/fqs/activations/{pk}/")
    return render(request, "fqs/activation_edit.html", {"obj": activation, "form": form})


@require_POST
def activation_provider_add(request, pk: int):
    activation = _get(request, pk)
    form = ActivationProviderForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect("fqs:activation_detail", pk=pk)
    data = form.cleaned_data
    return run_action(
        request, f"/fqs/activations/{pk}/", services.activation_provider_add, "Provider added.",
        activation=activation, provider=data["provider"], facility_name=data["facility_name"],
        facility_ccn=data["facility_ccn"], facility_state=data["facility_state"],
        region=data["region"], baseline_metric=data["baseline_metric"],
        baseline_value=data["baseline_value"])


@require_POST
def activation_provider_remove(request, pk: int, row_id: int):
    activation = _get(request, pk)
    row = get_object_or_404(ActivationProvider, pk=row_id, activation=activation)
    return run_action(request, f"/fqs/activations/{pk}/", services.activation_provider_remove,
                      "Provider removed.", activation_provider=row)


@require_POST
def activation_submit(request, pk: int):
    activation = _get(request, pk)
    form = SubmitForm(request.POST)
    form.is_valid()
    return run_action(request, f"/fqs/activations/{pk}/", services.activation_submit,
                      "Submitted to the COR for final approval.", activation=activation,
                      comment=form.cleaned_data.get("comment", ""))


@require_POST
def activation_approve(request, pk: int):
    activation = _get(request, pk)
    form = ApproveForm(request.POST)
    form.is_valid()
    return run_action(request, f"/fqs/activations/{pk}/", services.activation_approve,
                      "Activation approved and deployed to the QIO.", activation=activation,
                      note=form.cleaned_data.get("note", ""))


@require_POST
def activation_reject(request, pk: int):
    activation = _get(request, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect("fqs:activation_detail", pk=pk)
    return run_action(request, f"/fqs/activations/{pk}/", services.activation_reject,
                      "Activation rejected.", activation=activation,
                      reason=form.cleaned_data["reason"])
