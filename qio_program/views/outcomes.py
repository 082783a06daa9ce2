"""Outcomes pages: a provider's quarterly values (and entry), one measure's history."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from qio_program.forms.outcomes import OutcomeForm
from qio_program.models import OUTPATIENT_MAX_MEASURES_PER_QUARTER, OutcomeMeasure, ProviderSetting
from qio_program.selectors.directory import provider_for_user
from qio_program.services.outcomes import outcome_record
from qis_portal.views.common import bound, call_service, require_perm


def provider_outcomes(request, pk: int):
    provider = provider_for_user(request.user, pk)
    require_perm(request, "qio_program.view_outcomes", provider)
    can_add = request.user.has_perm("qio_program.add_outcome", provider)
    form = OutcomeForm(bound(request), provider=provider) if can_add else None
    if request.method == "POST":
        require_perm(request, "qio_program.add_outcome", provider)
        done = (call_service(request, outcome_record, form=form, provider=provider,
                             **form.cleaned_data) if form.is_valid() else None)
        if done is not None and done.ok:
            record = done.result
            messages.success(request, f"{record.measure.code} for {record.period} saved.")
            return redirect("qio_program:provider_outcomes", pk=provider.pk)
    values = list(provider.outcomes.select_related("measure", "entered_by")
                  .order_by("-year", "-quarter", "measure__code"))
    quarters: dict[str, list] = {}
    for value in values:
        quarters.setdefault(value.period, []).append(value)
    return render(request, "qio_program/outcomes/provider.html", {
        "provider": provider, "form": form, "quarters": quarters,
        "is_outpatient": provider.setting == ProviderSetting.OUTPATIENT,
        "max_measures": OUTPATIENT_MAX_MEASURES_PER_QUARTER,
    })


def measure_history(request, pk: int, measure_pk: int):
    provider = provider_for_user(request.user, pk)
    require_perm(request, "qio_program.view_outcomes", provider)
    measure = get_object_or_404(OutcomeMeasure, pk=measure_pk)
    values = (provider.outcomes.filter(measure=measure).select_related("entered_by")
              .order_by("year", "quarter"))
    return render(request, "qio_program/outcomes/history.html",
                  {"provider": provider, "measure": measure, "values": values})
