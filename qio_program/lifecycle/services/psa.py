"""Provider Service Agreement (seed 001): drafted by the QIO, signed by the provider, active or
terminated; a signed PSA with active Medicare certification queues the AHQT task once, and a
termination queues the recruitment of a replacement from the SPL."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from qio_program.lifecycle.choices import PsaStatus
from qio_program.lifecycle.models import ProviderServiceAgreement, TaskOrder
from qio_program.lifecycle.services.common import (
    locked_edit,
    notify_on_commit,
    provider_recipients,
    qio_recipients,
    require_perm,
    require_text,
    transition,
)
from qio_program.lifecycle.services.contract import require_active
from qio_program.lifecycle.services.providers import require_eligible
from qio_program.models import TaskPriority, TaskQueue
from qio_program.services.tasks import task_create
from qis_portal.services.audit import audit_record
from qis_portal.workflow import WorkflowConflict, lock

FIELDS = ("provider_needs", "service_response", "start_date")
CHANGE = "qio_lifecycle.change_providerserviceagreement"
SIGN = "qio_lifecycle.sign_providerserviceagreement"
TERMINATE = "qio_lifecycle.terminate_providerserviceagreement"


def psa_create(*, actor, task_order: TaskOrder, provider, data: dict | None = None,
               request=None) -> ProviderServiceAgreement:
    require_perm(actor, CHANGE, task_order, action="providerserviceagreement.create",
                 request=request)
    require_active(task_order)
    require_eligible(task_order, provider)
    with transaction.atomic():
        lock(TaskOrder, task_order.pk)
        open_psa = (ProviderServiceAgreement.objects
                    .filter(task_order=task_order, provider=provider)
                    .exclude(status=PsaStatus.TERMINATED).first())
        if open_psa is not None:
            raise WorkflowConflict(f"{provider} already has a PSA that is "
                                   f"{open_psa.get_status_display().lower()}.")
        try:
            with transaction.atomic():
                psa = ProviderServiceAgreement.objects.create(
                    task_order=task_order, provider=provider, created_by=actor,
                    **{key: value for key, value in (data or {}).items() if key in FIELDS})
        except IntegrityError as exc:
            raise WorkflowConflict(f"{provider} already has an open PSA.") from exc
        audit_record(action="providerserviceagreement.create", actor=actor, target=psa,
                     to_state=psa.status, request=request)
    return psa


def psa_update(*, actor, psa: ProviderServiceAgreement, data: dict, request=None):
    return locked_edit(
        psa, actor=actor, permission=CHANGE, request=request,
        changes={key: value for key, value in data.items() if key in FIELDS},
        editable=lambda obj: obj.is_editable,
        refusal=lambda obj: f"This PSA is {obj.get_status_display().lower()}; only a draft "
                            f"changes.")


def psa_send(*, actor, psa: ProviderServiceAgreement, request=None):
    def before(locked):
        require_text(locked, {"provider_needs": "The provider's needs",
                              "service_response": "The QIO's service response"})
        locked.sent_at = timezone.now()

    def after(sent):
        notify_on_commit(recipients=provider_recipients(sent.provider),
                         kind="lifecycle.signature_requested",
                         title=f"Please review and sign the service agreement with "
                               f"{sent.task_order.qio}", url=sent.get_absolute_url())

    return transition(psa, name="send", actor=actor, permission=CHANGE, request=request,
                      before=before, after=after)


def psa_decline(*, actor, psa: ProviderServiceAgreement, comments: str, request=None):
    """The provider asks for changes before signing (a mutually developed agreement)."""
    comments = (comments or "").strip()

    def before(locked):
        if not comments:
            raise ValidationError({"comments": ["Say what you would like changed."]})
        locked.provider_comments = comments

    def after(declined):
        notify_on_commit(recipients=qio_recipients(declined.task_order.qio_id),
                         kind="lifecycle.decision",
                         title=f"{declined.provider} asks for changes to its PSA",
                         url=declined.get_absolute_url(), body=comments)

    return transition(psa, name="decline", actor=actor, permission=SIGN, note=comments,
                      request=request, before=before, after=after)


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


def psa_sign(*, actor, psa: ProviderServiceAgreement, request=None):
    def before(locked):
        locked.signed_on = timezone.localdate()
        locked.signed_by = actor
        locked.start_date = locked.start_date or locked.signed_on

    def after(signed):
        _queue_ahqt(signed)
        notify_on_commit(recipients=qio_recipients(signed.task_order.qio_id),
                         kind="lifecycle.signed", title=f"{signed.provider} signed its PSA",
                         url=signed.get_absolute_url())

    return transition(psa, name="sign", actor=actor, permission=SIGN, request=request,
                      before=before, after=after)


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

    return transition(psa, name="terminate", actor=actor, permission=TERMINATE, note=reason,
                      request=request, before=before, after=after)


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
