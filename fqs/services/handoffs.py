"""Non-FQS support hand-offs: opened when intake approves a request for an SPL facility, then
accepted or declined (with a reason) by the QIO of the facility's region; the COR is told each
way (seed 001, FQS Request Approval and the COR's "Non-FQS Support" lane)."""

from django.utils import timezone

from fqs.models import FqsRequest, SupportHandoff
from qio_program.models import TaskPriority, TaskQueue, TaskStatus
from qio_program.services.tasks import task_complete, task_create
from qis_portal.models import Role
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.validation import require_text
from qis_portal.workflow import WorkflowConflict, run_transition

from .activations import qio_for_region
from .common import TASKS, cors, users_with_role

DECIDE = "fqs.decide_handoff"


def _cors_of(fqs_request: FqsRequest):
    return list(fqs_request.route_cors.all()) or cors()


def support_handoff_open(*, fqs_request: FqsRequest, actor, request=None) -> SupportHandoff:
    """Inside the intake approval: the hand-off, its QIO task in the support team queue, and
    the notices. No QIO for the region refuses the approval (nothing would track it)."""
    provider = fqs_request.provider
    qio = qio_for_region(provider.region)
    if qio is None:
        raise WorkflowConflict(f"No QIO serves the {provider.get_region_display()} region; the "
                               "Non-FQS support hand-off has nowhere to go.",
                               current_state=fqs_request.status)
    handoff = SupportHandoff.objects.create(fqs_request=fqs_request, provider=provider,
                                            organization=qio)
    audit_record(action="supporthandoff.open", actor=actor, target=handoff,
                 to_state=handoff.status, request=request,
                 details={"qio": qio.name, "request": fqs_request.pk})
    task = task_create(
        qio=qio, subject=f"Non-FQS support: {provider}", priority=TaskPriority.HIGH,
        related=handoff, assigned_queue=TaskQueue.SUPPORT_TEAM,
        auto_key=f"fqs:handoff:{handoff.pk}",
        description=(fqs_request.work_description or fqs_request.description)[:2000])
    if task is not None:
        handoff.task = task
        handoff.save(update_fields=["task", "updated_at"])
    notify_on_commit(
        recipients=[*users_with_role(Role.QIO_MANAGER, qio),
                    *users_with_role(Role.QIO_SUPPORT, qio)],
        kind="fqs.handoff", title=f"Non-FQS support for {provider}: accept or decline",
        body="The facility is on the SPL: bring this need into your regular QI engagement "
             "work, or decline with a reason for the COR.",
        url=handoff.get_absolute_url(), awaiting=handoff)
    return handoff


def _decided(verdict: str, actor, request):
    def after(locked: SupportHandoff) -> None:
        task = locked.task
        if task is not None and task.status == TaskStatus.OPEN:
            mover = actor if actor.has_perm("qio_program.complete_task", task) else TASKS
            task_complete(task=task, actor=mover, request=request,
                          note=f"Non-FQS support {verdict} by {actor.email}")
        fqs_request = FqsRequest.objects.get(pk=locked.fqs_request_id)
        notify_on_commit(
            recipients=_cors_of(fqs_request), kind="fqs.handoff",
            title=f"{locked.organization} {verdict} the Non-FQS support for {locked.provider}",
            body=locked.decision_reason, url=f"/fqs/requests/{fqs_request.pk}/")
    return after


def support_handoff_accept(*, handoff: SupportHandoff, actor, note: str = "", request=None
                           ) -> SupportHandoff:
    def before(locked: SupportHandoff) -> None:
        locked.decided_by, locked.decided_at = actor, timezone.now()
        locked.decision_reason = (note or "").strip()[:2000]

    return run_transition(obj=handoff, transition="accept", actor=actor, permission=DECIDE,
                          note=note, request=request, before=before,
                          after=_decided("accepted", actor, request),
                          denied="Only a manager or the support team of this QIO decides.")


def support_handoff_decline(*, handoff: SupportHandoff, actor, reason: str, request=None
                            ) -> SupportHandoff:
    reason = (reason or "").strip()

    def before(locked: SupportHandoff) -> None:
        require_text(reason, "reason", "Give the reason for declining, for the COR.",
                     max_length=2000)
        locked.decided_by, locked.decided_at = actor, timezone.now()
        locked.decision_reason = reason

    return run_transition(obj=handoff, transition="decline", actor=actor, permission=DECIDE,
                          note=reason, request=request, before=before,
                          after=_decided("declined", actor, request),
                          denied="Only a manager or the support team of this QIO decides.")
