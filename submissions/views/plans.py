"""Implementation Plans on file: issuers file theirs, CMS accepts or returns them; once on
file a plan changes only through a Modification Summary Supplement (views/supplements.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from qis_portal.views.common import bound, errors_to_form, require_perm, run_action
from submissions import selectors
from submissions.elements.progress_report import PROGRESS_REPORT
from submissions.forms import PlanForm
from submissions.models import ImplementationPlan
from submissions.presentation import render_form
from submissions.services import (
    implementation_plan_accept,
    implementation_plan_file,
    implementation_plan_refile,
    implementation_plan_return,
)
from submissions.services.plans import DIRECTION_KEYS
from submissions.validators.restated import DIRECTIONS


def plan_list(request):
    require_perm(request, "submissions.view_implementationplan",
                 message="You cannot see Implementation Plans.")
    return render(request, "submissions/plan_list.html", {
        "plans": selectors.plans_for(request.user),
        "can_add": request.user.has_perm("submissions.add_implementationplan"),
    })


def get_plan(request, pk: int) -> ImplementationPlan:
    plan = get_object_or_404(selectors.plans_for(request.user), pk=pk)
    require_perm(request, "submissions.view_implementationplan", plan,
                 message="You cannot open this plan.")
    return plan


def plan_sections(data: dict) -> list:
    """Element 16 of the Progress Report as the plan holds it (goals and measures)."""
    part_c = next(p for p in render_form(PROGRESS_REPORT.form_type, data)
                  if p.title.startswith("Part C"))
    return [s for s in part_c.sections if s.heading != "Additional information" and any(
        row.number.startswith("16") for row in s.rows)]


def plan_detail(request, pk: int):
    plan = get_plan(request, pk)
    user = request.user
    directions = [(key[1:3], dict(DIRECTIONS).get(plan.data.get(key), ""))
                  for key in DIRECTION_KEYS]
    return render(request, "submissions/plan_detail.html", {
        "plan": plan, "sections": plan_sections(plan.data), "directions": directions,
        "versions": plan.versions.select_related("accepted_by", "supplement"),
        "supplements": plan.supplements.select_related("filed_by"),
        "can_decide": (plan.status == ImplementationPlan.Status.FILED
                       and user.has_perm("submissions.decide_implementationplan", plan)),
        "can_modify": plan.is_on_file and user.has_perm(
            "submissions.add_modificationsupplement", plan),
        "can_refile": (plan.status == ImplementationPlan.Status.RETURNED
                       and user.has_perm("submissions.refile_implementationplan", plan)),
    })


def plan_edit(request, pk: int | None = None):
    """File a new plan, or correct a returned one. A plan on file is modified by a
    supplement; a filed one waits for CMS."""
    plan = get_plan(request, pk) if pk else None
    if plan is not None and plan.is_on_file:
        require_perm(request, "submissions.add_modificationsupplement", plan,
                     message="Only the plan's own issuer modifies it.")
        return redirect("submissions:supplement_new", pk=plan.pk)
    perm = ("submissions.refile_implementationplan" if plan
            else "submissions.add_implementationplan")
    require_perm(request, perm, plan, message="You cannot file or correct this plan.")
    if plan is not None and plan.status != ImplementationPlan.Status.RETURNED:
        messages.info(request, "This plan is awaiting CMS; it can be corrected once returned.")
        return redirect(plan)
    initial = PlanForm.initial_from(plan.qis_title, plan.plan_year, plan.data) if plan else {}
    form = PlanForm(bound(request), initial=initial, editing=plan is not None)
    if request.method == "POST" and form.is_valid():
        try:
            if plan is None:
                plan = implementation_plan_file(
                    actor=request.user, qis_title=form.cleaned_data["qis_title"],
                    plan_year=form.cleaned_data["plan_year"], data=form.plan_data(),
                    request=request)
                messages.success(request, "Implementation Plan filed; CMS will accept or "
                                          "return it.")
            else:
                plan = implementation_plan_refile(
                    actor=request.user, plan=plan, qis_title=form.cleaned_data["qis_title"],
                    data=form.plan_data(), request=request)
                messages.success(request, "Corrected Implementation Plan filed again.")
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            return redirect(plan)
    return render(request, "submissions/plan_form.html",
                  {"form": form, "plan": plan, "sections": form.sections()})


@require_POST
def plan_decide(request, pk: int):
    plan = get_plan(request, pk)
    note = request.POST.get("note", "")
    if request.POST.get("decision") == "return":
        return run_action(request, plan.get_absolute_url(), implementation_plan_return,
                          "Plan returned to the issuer.", plan=plan, note=note)
    return run_action(request, plan.get_absolute_url(), implementation_plan_accept,
                      "Plan accepted: version 1 is on file.", plan=plan, note=note)
