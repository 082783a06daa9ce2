"""Stored results: list with filters, CSV download, and each entity's explanation."""

from django.shortcuts import get_object_or_404, render

from qis_portal.exports import csv_response
from scoring import selectors
from scoring.forms import ScoreFilterForm
from scoring.presentation import explanation
from scoring.services.reference import get_reference
from scoring.views.common import keyset, permission_required

CSV_HEADER = ["run", "entity_id", "entity_name", "apm", "result", "reporting_level",
              "achievement_score", "improvement_score", "quality_percent", "final_score",
              "problems"]


def _filtered(request):
    runs = selectors.runs_for_user(request.user).order_by("-pk")
    form = ScoreFilterForm(request.GET or None, runs=runs)
    filters = form.values() if form.is_bound else {}
    scores = selectors.score_list(
        request.user, run=filters.get("run") and filters["run"].pk,
        status=filters.get("status") or "", apm_type=filters.get("apm_type") or "",
        q=filters.get("q") or "", level=filters.get("level") or "",
        min_final=filters.get("min_final"), max_final=filters.get("max_final"))
    return form, scores


@permission_required("scoring.view_entityscore")
def score_list(request):
    form, scores = _filtered(request)
    return render(request, "scoring/score_list.html", {
        "form": form, **keyset(request, scores, ["-run_id", "entity__entity_id", "id"])})


@permission_required("scoring.view_entityscore")
def score_export(request):
    _, scores = _filtered(request)
    rows = ([s.run_id, s.entity.entity_id, s.entity.name, s.entity.get_apm_type_display(),
             s.get_status_display(), s.reporting_level, s.achievement_score,
             s.improvement_score, s.quality_percent, s.final_score,
             "; ".join(f"{e['path']}: {e['message']}" for e in s.errors)]
            for s in scores.iterator(chunk_size=2000))
    return csv_response("entity-scores.csv", CSV_HEADER, rows)


@permission_required("scoring.view_entityscore")
def score_detail(request, pk: int):
    score = get_object_or_404(selectors.scores_for_user(request.user), pk=pk)
    context = {"score": score, "entity": score.entity, "wide": True}
    if score.output:
        context.update(explanation(score.output, get_reference()))
    return render(request, "scoring/score_detail.html", context)
