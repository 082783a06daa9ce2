"""Provider Engagement Strategy (seed 001): after the state's A3C is approved, presented to the
provider's QI lead, signed off in the portal, re-evaluated every 12 months."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from qio_program.lifecycle.choices import PesStatus
from qio_program.lifecycle.models import ProviderEngagementStrategy, TaskOrder
from qio_program.lifecycle.services.a3c import require_a3c_approved
from qio_program.lifecycle.services.common import (
    locked_edit,
    notify_on_commit,
    provider_recipients,
    qio_recipients,
    require_perm,
    require_text,
    transition,
)
from qio_program.lifecycle.services.contract import deliverables_refresh, require_active
from qio_program.lifecycle.services.providers import require_eligible
from qis_portal.services.audit import audit_record
from qis_portal.workflow import WorkflowConflict, lock

FIELDS = ("qi_lead_name", "qi_lead_email", "needs_summary", "engagement_approach",
          "planned_interventions")
CHANGE = "qio_lifecycle.change_providerengagementstrategy"
SIGN = "qio_lifecycle.sign_providerengagementstrategy"


def pes_create(*, actor, task_order: TaskOrder, provider, data: dict | None = None,
               request=None) -> ProviderEngagementStrategy:
    """Possible only once the COR approved the A3C of the provider's state (seed 001)."""
    require_perm(actor, CHANGE, task_order, action="providerengagementstrategy.create",
                 request=request)
    require_active(task_order)
    require_eligible(task_order, provider)
    require_a3c_approved(task_order, provider.state, step="A Provider Engagement Strategy")
    with transaction.atomic():
        lock(TaskOrder, task_order.pk)
        if ProviderEngagementStrategy.objects.filter(task_order=task_order,
                                                     provider=provider).exists():
            raise WorkflowConflict(f"{provider} already has a PES; open it, or re-evaluate the "
                                   f"signed one.")
        pes = ProviderEngagementStrategy.objects.create(
            task_order=task_order, provider=provider, created_by=actor,
            **{key: value for key, value in (data or {}).items() if key in FIELDS})
        audit_record(action="providerengagementstrategy.create", actor=actor, target=pes,
                     to_state=pes.status, request=request)
    return pes


def pes_update(*, actor, pes: ProviderEngagementStrategy, data: dict, request=None):
    return locked_edit(
        pes, actor=actor, permission=CHANGE, request=request,
        changes={key: value for key, value in data.items() if key in FIELDS},
        editable=lambda obj: obj.is_editable,
        refusal=lambda obj: f"This PES is {obj.get_status_display().lower()}; only a draft "
                            f"changes (re-evaluate a signed one).")


def pes_present(*, actor, pes: ProviderEngagementStrategy, request=None):
    """Present to the provider's QI lead / point of contact for review, input and sign-off."""

    def before(locked):
        require_text(locked, {"qi_lead_name": "The provider's QI lead or point of contact",
                              "engagement_approach": "How the QIO will engage the provider"})
        locked.presented_at = timezone.now()

    def after(presented):
        notify_on_commit(recipients=provider_recipients(presented.provider),
                         kind="lifecycle.signature_requested",
                         title=f"Please review and sign the engagement strategy of "
                               f"{presented.task_order.qio}", url=presented.get_absolute_url())

    return transition(pes, name="present", actor=actor, permission=CHANGE, request=request,
                      before=before, after=after)


def pes_request_changes(*, actor, pes: ProviderEngagementStrategy, provider_input: str,
                        request=None):
    """The provider gives input instead of signing; the QIO revises the draft."""
    provider_input = (provider_input or "").strip()

    def before(locked):
        if not provider_input:
            raise ValidationError({"provider_input": ["Say what you would like changed."]})
        locked.provider_input = provider_input

    def after(returned):
        notify_on_commit(recipients=qio_recipients(returned.task_order.qio_id),
                         kind="lifecycle.decision",
                         title=f"{returned.provider} asks for changes to its PES",
                         url=returned.get_absolute_url(), body=provider_input)

    return transition(pes, name="request_changes", actor=actor, permission=SIGN,
                      note=provider_input, request=request, before=before, after=after)


def pes_sign(*, actor, pes: ProviderEngagementStrategy, request=None):
    """The provider's QI lead signs off; the date is recorded and re-evaluation set 12 months on."""

    def before(locked):
        locked.signed_on = timezone.localdate()
        locked.signed_by = actor
        locked.reevaluation_due = ProviderEngagementStrategy.reevaluation_date(locked.signed_on)

    def after(signed):
        deliverables_refresh(task_order=signed.task_order, actor=actor)
        notify_on_commit(recipients=qio_recipients(signed.task_order.qio_id),
                         kind="lifecycle.signed", title=f"{signed.provider} signed its PES",
                         url=signed.get_absolute_url())

    return transition(pes, name="sign", actor=actor, permission=SIGN, request=request,
                      before=before, after=after)


def pes_reevaluate(*, actor, pes: ProviderEngagementStrategy, request=None):
    """The 12-monthly re-evaluation: a new draft version from the signed latest one."""
    require_perm(actor, CHANGE, pes, action="providerengagementstrategy.reevaluate",
                 request=request)
    require_active(pes.task_order)
    with transaction.atomic():
        lock(TaskOrder, pes.task_order_id)
        pes = ProviderEngagementStrategy.objects.get(pk=pes.pk)
        latest = ProviderEngagementStrategy.objects.filter(task_order_id=pes.task_order_id,
                                                           provider_id=pes.provider_id).first()
        if latest.pk != pes.pk or pes.status != PesStatus.SIGNED:
            raise WorkflowConflict("Only the signed latest PES can be re-evaluated.",
                                   current_state=pes.status)
        copy = ProviderEngagementStrategy.objects.create(
            task_order_id=pes.task_order_id, provider_id=pes.provider_id,
            version=pes.version + 1, previous=pes, created_by=actor,
            **{field: getattr(pes, field) for field in FIELDS})
        audit_record(action="providerengagementstrategy.reevaluate", actor=actor, target=copy,
                     to_state=copy.status, request=request, details={"previous": pes.pk})
    return copy
