"""A3C pages: the region's states, one state's versions, the edit form."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from qio_program.lifecycle import selectors
from qio_program.lifecycle.choices import ReviewStatus
from qio_program.lifecycle.forms import A3CForm, StateForm
from qio_program.lifecycle.models import A3C
from qio_program.lifecycle.services.a3c import a3c_create, a3c_update
from qio_program.lifecycle.services.common import read_only_reason
from qio_program.lifecycle.views.actions import available_actions
from qio_program.lifecycle.views.common import form_page
from qis_portal.regions import state_choices, states_for_region
from qis_portal.views.common import bound, call_service, require_perm


def a3c_list(request):
    require_perm(request, "qio_lifecycle.view_a3c")
    a3cs = selectors.a3cs_for(request.user)
    status = request.GET.get("status", "")
    if status in ReviewStatus.values:
        a3cs = a3cs.filter(status=status)
    orders = [
        {"order": order, "overview": selectors.a3c_overview(order)}
        for order in selectors.task_orders_for(request.user)
    ] if not status else []
    return render(request, "lifecycle/a3c_list.html", {
        "orders": orders, "a3cs": a3cs if status else None, "status": status,
        "statuses": ReviewStatus.choices,
        "can_create": request.user.has_perm("qio_lifecycle.change_a3c")
                      and selectors.active_task_order_for(request.user) is not None,
    })


def a3c_create_view(request):
    order = selectors.active_task_order_for(request.user)
    require_perm(request, "qio_lifecycle.change_a3c", order)
    if order is None:
        messages.error(request, "Your QIO has no active task order.")
        return redirect("lifecycle:a3c_list")
    started = set(order.a3cs.values_list("state", flat=True))
    choices = [choice for choice in state_choices(states_for_region(order.region))
               if choice[0] not in started]
    form = StateForm(bound(request), choices=choices)
    if request.method == "POST" and form.is_valid():
        done = call_service(request, a3c_create, form=form, task_order=order,
                            state=form.cleaned_data["state"])
        if done.ok:
            a3c = done.result
            messages.success(request, f"{a3c} started.")
            return redirect("lifecycle:a3c_edit", pk=a3c.pk)
    return form_page(request, form=form, title="Start an A3C", back_url="lifecycle:a3c_list",
                     submit_label="Start the A3C",
                     intro="One A3C per state or territory of your region, due by month 9 of "
                           "the task order.")


def a3c_detail(request, pk: int):
    a3c = get_object_or_404(selectors.a3cs_for(request.user), pk=pk)
    versions = A3C.objects.filter(task_order_id=a3c.task_order_id, state=a3c.state)
    return render(request, "lifecycle/a3c_detail.html", {
        "a3c": a3c, "versions": versions,
        "areas": a3c.focus_areas.select_related("sub_aim__aim"),
        "actions": available_actions("a3c", a3c, request.user),
        "can_edit": a3c.is_editable and request.user.has_perm("qio_lifecycle.change_a3c", a3c),
    })


def a3c_edit(request, pk: int):
    a3c = get_object_or_404(selectors.a3cs_for(request.user), pk=pk)
    require_perm(request, "qio_lifecycle.change_a3c", a3c)
    if not a3c.is_editable:
        messages.error(request, read_only_reason(a3c))
        return redirect(a3c)
    form = A3CForm(bound(request), a3c=a3c)
    if request.method == "POST" and form.is_valid():
        saved = call_service(request, a3c_update, form=form, a3c=a3c, scans=form.scans(),
                             focus_areas=form.focus_areas())
        if saved.ok:
            messages.success(request, "A3C saved.")
            return redirect(saved.result)
    return render(request, "lifecycle/a3c_edit.html", {"a3c": a3c, "form": form})
