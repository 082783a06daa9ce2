"""Dashboards, task orders and their timeline, PSA target, completion (hand-off, end)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from qio_program.lifecycle import schedule, selectors
from qio_program.lifecycle.choices import DeliverableKind, TaskOrderStatus
from qio_program.lifecycle.forms import (
    HandoffNoteForm,
    PsaTargetForm,
    TaskOrderCorsForm,
    TaskOrderEndForm,
    TaskOrderForm,
)
from qio_program.lifecycle.services.completion import handoff_note_create, task_order_end
from qio_program.lifecycle.services.contract import coverage, psa_target_set, task_order_create
from qio_program.lifecycle.services.cor_assignment import open_clocks, task_order_cors_assign
from qio_program.lifecycle.services.providers import eligible_providers
from qio_program.lifecycle.views.common import form_page
from qis_portal.models import QIO_ORG_TYPES, Organization
from qis_portal.triage import band_for
from qis_portal.views.common import bound, call_service, require_perm


def index(request):
    """The lifecycle home by role: the COR's approvals, a QIO's deliverables, CMS overview."""
    user = request.user
    if not user.has_perm("qio_lifecycle.view_taskorder"):
        if user.has_perm("qio_lifecycle.view_agreements_to_sign"):
            return redirect("lifecycle:agreements")
        raise PermissionDenied("The contract lifecycle is for CMS and QIO users.")
    today = timezone.localdate()
    context = {"today": today, "task_orders": selectors.task_orders_for(user),
               "can_write": user.has_perm("qio_lifecycle.change_report")}
    if user.has_perm("qio_lifecycle.review_submissions"):
        context["approvals"] = selectors.approvals_waiting(user, today=today)
    if user.is_qio_user:
        kind = request.GET.get("kind", "")
        band = band_for(request.GET.get("late"))
        context["board"] = selectors.qio_dashboard(user, today=today, kind=kind, band=band)
        context["narrowed"] = {"kind": dict(DeliverableKind.choices).get(kind),
                               "band": band}
        context["task_order"] = selectors.active_task_order_for(user)
    elif selectors.sees_all(user):
        context["overdue"] = selectors.overdue_by_task_order(user, today=today)
    return render(request, "lifecycle/index.html", context)


def agreements(request):
    """A provider's engagement strategies and service agreements, those to sign first."""
    require_perm(request, "qio_lifecycle.view_agreements_to_sign")
    return render(request, "lifecycle/agreements.html", {
        "to_sign": selectors.agreements_to_sign(request.user),
        "pes_list": selectors.pes_for(request.user),
        "psa_list": selectors.psas_for(request.user),
    })


def taskorder_list(request):
    require_perm(request, "qio_lifecycle.view_taskorder")
    return render(request, "lifecycle/taskorder_list.html",
                  {"task_orders": selectors.task_orders_for(request.user)})


def taskorder_create(request):
    require_perm(request, "qio_lifecycle.add_taskorder")
    form = TaskOrderForm(bound(request))
    if request.method == "POST" and form.is_valid():
        done = call_service(request, task_order_create, form=form, **form.cleaned_data)
        if done.ok:
            order = done.result
            messages.success(request, f"Task order {order.number} recorded with "
                                      f"{order.deliverables.count()} deliverables.")
            return redirect(order)
    return form_page(request, form=form, title="Record a task order award",
                     back_url="lifecycle:taskorder_list", submit_label="Record the award",
                     intro="The timeline and every deliverable's due date are derived from the "
                           "award date.")


def taskorder_detail(request, pk: int):
    """The timeline: phases, contract years, and every deliverable with its due date."""
    order = get_object_or_404(selectors.task_orders_for(request.user), pk=pk)
    today = timezone.localdate()
    deliverables = list(order.deliverables.select_related("report").order_by("due_date", "id"))
    years = []
    for index, year in enumerate(schedule.contract_years(order.award_date)):
        rows = [d for d in deliverables if d.contract_year == index]
        years.append({"phase": year, "rows": rows, "index": index})
    progress = {
        d.pk: coverage(order, d.kind, d.sequence) for d in deliverables
        if d.kind in (DeliverableKind.PES, DeliverableKind.QAP)
    }
    return render(request, "lifecycle/taskorder_detail.html", {
        "order": order, "today": today, "phases": order.phases(), "years": years,
        "current_phase": schedule.current_phase(order.award_date, today),
        "progress": progress, "psa": selectors.psa_progress(order),
        "a3c_overview": selectors.a3c_overview(order),
        "can_set_target": request.user.has_perm("qio_lifecycle.set_psatarget", order),
        "can_assign_cors": request.user.has_perm("qio_lifecycle.assign_cor_taskorder", order),
        "can_end": (request.user.has_perm("qio_lifecycle.end_taskorder", order)
                    and order.status == TaskOrderStatus.ACTIVE),
        "can_write": request.user.has_perm("qio_lifecycle.change_report", order),
    })


def psatarget_set(request, pk: int):
    order = get_object_or_404(selectors.task_orders_for(request.user), pk=pk)
    require_perm(request, "qio_lifecycle.set_psatarget", order)
    current = getattr(getattr(order, "psa_target", None), "target", None)
    form = PsaTargetForm(bound(request), initial={"target": current})
    if request.method == "POST" and form.is_valid():
        done = call_service(request, psa_target_set, form=form, task_order=order,
                            **form.cleaned_data)
        if done.ok:
            messages.success(request, f"PSA target set to {done.result.target}.")
            return redirect(order)
    return form_page(request, form=form, title=f"PSA target — {order.qio}",
                     back_url=order.get_absolute_url(), submit_label="Set the target",
                     intro="CMS sets the number of providers the QIO must hold service "
                           "agreements with.")


def taskorder_cors(request, pk: int):
    """Name the COR and alternate (leave, turnover); open approval clocks move to them."""
    order = get_object_or_404(selectors.task_orders_for(request.user), pk=pk)
    require_perm(request, "qio_lifecycle.assign_cor_taskorder", order,
                 message="Only the task order's COR or alternate hands it over.")
    form = TaskOrderCorsForm(bound(request), initial={"cor": order.cor_id,
                                                      "alternate_cor": order.alternate_cor_id})
    if request.method == "POST" and form.is_valid():
        done = call_service(request, task_order_cors_assign, form=form, task_order=order,
                            **form.cleaned_data)
        if done.ok:
            alternate = done.result.alternate_cor
            messages.success(request, f"COR of {order.number}: {done.result.cor}; alternate: "
                                      f"{alternate or 'none'}.")
            return redirect(done.result)
    waiting = len(open_clocks(order))
    return form_page(request, form=form, title=f"COR and alternate — {order.number}",
                     back_url=order.get_absolute_url(), submit_label="Save the assignment",
                     intro=f"Only these two are told of, reminded about and decide {order.qio}'s "
                           f"submissions. {waiting} waiting now move to them, clocks running.")


def taskorder_end(request, pk: int):
    order = get_object_or_404(selectors.task_orders_for(request.user), pk=pk)
    require_perm(request, "qio_lifecycle.end_taskorder", order)
    form = TaskOrderEndForm(bound(request))
    if request.method == "POST" and form.is_valid():
        done = call_service(request, task_order_end, form=form, task_order=order,
                            ended_on=form.cleaned_data["ended_on"],
                            note=form.cleaned_data["note"])
        if done.ok:
            messages.success(request, f"Task order ended; accounts close after "
                                      f"{done.result.ended_on:%Y-%m-%d}.")
            return redirect(done.result)
    completion = order.phases()[-1]
    return form_page(request, form=form, title=f"End task order {order.number}",
                     back_url=order.get_absolute_url(), submit_label="End the task order",
                     intro=f"Completion runs {completion.start:%Y-%m-%d} to "
                           f"{completion.end:%Y-%m-%d}. After the last day, the accounts of "
                           f"{order.qio}'s users are closed.")


def handoff(request, pk: int):
    """Transition-off hand-off notes (seed 001, Completion) and the form to add one."""
    order = get_object_or_404(selectors.task_orders_for(request.user), pk=pk)
    require_perm(request, "qio_lifecycle.view_handoffnote", order)
    can_add = request.user.has_perm("qio_lifecycle.add_handoffnote", order)
    form = HandoffNoteForm(bound(request),
                           providers=eligible_providers(order).order_by("name"),
                           incoming_qios=Organization.objects.filter(
                               org_type__in=QIO_ORG_TYPES).exclude(pk=order.qio_id)
                           .order_by("name"))
    if request.method == "POST":
        require_perm(request, "qio_lifecycle.add_handoffnote", order)
        if form.is_valid() and call_service(request, handoff_note_create, form=form,
                                            task_order=order, **form.cleaned_data).ok:
                messages.success(request, "Hand-off note added.")
                return redirect("lifecycle:handoff", pk=order.pk)
    notes = Paginator(selectors.handoff_notes_for(request.user).filter(task_order=order), 25)
    return render(request, "lifecycle/handoff.html", {
        "order": order, "form": form if can_add else None,
        "page": notes.get_page(request.GET.get("page")),
    })


def handoff_incoming(request):
    """Transition on: the notes an incumbent QIO handed to the user's QIO."""
    require_perm(request, "qio_lifecycle.view_incoming_handoffnotes")
    notes = Paginator(selectors.incoming_handoff_notes_for(request.user), 25)
    return render(request, "lifecycle/handoff_incoming.html", {
        "page": notes.get_page(request.GET.get("page")),
    })
