"""Outcomes pages: a provider's quarterly values (and entry), one measure's history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from qio_program.forms.common import apply_service_errors
from qio_program.forms.outcomes import OutcomeForm
from qio_program.models import OUTPATIENT_MAX_MEASURES_PER_QUARTER, OutcomeMeasure, ProviderSetting
from qio_program.selectors.directory import provider_for_user
from qio_program.services.outcomes import outcome_record
from qio_program.views.common import require_perm
from qis_portal.workflow import WorkflowConflict


def provider_outcomes(request, pk: int):
    provider = provider_for_user(request.user, pk)
    require_perm(request, "qio_program.view_outcomes", provider)
    can_add = request.user.has_perm("qio_program.add_outcome", provider)
    form = OutcomeForm(request.POST or None, provider=provider) if can_add else None
    if request.method == "POST":
        require_perm(request, "qio_program.add_outcome", provider)
        if form.is_valid():
            try:
                record = outcome_record(actor=request.user, provider=provider,
                                        request=request, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except WorkflowConflict as exc:
                form.add_error(None, exc.message)
            else:
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
