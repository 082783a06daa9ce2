"""Work-basket reads: My Tasks, the QIO's tasks, each queue; all with their joins up front."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from qio_program.models import Task, TaskQueue, TaskStatus, WorkGroup
from qio_program.selectors.scope import tasks_for
from qis_portal.keyset import KeysetPage, keyset_page

TASK_ORDERING = ["due_sort", "id"]  # soonest due first, undated last; keyset-paginated


def _listing(qs: QuerySet[Task]) -> QuerySet[Task]:
    return (qs.select_related("assigned_user", "assigned_group", "owner", "related_type")
            .prefetch_related("related"))


def mine_filter(user) -> Q:
    """Assigned to me or to one of my groups (a subquery, so no join duplicates a row)."""
    return Q(assigned_user=user) | Q(assigned_group__in=WorkGroup.objects.filter(members=user))


def _mine_halves(user) -> list[Q]:
    """My Tasks as separate conditions, each served in due order by its own index."""
    groups = WorkGroup.objects.filter(members=user).values_list("id", flat=True)
    return [Q(assigned_user=user), *(Q(assigned_group_id=group) for group in groups)]


def _basket(user, *, view: str, queue: str = "", status: str = TaskStatus.OPEN,
            priority: str = "", task_type: str = "", assignee: int | None = None,
            group: int | None = None) -> QuerySet[Task]:
    """The basket's rows before the "mine" condition; `view` is "mine", "qio" or "queue"."""
    qs = tasks_for(user)
    if view == "queue":
        qs = qs.filter(assigned_queue=queue if queue in TaskQueue.values else "-")
    if status in TaskStatus.values:
        qs = qs.filter(status=status)
    if priority:
        qs = qs.filter(priority=priority)
    if task_type:
        qs = qs.filter(task_type=task_type)
    if assignee:
        qs = qs.filter(assigned_user_id=assignee)
    if group:
        qs = qs.filter(assigned_group_id=group)
    return _listing(qs)


def basket_page(user, *, view: str = "mine", cursor: str | None = None, per_page: int = 25,
                **filters) -> KeysetPage:
    """One page of a basket: My Tasks ("mine": assigned to me or my groups), the QIO's tasks
    ("qio") or one queue ("queue", with `queue`), filtered by status, priority, type, assignee
    or group."""
    any_of = _mine_halves(user) if view == "mine" else None
    return keyset_page(_basket(user, view=view, **filters), ordering=TASK_ORDERING,
                       cursor=cursor, per_page=per_page, any_of=any_of)


def task_for_user(user, pk) -> Task:
    return get_object_or_404(
        tasks_for(user).select_related("qio", "assigned_user", "assigned_group", "owner",
                                       "completed_by", "related_type"), pk=pk)


def my_open_tasks(user, limit: int = 5) -> tuple[int, list[Task]]:
    """The count and the first few open tasks of My Tasks (the home panel, the dashboard)."""
    count = tasks_for(user).filter(mine_filter(user), status=TaskStatus.OPEN).count()
    return count, basket_page(user, view="mine", per_page=limit).object_list


def queue_open_tasks(user, queue: str, limit: int = 10) -> tuple[int, list[Task]]:
    qs = tasks_for(user).filter(assigned_queue=queue, status=TaskStatus.OPEN)
    return qs.count(), list(_listing(qs).order_by(*TASK_ORDERING)[:limit])


def related_link(task: Task) -> tuple[str, str] | None:
    """(label, url) of the task's related object, if it has a page."""
    obj = task.related
    if obj is None:
        return None
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    return str(obj), url
