"""Quarterly outcomes: entered by the provider itself or by its QIO on its behalf, then
validated or queried by the QIO or the COR.

Seed 001 (Outcomes reporting): "Outcome reporting will begin for a specific provider once the
QAP has been approved" (the gate: `qio_program.services.outcome_gate`); "Report outcomes on a
quarterly basis"; "Each outpatient clinical practice will submit a max of 6 measures each
quarter"; providers "directly use the CMS system to report their measures data" and "can get
assistance from the QIO".
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from qio_program.models import (
    OUTPATIENT_MAX_MEASURES_PER_QUARTER,
    OutcomeMeasure,
    OutcomeStatus,
    OutcomeValue,
    Provider,
    ProviderSetting,
)
from qio_program.services.outcome_gate import outcome_gate_for
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.validation import require_text
from qis_portal.workflow import WorkflowConflict, require_permission, run_transition

REVIEW = "qio_program.review_outcome"


def current_quarter(today=None) -> tuple[int, int]:
    today = today or timezone.localdate()
    return today.year, (today.month - 1) // 3 + 1


def _check(provider: Provider, measure: OutcomeMeasure, year: int, quarter: int,
           numerator, denominator, pinned: frozenset[int]) -> None:
    errors = {}
    if measure.applies_to and measure.applies_to != provider.setting:
        errors["measure"] = (f"{measure.code} is reported by "
                             f"{measure.get_applies_to_display().lower()}s only.")
    elif measure.pk not in pinned:
        errors["measure"] = (f"{measure.code} is not in the measure set pinned for "
                             f"{provider}'s task order.")
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


def _require_room(provider: Provider, year: int, quarter: int) -> None:
    if provider.setting != ProviderSetting.OUTPATIENT:
        return
    reported = list(OutcomeValue.objects.filter(provider=provider, year=year, quarter=quarter)
                    .values_list("measure__code", flat=True))
    if len(reported) >= OUTPATIENT_MAX_MEASURES_PER_QUARTER:
        raise WorkflowConflict(
            f"An outpatient clinical practice reports at most "
            f"{OUTPATIENT_MAX_MEASURES_PER_QUARTER} measures a quarter; {year} Q{quarter} "
            f"already has {len(reported)} ({', '.join(sorted(reported))}). Correct one of "
            "those instead.")


@transaction.atomic
def outcome_record(*, actor, provider: Provider, measure: OutcomeMeasure, year: int,
                   quarter: int, value: Decimal, numerator: int | None = None,
                   denominator: int | None = None, notes: str = "",
                   request=None) -> OutcomeValue:
    """Record (or correct) one measure's value for a quarter.

    The provider row is locked first, so two entries at once cannot both pass the count of an
    outpatient clinical practice's measures and make a seventh. Correcting a queried value is
    the `answer` step (back to entered); a validated value is final.
    """
    locked = Provider.objects.select_for_update().get(pk=provider.pk)
    require_permission(actor, "qio_program.add_outcome", locked,
                       action="outcome.record", request=request,
                       message="You cannot report outcomes for this provider.")
    gate = outcome_gate_for(locked)
    if not gate.is_open:
        raise WorkflowConflict(gate.reason)
    _check(locked, measure, year, quarter, numerator, denominator, gate.measure_ids)
    existing = OutcomeValue.objects.filter(provider=locked, measure=measure, year=year,
                                           quarter=quarter).first()
    if existing is None:
        _require_room(locked, year, quarter)
    elif existing.status == OutcomeStatus.VALIDATED:
        raise WorkflowConflict(f"{measure.code} for {year} Q{quarter} is validated and final.",
                               current_state=existing.status)
    on_behalf = not actor.has_role("provider_user")
    previous = str(existing.value) if existing else ""

    def fill(record: OutcomeValue) -> None:
        record.value, record.numerator, record.denominator = value, numerator, denominator
        record.notes, record.entered_by, record.entered_by_qio = notes, actor, on_behalf
        record.full_clean(exclude=["status"], validate_unique=False)

    details = {"measure": measure.code, "period": f"{year} Q{quarter}", "value": str(value),
               "previous": previous, "by_qio": on_behalf}
    if existing is not None and existing.status == OutcomeStatus.QUERIED:
        return run_transition(obj=existing, transition="answer", actor=actor,
                              permission="qio_program.add_outcome", request=request,
                              note=notes, before=fill, details=details)
    record = existing or OutcomeValue(provider=locked, measure=measure, year=year,
                                      quarter=quarter)
    fill(record)
    record.save()
    audit_record(action="outcome.correct" if existing else "outcome.record", actor=actor,
                 target=locked, request=request, details=details)
    return record


def outcome_validate(*, actor, outcome: OutcomeValue, request=None) -> OutcomeValue:
    """The QIO or the COR confirms the value; it counts as validated on the CMS dashboard."""

    def before(locked):
        locked.reviewed_by, locked.reviewed_at, locked.query_note = actor, timezone.now(), ""

    return run_transition(obj=outcome, transition="validate", actor=actor, permission=REVIEW,
                          request=request, before=before,
                          refusal=lambda locked: _refusal(locked, "validated"))


def outcome_query(*, actor, outcome: OutcomeValue, question: str,
                  request=None) -> OutcomeValue:
    """The QIO or the COR asks about the value; whoever entered it is told what to check."""
    question = require_text(question, "question", "Say what to check in the value.",
                            max_length=500)

    def before(locked):
        locked.reviewed_by, locked.reviewed_at = actor, timezone.now()
        locked.query_note = question

    def after(queried):
        notify_on_commit(
            recipients=[queried.entered_by], kind="qio.outcome_queried", exclude=actor,
            title=f"{queried.measure.code} for {queried.period} of {queried.provider} queried",
            body=question, url=queried.provider_outcomes_url())

    return run_transition(obj=outcome, transition="query", actor=actor, permission=REVIEW,
                          note=question, request=request, before=before, after=after,
                          refusal=lambda locked: _refusal(locked, "queried"))


def _refusal(locked: OutcomeValue, verb: str) -> str:
    return (f"{locked.measure.code} for {locked.period} is {locked.get_status_display().lower()}"
            f"; only a value awaiting validation can be {verb}.")
