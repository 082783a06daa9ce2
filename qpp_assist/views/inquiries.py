"""Inquiry pages: the list, the intake form, the inquiry with its chain and the steps on it."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from qis_portal.views.common import bound, call_service, require_perm
from qpp_assist import selectors, services
from qpp_assist.forms import HandOffForm, InquiryForm, OverrideForm, RespondForm
from qpp_assist.models import Inquiry


def _get(request, pk: int) -> Inquiry:
    inquiry = get_object_or_404(selectors.inquiries_for_user(request.user), pk=pk)
    require_perm(request, "qpp_assist.view_inquiry", inquiry)
    return inquiry


def inquiry_list(request):
    require_perm(request, "qpp_assist.access")
    rows = selectors.inquiries_for_user(request.user)
    status = request.GET.get("status", "")
    if status in Inquiry.Status.values:
        rows = rows.filter(status=status)
    today = selectors.today()
    overdue = request.GET.get("overdue") == "1"
    if overdue:
        rows = rows.filter(status=Inquiry.Status.ROUTED, respond_by__lt=today)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    query = "&".join(part for part in (f"status={status}" if status else "",
                                       "overdue=1" if overdue else "") if part)
    return render(request, "qpp_assist/inquiry_list.html", {
        "page": page, "status": status, "overdue": overdue, "today": today,
        "statuses": [choice for choice in Inquiry.Status.choices
                     if choice[0] != Inquiry.Status.RECEIVED],
        "query": query, "can_add": request.user.has_perm("qpp_assist.add_inquiry"),
        "can_dashboard": request.user.has_perm("qpp_assist.view_dashboard"),
        "can_practices": request.user.has_perm("qpp_assist.view_practice"),
    })


def inquiry_create(request):
    require_perm(request, "qpp_assist.add_inquiry")
    form = InquiryForm(bound(request))
    if request.method == "POST" and form.is_valid():
        done = call_service(request, services.inquiry_submit, form=form, data=form.to_data())
        if done.ok:
            messages.success(request, f"Inquiry recorded. {done.result.routing_explanation}")
            return redirect(done.result.get_absolute_url())
        if done.conflict:
            return redirect(request.path)
    return render(request, "qpp_assist/inquiry_form.html", {"form": form})


def inquiry_detail(request, pk: int, forms: dict | None = None):
    inquiry = _get(request, pk)
    user = request.user
    is_open = inquiry.status in Inquiry.OPEN
    forms = forms or {}
    can = {
        "respond": is_open and user.has_perm("qpp_assist.respond_inquiry", inquiry),
        "hand_off": (inquiry.status == Inquiry.Status.ROUTED
                     and user.has_perm("qpp_assist.hand_off_inquiry", inquiry)),
        "override": is_open and user.has_perm("qpp_assist.override_route_inquiry", inquiry),
    }
    current = inquiry.contractor_id
    handoffs = list(inquiry.handoffs.select_related(
        "from_contractor__organization", "from_contractor__contractor_type",
        "to_contractor__organization", "to_contractor__contractor_type", "by"))
    return render(request, "qpp_assist/inquiry_detail.html", {
        "obj": inquiry, "can": can, "today": selectors.today(),
        "overdue": inquiry.is_overdue(selectors.today()), "handoffs": handoffs,
        "first_owner": handoffs[0].from_label if handoffs else inquiry.owner_label,
        "respond_form": forms.get("respond") or RespondForm(),
        "hand_off_form": forms.get("hand_off") or HandOffForm(current_id=current),
        "override_form": forms.get("override") or OverrideForm(current_id=current),
    })


def _step(request, pk: int, name: str, form, service, success: str, **extra):
    """POST one step; invalid input re-renders the page with the errors on the form."""
    inquiry = _get(request, pk)
    if not form.is_valid():
        return inquiry_detail(request, pk, forms={name: form})
    done = call_service(request, service, form=form, inquiry=inquiry,
                        **{**form.cleaned_data, **extra})
    if not (done.ok or done.conflict):
        return inquiry_detail(request, pk, forms={name: form})
    if done.ok:
        messages.success(request, success)
    return redirect(inquiry.get_absolute_url())


@require_POST
def inquiry_respond(request, pk: int):
    return _step(request, pk, "respond", RespondForm(request.POST), services.inquiry_respond,
                 "Answer sent to the clinician.")


@require_POST
def inquiry_hand_off(request, pk: int):
    inquiry = _get(request, pk)
    form = HandOffForm(request.POST, current_id=inquiry.contractor_id)
    return _step(request, pk, "hand_off", form, services.inquiry_hand_off,
                 "Inquiry handed off; the clinician has been told who has it now.")


@require_POST
def inquiry_override(request, pk: int):
    inquiry = _get(request, pk)
    form = OverrideForm(request.POST, current_id=inquiry.contractor_id)
    return _step(request, pk, "override", form, services.inquiry_override_route,
                 "Route overridden; the clinician has been told who has it now.")
