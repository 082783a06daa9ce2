"""Batch scoring runs: start one, watch its progress (htmx polls a small fragment)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from qis_portal.workflow import WorkflowConflict
from scoring import selectors
from scoring.forms import RunStartForm
from scoring.services.runs import scoring_run_start
from scoring.views.common import paginate, permission_required


@permission_required("scoring.view_scoringrun")
def run_list(request):
    runs = selectors.runs_for_user(request.user).order_by("-pk")
    return render(request, "scoring/run_list.html", {
        "form": RunStartForm(), **paginate(request, runs),
        "can_start": request.user.has_perm("scoring.start_scoringrun")})


@require_POST
@permission_required("scoring.start_scoringrun")
def run_start(request):
    form = RunStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a performance year.")
        return redirect("scoring:run_list")
    try:
        run = scoring_run_start(actor=request.user,
                                performance_year=form.cleaned_data["performance_year"],
                                request=request)
    except WorkflowConflict as exc:
        messages.error(request, exc.message)
        return redirect("scoring:run_list")
    messages.success(request, f"Scoring run #{run.pk} queued for {run.total} entities.")
    return redirect("scoring:run_detail", pk=run.pk)


@permission_required("scoring.view_scoringrun")
def run_detail(request, pk: int):
    run = get_object_or_404(selectors.runs_for_user(request.user), pk=pk)
    return render(request, "scoring/run_detail.html", {"run": run})


@permission_required("scoring.view_scoringrun")
def run_progress(request, pk: int):
    """The fragment htmx swaps in every two seconds until the run ends."""
    run = get_object_or_404(selectors.runs_for_user(request.user), pk=pk)
    return render(request, "scoring/_run_progress.html", {"run": run})
