"""Report pages (monthly, executive dashboard, annual, resilience, final outcomes) and the
executive dashboard template CMS approves first."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from qio_program.lifecycle import selectors
from qio_program.lifecycle.choices import REPORT_KINDS, DeliverableKind, ReviewStatus
from qio_program.lifecycle.forms import DashboardTemplateForm, ReportForm
from qio_program.lifecycle.models import DashboardTemplate
from qio_program.lifecycle.services import reports as report_services
from qio_program.lifecycle.services.common import read_only_reason
from qio_program.lifecycle.views.actions import available_actions
from qis_portal.business_days import add_months
from qis_portal.views.common import bound, call_service, require_perm

REPORT_KIND_CHOICES = [(kind.value, kind.label) for kind in DeliverableKind
                       if kind in REPORT_KINDS]


def report_list(request):
    """Report deliverables with their reports; by default those due within a year."""
    require_perm(request, "qio_lifecycle.view_report")
    today = timezone.localdate()
    deliverables = (selectors.deliverables_for(request.user).filter(kind__in=REPORT_KINDS)
                    .select_related("report").order_by("due_date", "id"))
    kind = request.GET.get("kind", "")
    if kind in dict(REPORT_KIND_CHOICES):
        deliverables = deliverables.filter(kind=kind)
    show = request.GET.get("show", "open")
    if show == "open":
        deliverables = deliverables.filter(due_date__lte=add_months(today, 12))
        deliverables = [d for d in deliverables if getattr(d, "report", None) is None
                        or d.report.status != ReviewStatus.APPROVED]
    return render(request, "lifecycle/report_list.html", {
        "deliverables": deliverables, "kind": kind, "kinds": REPORT_KIND_CHOICES,
        "show": show, "today": today,
        "can_write": request.user.has_perm("qio_lifecycle.change_report"),
    })


def report_edit(request, deliverable_pk: int):
    """Write the report of one deliverable (created as a draft the first time)."""
    deliverable = get_object_or_404(selectors.deliverables_for(request.user).filter(
        kind__in=REPORT_KINDS), pk=deliverable_pk)
    require_perm(request, "qio_lifecycle.change_report", deliverable.task_order)
    existing = getattr(deliverable, "report", None)
    if existing is not None and not existing.is_editable:
        messages.error(request, read_only_reason(existing))
        return redirect(existing)
    form = ReportForm(bound(request), kind=deliverable.kind,
                      content=existing.content if existing else {})
    if request.method == "POST" and form.is_valid():
        saved = call_service(request, report_services.report_write, form=form,
                             deliverable=deliverable, content=form.cleaned_data)
        if saved.ok:
            messages.success(request, "Report saved as a draft; submit it when complete.")
            return redirect(saved.result)
    return render(request, "lifecycle/report_edit.html", {
        "deliverable": deliverable, "form": form, "report": existing})


def report_detail(request, pk: int):
    report = get_object_or_404(selectors.reports_for(request.user), pk=pk)
    sections = [(section, report.content.get(section.key, ""))
                for section in report_services.REPORT_SECTIONS[report.kind]]
    needs_template = (report.kind == DeliverableKind.EXEC_DASHBOARD
                      and not report_services.template_approved(report.task_order))
    return render(request, "lifecycle/report_detail.html", {
        "report": report, "sections": sections, "needs_template": needs_template,
        "today": timezone.localdate(),
        "actions": available_actions("report", report, request.user),
        "can_edit": report.is_editable and request.user.has_perm("qio_lifecycle.change_report",
                                                                 report),
    })


def template_detail(request, pk: int):
    """The ELC/TELC dashboard template of a task order: CMS approves it before any report."""
    order = get_object_or_404(selectors.task_orders_for(request.user), pk=pk)
    require_perm(request, "qio_lifecycle.view_dashboardtemplate", order)
    template = DashboardTemplate.objects.filter(task_order=order).first()
    can_change = request.user.has_perm("qio_lifecycle.change_dashboardtemplate", order)
    editable = can_change and (template is None or template.is_editable)
    form = None
    if editable:
        initial = {"layout": template.layout, "measures": template.measures} if template else {}
        form = DashboardTemplateForm(bound(request), initial=initial)
        if request.method == "POST" and form.is_valid() and call_service(
                request, report_services.template_write, form=form, task_order=order,
                data=form.cleaned_data).ok:
                messages.success(request, "Dashboard template saved.")
                return redirect("lifecycle:template_detail", pk=order.pk)
    elif request.method == "POST":
        require_perm(request, "qio_lifecycle.change_dashboardtemplate", order)
        messages.error(request, read_only_reason(template))
        return redirect("lifecycle:template_detail", pk=order.pk)
    return render(request, "lifecycle/template_detail.html", {
        "order": order, "template": template, "form": form,
        "actions": available_actions("template", template, request.user) if template else [],
    })
