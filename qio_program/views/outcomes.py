"""Outcomes pages: a provider's quarterly values (entry, validation, queries), one measure's
history, and CMS's progress per measure across QIOs and regions."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from qio_program.forms.outcomes import OutcomeForm, OutcomeQueryForm
from qio_program.models import (
    OUTPATIENT_MAX_MEASURES_PER_QUARTER,
    OutcomeMeasure,
    OutcomeStatus,
    ProviderSetting,
)
from qio_program.selectors.directory import provider_for_user
from qio_program.selectors.outcome_progress import outcome_progress
from qio_program.selectors.scope import outcomes_for
from qio_program.services.outcome_gate import outcome_gate_for
from qio_program.services.outcomes import outcome_query, outcome_record, outcome_validate
from qis_portal.views.common import (
    bound,
    call_service,
    form_error_message,
    require_perm,
    run_action,
)


def provider_outcomes(request, pk: int):
    provider = provider_for_user(request.user, pk)
    require_perm(request, "qio_program.view_outcomes", provider)
    gate = outcome_gate_for(provider)
    can_add = request.user.has_perm("qio_program.add_outcome", provider) and gate.is_open
    form = (OutcomeForm(bound(request), provider=provider, measure_ids=gate.measure_ids)
            if can_add else None)
    if request.method == "POST":
        require_perm(request, "qio_program.add_outcome", provider)
        if form is None:
            messages.error(request, gate.reason)
            return redirect("qio_program:provider_outcomes", pk=provider.pk)
        done = (call_service(request, outcome_record, form=form, provider=provider,
                             **form.cleaned_data) if form.is_valid() else None)
        if done is not None and done.ok:
            record = done.result
            messages.success(request, f"{record.measure.code} for {record.period} saved.")
            return redirect("qio_program:provider_outcomes", pk=provider.pk)
    values = list(provider.outcomes.select_related("measure", "entered_by", "reviewed_by")
                  .order_by("-year", "-quarter", "measure__code"))
    quarters: dict[str, list] = {}
    for value in values:
        quarters.setdefault(value.period, []).append(value)
    return render(request, "qio_program/outcomes/provider.html", {
        "provider": provider, "form": form, "quarters": quarters, "gate": gate,
        "can_review": request.user.has_perm("qio_program.review_outcome", provider),
        "awaiting": OutcomeStatus.ENTERED,
        "is_outpatient": provider.setting == ProviderSetting.OUTPATIENT,
        "max_measures": OUTPATIENT_MAX_MEASURES_PER_QUARTER,
    })


def _outcome(request, pk: int):
    return get_object_or_404(outcomes_for(request.user).select_related("provider", "measure"),
                             pk=pk)


@require_POST
def outcome_validate_view(request, pk: int):
    outcome = _outcome(request, pk)
    return run_action(request, outcome.provider_outcomes_url(), outcome_validate,
                      f"{outcome.measure.code} for {outcome.period} validated.",
                      outcome=outcome)


@require_POST
def outcome_query_view(request, pk: int):
    outcome = _outcome(request, pk)
    form = OutcomeQueryForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(outcome.provider_outcomes_url())
    return run_action(request, outcome.provider_outcomes_url(), outcome_query,
                      f"{outcome.measure.code} for {outcome.period} queried; the reporter "
                      "is told.", outcome=outcome, question=form.cleaned_data["question"])


def outcome_progress_view(request):
    """CMS: each measure's values by region and QIO, a chart with its data table beside it."""
    require_perm(request, "qio_program.view_outcome_progress")
    return render(request, "qio_program/outcomes/progress.html",
                  {"measures": outcome_progress()})


def measure_history(request, pk: int, measure_pk: int):
    provider = provider_for_user(request.user, pk)
    require_perm(request, "qio_program.view_outcomes", provider)
    measure = get_object_or_404(OutcomeMeasure, pk=measure_pk)
    values = (provider.outcomes.filter(measure=measure).select_related("entered_by")
              .order_by("year", "quarter"))
    return render(request, "qio_program/outcomes/history.html",
                  {"provider": provider, "measure": measure, "values": values})
