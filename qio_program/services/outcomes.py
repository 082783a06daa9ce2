"""Quarterly outcomes: entered by the provider itself or by its QIO on its behalf.

Seed 001 (Outcomes reporting): "Report outcomes on a quarterly basis"; "Each outpatient
clinical practice will submit a max of 6 measures each quarter"; providers "directly use the
CMS system to report their measures data" and "can get assistance from the QIO".
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from qio_program.models import (
    OUTPATIENT_MAX_MEASURES_PER_QUARTER,
    OutcomeMeasure,
    OutcomeValue,
    Provider,
    ProviderSetting,
)
from qis_portal.services.audit import audit_record
from qis_portal.workflow import WorkflowConflict, require_permission


def current_quarter(today=None) -> tuple[int, int]:
    today = today or timezone.localdate()
    return today.year, (today.month - 1) // 3 + 1


def _check(provider: Provider, measure: OutcomeMeasure, year: int, quarter: int,
           numerator, denominator) -> None:
    errors = {}
    if not measure.is_active:
        errors["measure"] = f"{measure.code} is no longer reported."
    elif measure.applies_to and measure.applies_to != provider.setting:
        errors["measure"] = (f"{measure.code} is reported by "
                             f"{measure.get_applies_to_display().lower()}s only.")
    if quarter not in (1, 2, 3, 4):
        errors["quarter"] = "A quarter is 1, 2, 3 or 4."
    elif (year, quarter) > current_quarter():
        errors["quarter"] = "Outcomes are reported for a quarter that has begun, not ahead."
    if numerator is not None or denominator is not None:
        if numerator is None or denominator is None:
            errors["denominator"] = "Give both numerator and denominator, or neither."
        elif denominator == 0:
            errors["denominator"] = "The denominator must be more than zero."
        elif numerator > denominator:
            errors["numerator"] = "The numerator cannot be more than the denominator."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def outcome_record(*, actor, provider: Provider, measure: OutcomeMeasure, year: int,
                   quarter: int, value: Decimal, numerator: int | None = None,
                   denominator: int | None = None, notes: str = "",
                   request=None) -> OutcomeValue:
    """Record (or correct) one measure's value for a quarter.

    The provider row is locked first, so two entries at once cannot both pass the count of an
    outpatient clinical practice's measures and make a seventh.
    """
    locked = Provider.objects.select_for_update().get(pk=provider.pk)
    require_permission(actor, "qio_program.add_outcome", locked,
                       action="outcome.record", request=request,
                       message="You cannot report outcomes for this provider.")
    _check(locked, measure, year, quarter, numerator, denominator)
    existing = OutcomeValue.objects.filter(provider=locked, measure=measure, year=year,
                                           quarter=quarter).first()
    if existing is None and locked.setting == ProviderSetting.OUTPATIENT:
        reported = list(OutcomeValue.objects.filter(provider=locked, year=year, quarter=quarter)
                        .values_list("measure__code", flat=True))
        if len(reported) >= OUTPATIENT_MAX_MEASURES_PER_QUARTER:
            raise WorkflowConflict(
                f"An outpatient clinical practice reports at most "
                f"{OUTPATIENT_MAX_MEASURES_PER_QUARTER} measures a quarter; {year} Q{quarter} "
                f"already has {len(reported)} ({', '.join(sorted(reported))}). Correct one of "
                "those instead.")
    on_behalf = not actor.has_role("provider_user")
    record = existing or OutcomeValue(provider=locked, measure=measure, year=year,
                                      quarter=quarter)
    before = str(existing.value) if existing else ""
    record.value, record.numerator, record.denominator = value, numerator, denominator
    record.notes, record.entered_by, record.entered_by_qio = notes, actor, on_behalf
    record.full_clean(validate_unique=False)
    record.save()
    audit_record(action="outcome.correct" if existing else "outcome.record", actor=actor,
                 target=locked, request=request,
                 details={"measure": measure.code, "period": f"{year} Q{quarter}",
                          "value": str(value), "previous": before, "by_qio": on_behalf})
    return record
