"""Practices of a contractor's region: the roster QPP-SURS reach is counted on, and the
assistance recorded for each."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from qis_portal.views.common import bound, call_service, require_perm
from qpp_assist import selectors, services
from qpp_assist.forms import AssistanceForm, PracticeForm
from qpp_assist.models import Practice
from qpp_assist.routing import SMALL_GROUP_MAX
from qpp_assist.rules import contractor_roles


def _get(request, pk: int) -> Practice:
    practice = get_object_or_404(selectors.practices_for_user(request.user), pk=pk)
    require_perm(request, "qpp_assist.view_practice", practice)
    return practice


def practice_list(request):
    require_perm(request, "qpp_assist.view_practice")
    rows = selectors.practices_for_user(request.user)
    if request.GET.get("surs") == "1":
        rows = rows.filter(group_size__lte=SMALL_GROUP_MAX, advanced_apm=False,
                           ptn_enrolled=False)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "qpp_assist/practice_list.html", {
        "page": page, "surs_only": request.GET.get("surs") == "1",
        "query": "surs=1" if request.GET.get("surs") == "1" else "",
        "can_add": request.user.has_perm("qpp_assist.add_practice"),
    })


def practice_create(request):
    require_perm(request, "qpp_assist.add_practice")
    form = PracticeForm(bound(request))
    if request.method == "POST" and form.is_valid():
        done = call_service(request, services.practice_add, form=form, data=form.to_data())
        if done.ok:
            messages.success(request, "Practice added.")
            return redirect(done.result.get_absolute_url())
        if done.conflict:
            return redirect(request.path)
    return render(request, "qpp_assist/practice_form.html", {"form": form})


def practice_detail(request, pk: int):
    practice = _get(request, pk)
    user = request.user
    can_record = user.has_perm("qpp_assist.record_assistance", practice)
    own = [c for c in contractor_roles(user) if c.region == practice.region]
    form = AssistanceForm(bound(request), contractors=own,
                          initial={"provided_on": selectors.today()})
    if request.method == "POST":
        require_perm(request, "qpp_assist.record_assistance", practice)
        if form.is_valid():
            data = form.cleaned_data
            done = call_service(
                request, services.assistance_record, form=form, practice=practice,
                provided_on=data["provided_on"], kind=data["kind"], note=data["note"],
                contractor=data.get("contractor"))
            if done.ok:
                messages.success(request, "Assistance recorded.")
                return redirect(practice.get_absolute_url())
            if done.conflict:
                return redirect(request.path)
    return render(request, "qpp_assist/practice_detail.html", {
        "obj": practice, "form": form if can_record else None,
        "inquiries": selectors.inquiries_for_user(user).filter(practice=practice),
        "assistance": practice.assistance.select_related(
            "contractor__organization", "contractor__contractor_type", "recorded_by"),
        "reached_by": selectors.practice_reached_by(practice),
    })
