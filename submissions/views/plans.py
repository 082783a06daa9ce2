"""Implementation Plans on file: issuers file and modify theirs; CMS reads them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from qis_portal.views.common import bound, errors_to_form, require_perm
from submissions import selectors
from submissions.elements.progress_report import PROGRESS_REPORT
from submissions.forms import PlanForm
from submissions.presentation import render_form
from submissions.services import implementation_plan_file, implementation_plan_update
from submissions.services.plans import DIRECTION_KEYS
from submissions.validators.restated import DIRECTIONS


def plan_list(request):
    require_perm(request, "submissions.view_implementationplan",
                 message="You cannot see Implementation Plans.")
    return render(request, "submissions/plan_list.html", {
        "plans": selectors.plans_for(request.user),
        "can_add": request.user.has_perm("submissions.add_implementationplan"),
    })


def _get_plan(request, pk: int):
    plan = get_object_or_404(selectors.plans_for(request.user), pk=pk)
    require_perm(request, "submissions.view_implementationplan", plan,
                 message="You cannot open this plan.")
    return plan


def plan_detail(request, pk: int):
    plan = _get_plan(request, pk)
    part_c = next(p for p in render_form(PROGRESS_REPORT.form_type, plan.data)
                  if p.title.startswith("Part C"))
    directions = [(key[1:3], dict(DIRECTIONS).get(plan.data.get(key), ""))
                  for key in DIRECTION_KEYS]
    sections = [s for s in part_c.sections if s.heading != "Additional information" and any(
        row.number.startswith("16") for row in s.rows)]
    return render(request, "submissions/plan_detail.html", {
        "plan": plan, "sections": sections, "directions": directions,
        "can_edit": request.user.has_perm("submissions.change_implementationplan", plan),
    })


def plan_edit(request, pk: int | None = None):
    plan = _get_plan(request, pk) if pk else None
    perm = "submissions.change_implementationplan" if plan else "submissions.add_implementationplan"
    require_perm(request, perm, plan, message="You cannot file or change Implementation Plans.")
    initial = PlanForm.initial_from(plan) if plan else {}
    form = PlanForm(bound(request), initial=initial, editing=plan is not None)
    if request.method == "POST" and form.is_valid():
        try:
            if plan is None:
                plan = implementation_plan_file(
                    actor=request.user, qis_title=form.cleaned_data["qis_title"],
                    plan_year=form.cleaned_data["plan_year"], data=form.plan_data(),
                    request=request)
                messages.success(request, "Implementation Plan filed.")
            else:
                plan = implementation_plan_update(
                    plan=plan, actor=request.user, qis_title=form.cleaned_data["qis_title"],
                    data=form.plan_data(), request=request)
                messages.success(request, "Implementation Plan updated.")
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            return redirect(plan)
    return render(request, "submissions/plan_form.html",
                  {"form": form, "plan": plan, "sections": form.sections()})
