"""Outcome reporting's gate and the pinned measure set (seed 001, Outcomes reporting).

"Outcome reporting will begin for a specific provider once the QAP has been approved": the
gate is open when the provider has an approved QAP under its QIO's active task order, an
active PSA under the same task order, and is on the SPL (every AIAN provider is) or has its
Medicare certification verified (the FQS exception for a facility off the SPL). The measure
set is pinned at the first QAP approval, so the provider reports the same measures for the
whole task order.
"""

from django.db.models import Q

from qio_program.lifecycle.choices import PsaStatus, ReviewStatus, TaskOrderStatus
from qio_program.lifecycle.models import (
    OutcomeMeasureSet,
    ProviderServiceAgreement,
    QualityActionPlan,
)
from qio_program.models import OutcomeMeasure, Provider
from qio_program.services.outcome_gate import OutcomeGate
from qis_portal.services.audit import audit_record


def measure_set_pin(*, actor, qap: QualityActionPlan, request=None) -> OutcomeMeasureSet:
    """Pin the active measures of the provider's setting for the QAP's task order, once.

    Called inside the QAP approval step (the QAP row is locked); a later version's approval
    keeps the set pinned by the first one.
    """
    pinned, created = OutcomeMeasureSet.objects.get_or_create(
        task_order_id=qap.task_order_id, provider_id=qap.provider_id,
        defaults={"pinned_by": actor if getattr(actor, "pk", None) else None})
    if created:
        measures = OutcomeMeasure.objects.filter(
            Q(applies_to="") | Q(applies_to=qap.provider.setting), is_active=True)
        pinned.measures.set(measures)
        audit_record(action="outcomemeasureset.pin", actor=actor, target=pinned,
                     request=request,
                     details={"measures": sorted(m.code for m in measures), "qap": qap.pk})
    return pinned


def outcome_gate(provider: Provider) -> OutcomeGate:
    """The one rule every page, API call and service asks (registered in `ready()`)."""
    qap = (QualityActionPlan.objects
           .filter(provider=provider, status=ReviewStatus.APPROVED,
                   task_order__status=TaskOrderStatus.ACTIVE)
           .select_related("task_order").order_by("-version").first())
    if qap is None:
        return OutcomeGate(is_open=False, reason=(
            f"Outcome reporting for {provider} opens once its QAP is approved; no approved "
            "QAP is on file under an active task order."))
    order = qap.task_order
    if not ProviderServiceAgreement.objects.filter(task_order=order, provider=provider,
                                                   status=PsaStatus.ACTIVE).exists():
        return OutcomeGate(is_open=False, reason=(
            f"{provider} has no active PSA under {order.number}; outcome reporting needs "
            "one."))
    if not (provider.spl_eligible or provider.medicare_active):
        return OutcomeGate(is_open=False, reason=(
            f"{provider} is not on the Service Provider List and its Medicare certification "
            "is not verified."))
    pinned = OutcomeMeasureSet.objects.filter(task_order=order, provider=provider).first()
    measure_ids = (frozenset(pinned.measures.values_list("pk", flat=True)) if pinned
                   else frozenset())
    return OutcomeGate(is_open=True, measure_ids=measure_ids, task_order_label=order.number)
