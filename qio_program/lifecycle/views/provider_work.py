"""PES, PSA, Provider Assessment and QAP pages: lists, start, detail with actions, edit."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from qio_program.lifecycle import selectors
from qio_program.lifecycle.forms import (
    AssessmentForm,
    PesForm,
    ProviderChoiceForm,
    PsaForm,
    QapForm,
)
from qio_program.lifecycle.models import ProviderAssessment, ProviderEngagementStrategy
from qio_program.lifecycle.services import assessment as pa_services
from qio_program.lifecycle.services import pes as pes_services
from qio_program.lifecycle.services import psa as psa_services
from qio_program.lifecycle.services import qap as qap_services
from qio_program.lifecycle.services.common import read_only_reason
from qio_program.lifecycle.services.providers import eligible_providers
from qio_program.lifecycle.views.actions import available_actions
from qio_program.lifecycle.views.signatures import signature_form_for
from qis_portal.views.common import bound, call_service, require_perm

KINDS = {
    "pes": {
        "model": "providerengagementstrategy", "title": "Provider Engagement Strategies",
        "noun": "engagement strategy", "form": PesForm, "selector": selectors.pes_for,
        "create": pes_services.pes_create, "update": pes_services.pes_update, "obj": "pes",
        "intro": "A PES for every provider, by month 12; it needs the approved A3C of the "
                 "provider's state, the provider's QI lead signs it off, and it is "
                 "re-evaluated every 12 months.",
    },
    "psa": {
        "model": "providerserviceagreement", "title": "Provider Service Agreements",
        "noun": "service agreement", "form": PsaForm, "selector": selectors.psas_for,
        "create": psa_services.psa_create, "update": psa_services.psa_update, "obj": "psa",
        "intro": "Drafted by the QIO, signed by the provider. CMS sets the number of "
                 "agreements the QIO must hold.",
    },
    "pa": {
        "model": "providerassessment", "title": "Provider Assessments",
        "noun": "provider assessment", "form": AssessmentForm,
        "selector": selectors.assessments_for, "create": pa_services.pa_create,
        "update": pa_services.pa_update, "obj": "assessment",
        "intro": "Needs the approved A3C of the provider's state and an active PSA. The COR "
                 "approves within 5 business days of submission.",
    },
    "qap": {
        "model": "qualityactionplan", "title": "Quality Action Plans",
        "noun": "quality action plan", "form": QapForm, "selector": selectors.qaps_for,
        "create": qap_services.qap_create, "update": qap_services.qap_update, "obj": "qap",
        "intro": "Based on the provider's approved assessment; due by month 16, updated "
                 "annually, read-only once the COR approves it.",
    },
}


def _spec(kind: str) -> dict:
    return KINDS[kind]


def work_list(request, kind: str):
    spec = _spec(kind)
    require_perm(request, f"qio_lifecycle.view_{spec['model']}")
    objects = spec["selector"](request.user)
    return render(request, "lifecycle/work_list.html", {
        "kind": kind, "spec": spec, "objects": objects,
        "can_create": request.user.has_perm(f"qio_lifecycle.change_{spec['model']}")
                      and selectors.active_task_order_for(request.user) is not None,
    })


def work_create(request, kind: str):
    spec = _spec(kind)
    order = selectors.active_task_order_for(request.user)
    require_perm(request, f"qio_lifecycle.change_{spec['model']}", order)
    if order is None:
        messages.error(request, "Your QIO has no active task order.")
        return redirect(f"lifecycle:{kind}_list")
    chooser = ProviderChoiceForm(bound(request),
                                 providers=eligible_providers(order).order_by("name"))
    form = spec["form"](bound(request))
    if request.method == "POST" and chooser.is_valid() and form.is_valid():
        done = call_service(request, spec["create"], form=form, task_order=order,
                            provider=chooser.cleaned_data["provider"], data=form.cleaned_data)
        if done.ok:
            obj = done.result
            messages.success(request, f"{obj} started.")
            return redirect(obj)
    return render(request, "lifecycle/work_form.html", {
        "spec": spec, "kind": kind, "forms": [chooser, form],
        "title": f"Start a {spec['noun']}", "submit_label": "Save the draft",
        "back_url": reverse(f"lifecycle:{kind}_list"),
    })


def work_detail(request, kind: str, pk: int):
    spec = _spec(kind)
    obj = get_object_or_404(spec["selector"](request.user), pk=pk)
    context = {
        "kind": kind, "spec": spec, "obj": obj,
        "actions": available_actions(kind, obj, request.user),
        "can_edit": obj.is_editable and request.user.has_perm(
            f"qio_lifecycle.change_{spec['model']}", obj),
    }
    if kind in ("pes", "psa"):
        context["signature_form"] = signature_form_for(obj, request.user)
    if kind == "pes":
        context["versions"] = ProviderEngagementStrategy.objects.filter(
            task_order_id=obj.task_order_id, provider_id=obj.provider_id)
    if kind == "pa":
        context["versions"] = ProviderAssessment.objects.filter(
            task_order_id=obj.task_order_id, provider_id=obj.provider_id)
    return render(request, f"lifecycle/{kind}_detail.html", context)


def work_edit(request, kind: str, pk: int):
    spec = _spec(kind)
    obj = get_object_or_404(spec["selector"](request.user), pk=pk)
    require_perm(request, f"qio_lifecycle.change_{spec['model']}", obj)
    if not obj.is_editable:
        messages.error(request, read_only_reason(obj) if kind in ("pa", "qap") else
                       f"This {spec['noun']} is {obj.get_status_display().lower()}; only a "
                       f"draft changes.")
        return redirect(obj)
    form = spec["form"](bound(request), instance=obj)
    if request.method == "POST" and form.is_valid():
        saved = call_service(request, spec["update"], form=form, data=form.cleaned_data,
                             **{spec["obj"]: obj})
        if saved.ok:
            messages.success(request, "Saved.")
            return redirect(saved.result)
    return render(request, "lifecycle/work_form.html", {
        "spec": spec, "kind": kind, "forms": [form], "title": f"Edit: {obj}",
        "submit_label": "Save", "back_url": obj.get_absolute_url(),
    })
