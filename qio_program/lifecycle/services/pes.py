"""Provider Engagement Strategy (seed 001): after the state's A3C is approved, presented to the
provider's QI lead, signed off in the portal, re-evaluated every 12 months."""

from django.db import transaction
from django.utils import timezone

from qio_program.lifecycle.choices import PesStatus
from qio_program.lifecycle.models import ProviderEngagementStrategy, TaskOrder
from qio_program.lifecycle.services.a3c import require_a3c_approved
from qio_program.lifecycle.services.agreements import (
    agreement_create,
    agreement_send,
    agreement_send_back,
    agreement_update,
    tell_qio_signed,
)
from qio_program.lifecycle.services.contract import deliverables_refresh, require_active
from qio_program.lifecycle.services.signatures import (
    PaperSignature,
    signature_link_send,
    stamp_signature,
)
from qis_portal.services.audit import audit_record
from qis_portal.workflow import WorkflowConflict, lock, require_permission, run_transition

FIELDS = ("qi_lead_name", "qi_lead_email", "needs_summary", "engagement_approach",
          "planned_interventions")
CHANGE = "qio_lifecycle.change_providerengagementstrategy"
SIGN = "qio_lifecycle.sign_providerengagementstrategy"


def pes_create(*, actor, task_order: TaskOrder, provider, data: dict | None = None,
               request=None) -> ProviderEngagementStrategy:
    """Possible only once the COR approved the A3C of the provider's state (seed 001)."""
    return agreement_create(
        ProviderEngagementStrategy, actor=actor, task_order=task_order, provider=provider,
        data=data, fields=FIELDS, permission=CHANGE, request=request,
        check=lambda: require_a3c_approved(task_order, provider.state,
                                           step="A Provider Engagement Strategy"),
        open_one=lambda: ProviderEngagementStrategy.objects.filter(
            task_order=task_order, provider=provider).first(),
        refusal=lambda existing: f"{provider} already has a PES; open it, or re-evaluate the "
                                 f"signed one.")


def pes_update(*, actor, pes: ProviderEngagementStrategy, data: dict, request=None):
    return agreement_update(pes, actor=actor, permission=CHANGE, data=data, fields=FIELDS,
                            short="PES", hint=" (re-evaluate a signed one)", request=request)


def pes_present(*, actor, pes: ProviderEngagementStrategy, request=None):
    """Present to the provider's QI lead / point of contact for review, input and sign-off."""
    return agreement_send(
        pes, actor=actor, transition="present", permission=CHANGE, request=request,
        required={"qi_lead_name": "The provider's QI lead or point of contact",
                  "engagement_approach": "How the QIO will engage the provider"},
        stamp="presented_at", title="Please review and sign the engagement strategy of")


def pes_request_changes(*, actor, pes: ProviderEngagementStrategy, provider_input: str,
                        request=None):
    """The provider gives input instead of signing; the QIO revises the draft."""
    return agreement_send_back(pes, actor=actor, transition="request_changes", permission=SIGN,
                               text=provider_input, field="provider_input",
                               key="provider_input", short="PES", request=request)


def pes_signature_link_send(*, actor, pes: ProviderEngagementStrategy, contact, request=None):
    """E-mail the QI lead / point of contact the link to review and sign off."""
    return signature_link_send(pes, actor=actor, contact=contact, permission=CHANGE,
                               request=request)


def pes_sign(*, actor, pes: ProviderEngagementStrategy, request=None,
             paper: PaperSignature | None = None, signature_name: str = ""):
    """The provider's QI lead signs off (in the portal, through the e-mailed link, or on paper
    as recorded by the QIO); the re-evaluation is set on the next 12-month anniversary of the
    initial submission (seed 001)."""

    def before(locked):
        stamp_signature(locked, actor=actor, request=request, paper=paper,
                        signature_name=signature_name)
        locked.reevaluation_due = ProviderEngagementStrategy.reevaluation_date(
            _initial_submission(locked), locked.signed_on)

    def after(signed):
        deliverables_refresh(task_order=signed.task_order, actor=actor)
        tell_qio_signed(signed, short="PES")

    return run_transition(obj=pes, transition="sign", actor=actor,
                          permission=CHANGE if paper is not None else SIGN, request=request,
                          before=before, after=after,
                          details={"method": "paper" if paper is not None else (
                              "link" if actor.pk is None else "portal")})


def _initial_submission(pes: ProviderEngagementStrategy):
    """The day version 1 was presented to the provider: every re-evaluation counts from it."""
    first = (ProviderEngagementStrategy.objects
             .filter(task_order_id=pes.task_order_id, provider_id=pes.provider_id, version=1)
             .values_list("presented_at", flat=True).first())
    moment = first or pes.presented_at or timezone.now()
    return timezone.localdate(moment)


def pes_reevaluate(*, actor, pes: ProviderEngagementStrategy, request=None):
    """The 12-monthly re-evaluation: a new draft version from the signed latest one."""
    require_permission(actor, CHANGE, pes, action="providerengagementstrategy.reevaluate",
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
