"""Non-FQS support hand-off pages: the QIO's list and decision, the COR's view of both."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fqs import selectors, services
from fqs.forms import ApproveForm, DeclineForm
from fqs.models import SupportHandoff
from qis_portal.views.common import form_error_message, require_perm, run_action


def _get(request, pk: int) -> SupportHandoff:
    handoff = get_object_or_404(selectors.handoffs_for_user(request.user), pk=pk)
    require_perm(request, "fqs.view_handoff", handoff)
    return handoff


def handoff_list(request):
    require_perm(request, "fqs.view_handoff")
    rows = selectors.handoffs_for_user(request.user)
    status = request.GET.get("status", "")
    if status in SupportHandoff.Status.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "fqs/handoff_list.html", {
        "page": page, "status": status, "statuses": SupportHandoff.Status.choices,
        "query": f"status={status}" if status else "",
    })


def handoff_detail(request, pk: int):
    handoff = _get(request, pk)
    can_decide = (handoff.status == SupportHandoff.Status.OPEN
                  and request.user.has_perm("fqs.decide_handoff", handoff))
    return render(request, "fqs/handoff_detail.html", {
        "obj": handoff, "can_decide": can_decide,
        "accept_form": ApproveForm(), "decline_form": DeclineForm(),
    })


@require_POST
def handoff_accept(request, pk: int):
    handoff = _get(request, pk)
    form = ApproveForm(request.POST)
    form.is_valid()
    return run_action(request, handoff.get_absolute_url(), services.support_handoff_accept,
                      "Non-FQS support accepted.", handoff=handoff,
                      note=form.cleaned_data.get("note", ""))


@require_POST
def handoff_decline(request, pk: int):
    handoff = _get(request, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(handoff.get_absolute_url())
    return run_action(request, handoff.get_absolute_url(), services.support_handoff_decline,
                      "Non-FQS support declined; the COR has the reason.", handoff=handoff,
                      reason=form.cleaned_data["reason"])
