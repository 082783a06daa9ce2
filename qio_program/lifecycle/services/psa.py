"""Provider Service Agreement (seed 001): drafted by the QIO, signed by the provider, active or
terminated; a signed PSA with active Medicare certification queues the AHQT task once, and a
termination queues the recruitment of a replacement from the SPL."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from qio_program.lifecycle.choices import PsaStatus
from qio_program.lifecycle.models import ProviderServiceAgreement, TaskOrder
from qio_program.lifecycle.services.agreements import (
    agreement_create,
    agreement_send,
    agreement_send_back,
    agreement_update,
    tell_qio_signed,
)
from qio_program.lifecycle.services.common import qio_recipients
from qio_program.lifecycle.services.signatures import (
    PaperSignature,
    signature_link_send,
    stamp_signature,
)
from qio_program.models import TaskPriority, TaskQueue
from qio_program.services.tasks import task_create
from qis_portal.services.notifications import notify_on_commit
from qis_portal.workflow import run_transition

FIELDS = ("provider_needs", "service_response", "start_date")
CHANGE = "qio_lifecycle.change_providerserviceagreement"
SIGN = "qio_lifecycle.sign_providerserviceagreement"
TERMINATE = "qio_lifecycle.terminate_providerserviceagreement"


def psa_create(*, actor, task_order: TaskOrder, provider, data: dict | None = None,
               request=None) -> ProviderServiceAgreement:
    return agreement_create(
        ProviderServiceAgreement, actor=actor, task_order=task_order, provider=provider,
        data=data, fields=FIELDS, permission=CHANGE, request=request,
        open_one=lambda: (ProviderServiceAgreement.objects
                          .filter(task_order=task_order, provider=provider)
                          .exclude(status=PsaStatus.TERMINATED).first()),
        refusal=lambda existing: f"{provider} already has a PSA that is "
                                 f"{existing.get_status_display().lower()}.")


def psa_update(*, actor, psa: ProviderServiceAgreement, data: dict, request=None):
    return agreement_update(psa, actor=actor, permission=CHANGE, data=data, fields=FIELDS,
                            short="PSA", request=request)


def psa_send(*, actor, psa: ProviderServiceAgreement, request=None):
    return agreement_send(
        psa, actor=actor, transition="send", permission=CHANGE, request=request,
        required={"provider_needs": "The provider's needs",
                  "service_response": "The QIO's service response"},
        stamp="sent_at", title="Please review and sign the service agreement with")


def psa_decline(*, actor, psa: ProviderServiceAgreement, comments: str, request=None):
    """The provider asks for changes before signing (a mutually developed agreement)."""
    return agreement_send_back(psa, actor=actor, transition="decline", permission=SIGN,
                               text=comments, field="provider_comments", key="comments",
                               short="PSA", request=request)


def _queue_ahqt(psa: ProviderServiceAgreement) -> None:
    """AHQT automated task (seed 001): a PSA and an active Medicare certification; the task's
    key makes it once per provider, whatever PSAs follow."""
    provider = psa.provider
    if not provider.medicare_active:
        return
    qio = psa.task_order.qio
    transaction.on_commit(lambda: task_create(
        qio=qio, subject=f"AHQT assessment: {provider}", assigned_queue=TaskQueue.AHQT,
        related=provider, auto_key=f"ahqt:provider:{provider.pk}"))


def psa_signature_link_send(*, actor, psa: ProviderServiceAgreement, contact, request=None):
    """E-mail a provider contact without a portal account the link to sign."""
    return signature_link_send(psa, actor=actor, contact=contact, permission=CHANGE,
                               request=request)


def psa_sign(*, actor, psa: ProviderServiceAgreement, request=None,
             paper: PaperSignature | None = None, signature_name: str = ""):
    """Signed by a provider user, by a contact through the e-mailed link (`actor` is the
    link's holder), or on paper as recorded by the QIO (`paper`, with the QIO's permission)."""

    def before(locked):
        stamp_signature(locked, actor=actor, request=request, paper=paper,
                        signature_name=signature_name)
        locked.start_date = locked.start_date or locked.signed_on

    def after(signed):
        _queue_ahqt(signed)
        tell_qio_signed(signed, short="PSA")

    return run_transition(obj=psa, transition="sign", actor=actor,
                          permission=CHANGE if paper is not None else SIGN, request=request,
                          before=before, after=after,
                          details={"method": "paper" if paper is not None else (
                              "link" if actor.pk is None else "portal")})


def psa_terminate(*, actor, psa: ProviderServiceAgreement, reason: str, request=None):
    """End an active PSA; the QIO must recruit another SPL provider to keep the target."""
    reason = (reason or "").strip()

    def before(locked):
        if not reason:
            raise ValidationError({"reason": ["Give the reason for the termination."]})
        locked.terminated_on = timezone.localdate()
        locked.terminated_by = actor
        locked.termination_reason = reason

    def after(ended):
        qio, provider = ended.task_order.qio, ended.provider
        transaction.on_commit(lambda: task_create(
            qio=qio, subject=f"Recruit an SPL provider to replace {provider}",
            priority=TaskPriority.HIGH, related=ended, auto_key=f"psa:replace:{ended.pk}",
            description=f"The PSA with {provider} was terminated on "
                        f"{ended.terminated_on:%Y-%m-%d} ({reason}). Recruit another provider "
                        f"from the Service Provider List to keep the PSA target set by CMS."))
        notify_on_commit(recipients=qio_recipients(qio.pk), kind="lifecycle.decision",
                         title=f"PSA with {provider} terminated", url=ended.get_absolute_url(),
                         body=reason)

    return run_transition(obj=psa, transition="terminate", actor=actor, permission=TERMINATE,
                          note=reason, request=request, before=before, after=after)


def ahqt_tasks_queue_due() -> int:
    """The sweep side of the AHQT rule: a provider whose Medicare certification becomes active
    after its PSA was signed gets its task too. Idempotent through the task's auto_key."""
    from qio_program.models import MedicareStatus, Task

    active = (ProviderServiceAgreement.objects
              .filter(status=PsaStatus.ACTIVE, provider__medicare_status=MedicareStatus.ACTIVE,
                      provider__medicare_verified_at__isnull=False)
              .select_related("provider", "task_order__qio"))
    done = set(Task.objects.filter(auto_key__startswith="ahqt:provider:")
               .values_list("auto_key", flat=True))
    created = 0
    for psa in active:
        key = f"ahqt:provider:{psa.provider_id}"
        if key in done:
            continue
        task = task_create(qio=psa.task_order.qio, subject=f"AHQT assessment: {psa.provider}",
                           assigned_queue=TaskQueue.AHQT, related=psa.provider, auto_key=key)
        done.add(key)
        created += task is not None
    return created
