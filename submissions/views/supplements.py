"""Modification Summary Supplements: the issuer proposes element-by-element changes to the
plan on file, each with its reason; a CMS QIS reviewer accepts or returns them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from qis_portal.views.common import bound, errors_to_form, require_perm, run_action
from qis_portal.workflow import WorkflowConflict
from submissions import selectors
from submissions.forms import PlanForm
from submissions.models import ModificationSupplement
from submissions.services import supplement_accept, supplement_file, supplement_return
from submissions.services.plans import clean_plan_data
from submissions.services.supplements import supplement_changes
from submissions.views.plans import get_plan


def _reasons(request) -> dict:
    return {key[len("reason_"):]: value for key, value in request.POST.items()
            if key.startswith("reason_")}


def supplement_new(request, pk: int):
    plan = get_plan(request, pk)
    require_perm(request, "submissions.add_modificationsupplement", plan,
                 message="Only the plan's own issuer files its Modification Summary "
                         "Supplement.")
    current = plan.versions.order_by("-number").first()
    if current is None:
        messages.info(request, "A supplement modifies a plan CMS has accepted; this one is "
                               f"{plan.get_status_display().lower()}.")
        return redirect(plan)
    form = PlanForm(bound(request), editing=True, supplement=True, initial={
        **PlanForm.initial_from(current.qis_title, plan.plan_year, current.data),
        "effective_year": current.effective_year + 1})
    changes, reasons = [], _reasons(request)
    if request.method == "POST" and form.is_valid():
        try:  # compared as stored (counts as numbers), so only real modifications are listed
            proposed = clean_plan_data(form.plan_data())
        except ValidationError as exc:
            errors_to_form(form, exc)
            proposed = None
        if proposed is not None:
            changes = supplement_changes(
                {**current.data, "qis_title": current.qis_title},
                {**proposed, "qis_title": form.cleaned_data["qis_title"]}, reasons)
        if "file" in request.POST and proposed is not None:
            try:
                supplement = supplement_file(
                    actor=request.user, plan=plan, qis_title=form.cleaned_data["qis_title"],
                    data=form.plan_data(), reasons=reasons,
                    effective_year=form.cleaned_data["effective_year"], request=request)
            except ValidationError as exc:
                errors = {k: v for k, v in exc.message_dict.items()
                          if not k.startswith("reason_")}
                if errors:
                    errors_to_form(form, ValidationError(errors))
                else:
                    messages.error(request, "Give the reason for each modification below.")
            except WorkflowConflict as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "Modification Summary Supplement filed; CMS will "
                                          "accept or return it.")
                return redirect(supplement)
    return render(request, "submissions/supplement_form.html", {
        "form": form, "plan": plan, "current": current, "sections": form.sections(),
        "changes": changes})


def _get_supplement(request, pk: int) -> ModificationSupplement:
    supplement = get_object_or_404(selectors.supplements_for(request.user), pk=pk)
    require_perm(request, "submissions.view_modificationsupplement", supplement,
                 message="You cannot open this supplement.")
    return supplement


def supplement_detail(request, pk: int):
    supplement = _get_supplement(request, pk)
    return render(request, "submissions/supplement_detail.html", {
        "supplement": supplement, "plan": supplement.plan,
        "can_decide": (supplement.status == ModificationSupplement.Status.SUBMITTED
                       and request.user.has_perm("submissions.decide_modificationsupplement",
                                                 supplement)),
    })


@require_POST
def supplement_decide(request, pk: int):
    supplement = _get_supplement(request, pk)
    note = request.POST.get("note", "")
    if request.POST.get("decision") == "return":
        return run_action(request, supplement.get_absolute_url(), supplement_return,
                          "Supplement returned to the issuer.", supplement=supplement,
                          note=note)
    return run_action(request, supplement.get_absolute_url(), supplement_accept,
                      "Supplement accepted: the plan on file has a new version.",
                      supplement=supplement, note=note)
