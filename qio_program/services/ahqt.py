"""The automatic AHQT task and the directory's bulk "send AHQT assessment" action.

Seed 001 (Work Basket): "AHQT automated task: when a provider has a PSA and their Medicare
certification is active, a task is created for the QIO's task queue (not assigned to a
particular associate yet)". The PSA lives in the lifecycle app, which calls
`ahqt_task_ensure(provider, has_active_psa=...)` when a PSA takes effect, and may register a
resolver so a Medicare status change made in the directory asks it too.
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied

from qio_program.models import Provider, Task, TaskQueue
from qio_program.selectors.scope import user_qio
from qio_program.services.tasks import task_create
from qis_portal.models import QIO_ORG_TYPES, Organization
from qis_portal.services.audit import audit_record
from qis_portal.workflow import locked_write, require_permission

_PSA_RESOLVERS: list[Callable[[Provider], bool]] = []


def register_psa_resolver(resolver: Callable[[Provider], bool]) -> None:
    """The lifecycle app tells the directory whether a provider has an active PSA."""
    if resolver not in _PSA_RESOLVERS:
        _PSA_RESOLVERS.append(resolver)


def ahqt_key(provider: Provider) -> str:
    return f"ahqt:provider:{provider.pk}"


def qio_for_region(region: str) -> Organization | None:
    return (Organization.objects.filter(org_type__in=QIO_ORG_TYPES,
                                        region=region).order_by("id").first())


def ahqt_task_ensure(provider: Provider, has_active_psa: bool, *, actor=None) -> Task | None:
    """Queue the provider's AHQT task once, when it has an active PSA and active Medicare.

    Returns the new task, or None when the rule does not hold or the task already exists.
    """
    if not has_active_psa or not provider.medicare_active:
        return None
    qio = qio_for_region(provider.region)
    if qio is None:
        return None
    return task_create(
        qio=qio, subject=f"AHQT assessment: {provider.name}", assigned_queue=TaskQueue.AHQT,
        related=provider, owner=actor, auto_key=ahqt_key(provider),
        description="Queued automatically: the provider has an active PSA and an active "
                    "Medicare certification.",
    )


def ahqt_task_ensure_from_psa_resolver(provider: Provider, *, actor=None) -> Task | None:
    """After a directory change (Medicare turned active), ask the registered PSA resolvers."""
    if not _PSA_RESOLVERS:
        return None
    has_psa = any(resolver(provider) for resolver in _PSA_RESOLVERS)
    return ahqt_task_ensure(provider, has_active_psa=has_psa, actor=actor)


def ahqt_queue_bulk(*, actor, providers: Iterable[Provider], request=None
                    ) -> tuple[list[Task], list[Provider]]:
    """Bulk action: queue an AHQT assessment task for each provider (once per provider)."""
    qio = user_qio(actor)
    if qio is None or not actor.has_perm("qio_program.bulk_providers"):
        raise PermissionDenied("Only QIO users send AHQT assessments.")
    queued, already = [], []
    for provider in providers:
        require_permission(actor, "qio_program.change_provider", provider,
                           action="provider.ahqt_queue", request=request,
                           message=f"{provider} is outside your region.")
        task = task_create(
            qio=qio, subject=f"AHQT assessment: {provider.name}",
            assigned_queue=TaskQueue.AHQT, related=provider, owner=actor,
            auto_key=ahqt_key(provider),
            description=f"Queued from the General Directory by {actor}.",
        )
        (queued if task is not None else already).append(task or provider)
    return queued, already


def ahqt_queue_withdraw(*, actor, tasks: Iterable[Task], request=None) -> list[str]:
    """Undo of the bulk action: withdraw AHQT tasks the actor queued that nobody has touched
    (the rule `withdraw_queued_ahqt`); the provider's key is freed so it can be queued again.
    Returns the subjects of the withdrawn tasks."""
    withdrawn = []
    for task in tasks:
        with locked_write(task, actor=actor, permission="qio_program.withdraw_queued_ahqt",
                          action="task.withdraw", request=request,
                          message=f"{task.subject} has been picked up; it stays.") as locked:
            audit_record(action="task.withdraw", actor=actor, target=locked, request=request,
                         from_state=locked.status, details={"subject": locked.subject})
            withdrawn.append(locked.subject)
            locked.delete()
    return withdrawn
