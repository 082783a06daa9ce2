"""Work-basket writes: create (once, for automatic tasks), assign, comment, complete, reopen.

Seed 001 (Work Basket): tasks are created manually or automatically, assigned to a person, a
group or a queue; "when new tasks are assigned to a user, it appears in their notifications
(as well as My Tasks)"; managers assign; only QIO Basic Users have tasks.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from qio_program.models import Task, TaskComment, TaskPriority, TaskQueue, TaskType, WorkGroup
from qio_program.selectors.scope import user_qio
from qis_portal.models import Role, RoleAssignment, User
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.workflow import require_permission, run_transition


def _queue_members(qio, queue: str) -> list[User]:
    """The people behind a queue: the support team for its queue; nobody for the AHQT queue,
    which waits for a manager to hand it out (seed 001: "not assigned to particular associate
    yet")."""
    if queue != TaskQueue.SUPPORT_TEAM:
        return []
    return list(User.objects.filter(
        organization=qio, is_active=True, role_assignments__role=Role.QIO_SUPPORT,
        role_assignments__status=RoleAssignment.Status.APPROVED,
    ).distinct())


def _notify_assignees(task: Task, *, exclude=None) -> None:
    if task.assigned_user_id:
        recipients = [task.assigned_user]
    elif task.assigned_group_id:
        recipients = list(task.assigned_group.members.filter(is_active=True))
    else:
        recipients = _queue_members(task.qio, task.assigned_queue)
    where = (f" ({task.get_assigned_queue_display()} queue)" if task.assigned_queue else "")
    notify_on_commit(
        recipients=recipients, kind="qio.task_assigned", title=f"New task: {task.subject}"[:200],
        body=f"Priority {task.get_priority_display()}{where}"
             + (f", due {task.due_date:%b %d, %Y}." if task.due_date else "."),
        url=task.get_absolute_url(), exclude=exclude)


def _check_assignee(qio, assigned_user, assigned_group) -> None:
    if assigned_user is not None and assigned_user.organization_id != qio.id:
        raise ValueError("A task is assigned to a person of the same QIO.")
    if assigned_group is not None and assigned_group.qio_id != qio.id:
        raise ValueError("A task is assigned to a group of the same QIO.")


def task_create(
    *,
    qio,
    subject: str,
    task_type: str = TaskType.OTHER,
    priority: str = TaskPriority.MEDIUM,
    due_date: date | None = None,
    related=None,
    owner=None,
    assigned_user=None,
    assigned_queue: str = "",
    description: str = "",
    auto_key: str | None = None,
    assigned_group: WorkGroup | None = None,
) -> Task | None:
    """Create a task in `qio`'s basket; with `auto_key`, a second call creates nothing (None).

    The assignee (a person, a group's members, or the support team for its queue) is notified
    after commit.
    """
    if not qio.is_qio:
        raise ValueError("Tasks belong to a QIO; CMS roles have no tasks.")
    _check_assignee(qio, assigned_user, assigned_group)
    try:
        with transaction.atomic():
            task = Task.objects.create(
                qio=qio, subject=subject[:255], task_type=task_type, priority=priority,
                due_date=due_date, related=related, owner=owner, assigned_user=assigned_user,
                assigned_group=assigned_group, assigned_queue=assigned_queue,
                description=description, auto_key=auto_key,
            )
    except IntegrityError:
        if auto_key and Task.objects.filter(auto_key=auto_key).exists():
            return None
        raise
    audit_record(action="task.create", actor=owner, target=task, to_state=task.status,
                 details={"queue": assigned_queue, "auto_key": auto_key or ""})
    _notify_assignees(task, exclude=owner)
    return task


def task_create_manual(*, actor, subject: str, priority: str = TaskPriority.MEDIUM,
                       due_date: date | None = None, description: str = "",
                       assigned_user=None, assigned_group=None, assigned_queue: str = "",
                       related=None, request=None) -> Task:
    """A QIO user adds a task to their QIO's basket; unassigned, it is theirs.

    Handing a task to someone else is assigning, which only managers do (seed 001)."""
    qio = user_qio(actor)
    if qio is None or not actor.has_perm("qio_program.add_task"):
        raise PermissionDenied("Only QIO users have and create tasks; CMS roles do not.")
    if (assigned_group or assigned_queue or (assigned_user and assigned_user != actor)) and \
            not actor.has_role(Role.QIO_MANAGER):
        raise PermissionDenied("Only a QIO manager assigns a task to someone else.")
    if not (assigned_user or assigned_group or assigned_queue):
        assigned_user = actor
    if due_date is not None and due_date < timezone.localdate():
        raise ValidationError({"due_date": "The due date cannot be in the past."})
    try:
        return task_create(
            qio=qio, subject=subject, priority=priority, due_date=due_date,
            description=description, owner=actor, assigned_user=assigned_user,
            assigned_group=assigned_group, assigned_queue=assigned_queue, related=related,
        )
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


def task_assign(*, task: Task, actor, assigned_user=None, assigned_group=None,
                assigned_queue: str = "", note: str = "", request=None) -> Task:
    """A manager hands a task to one person, group or queue of their QIO; the assignee hears."""
    require_permission(actor, "qio_program.assign_task", task, action="task.assign",
                       request=request, message="Only a manager of this QIO assigns its tasks.")
    if sum(bool(x) for x in (assigned_user, assigned_group, assigned_queue)) != 1:
        raise ValidationError("Choose one person, one group or one queue.")
    if assigned_queue and assigned_queue not in TaskQueue.values:
        raise ValidationError({"assigned_queue": "Unknown queue."})
    with transaction.atomic():
        locked = Task.objects.select_for_update().select_related("qio").get(pk=task.pk)
        try:
            _check_assignee(locked.qio, assigned_user, assigned_group)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc
        before = locked.assignee_label
        locked.assigned_user = assigned_user
        locked.assigned_group = assigned_group
        locked.assigned_queue = assigned_queue
        locked.save(update_fields=["assigned_user", "assigned_group", "assigned_queue",
                                   "updated_at"])
        audit_record(action="task.assign", actor=actor, target=locked, request=request,
                     note=note, details={"from": before, "to": locked.assignee_label})
        _notify_assignees(locked, exclude=actor)
    return locked


def task_complete(*, task: Task, actor, note: str = "", request=None) -> Task:
    def stamp(locked: Task) -> None:
        locked.completed_at = timezone.now()
        locked.completed_by = actor

    return run_transition(obj=task, transition="complete", actor=actor,
                          permission="qio_program.complete_task", note=note, request=request,
                          before=stamp)


def task_reopen(*, task: Task, actor, note: str = "", request=None) -> Task:
    def clear(locked: Task) -> None:
        locked.completed_at = None
        locked.completed_by = None

    return run_transition(obj=task, transition="reopen", actor=actor,
                          permission="qio_program.reopen_task", note=note, request=request,
                          before=clear)


@transaction.atomic
def task_comment_add(*, task: Task, actor, body: str, request=None) -> TaskComment:
    require_permission(actor, "qio_program.comment_task", task,
                       action="task.comment", request=request,
                       message="Only users of this QIO comment on its tasks.")
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write a comment first."})
    if len(body) > 2000:
        raise ValidationError({"body": "A comment is at most 2,000 characters."})
    comment = TaskComment.objects.create(task=task, author=actor, body=body)
    Task.objects.filter(pk=task.pk).update(updated_at=timezone.now())
    audit_record(action="task.comment", actor=actor, target=task, request=request)
    return comment


@transaction.atomic
def workgroup_save(*, actor, name: str, members, group: WorkGroup | None = None,
                   request=None) -> WorkGroup:
    """Managers make groups of their own QIO's users (a task can go to a whole group)."""
    qio = user_qio(actor)
    if qio is None or not actor.has_perm("qio_program.manage_workgroups"):
        raise PermissionDenied("Only QIO managers manage groups.")
    if group is not None and group.qio_id != qio.id:
        raise PermissionDenied("That group belongs to another QIO.")
    members = list(members)
    if any(member.organization_id != qio.id for member in members):
        raise ValidationError({"members": "Group members are users of your QIO."})
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Name the group."})
    clash = WorkGroup.objects.filter(qio=qio, name__iexact=name)
    if group is not None:
        clash = clash.exclude(pk=group.pk)
    if clash.exists():
        raise ValidationError({"name": f"Your QIO already has a group named “{name}”."})
    group = group or WorkGroup(qio=qio)
    group.name = name[:120]
    group.save()
    group.members.set(members)
    audit_record(action="workgroup.save", actor=actor, target=group, request=request,
                 details={"members": [m.email for m in members]})
    return group
