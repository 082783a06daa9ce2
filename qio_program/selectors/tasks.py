"""Work-basket reads: My Tasks, the QIO's tasks, each queue; all with their joins up front."""

from datetime import date

from django.db.models import DateField, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from qio_program.models import Task, TaskQueue, TaskStatus
from qio_program.selectors.scope import tasks_for

FAR_FUTURE = date(9999, 12, 31)
TASK_ORDERING = ["due_sort", "id"]  # soonest due first, undated last; keyset-paginated


def _listing(qs: QuerySet[Task]) -> QuerySet[Task]:
    return (qs.select_related("assigned_user", "assigned_group", "owner", "related_type")
            .prefetch_related("related")
            .annotate(due_sort=Coalesce("due_date", Value(FAR_FUTURE),
                                        output_field=DateField())))


def mine_filter(user) -> Q:
    return Q(assigned_user=user) | Q(assigned_group__members=user)


def task_list(user, *, view: str = "mine", queue: str = "", status: str = TaskStatus.OPEN,
              priority: str = "", task_type: str = "", assignee: int | None = None,
              group: int | None = None) -> QuerySet[Task]:
    """`view`: "mine" (assigned to me or my groups), "qio" (the whole QIO), "queue"."""
    qs = tasks_for(user)
    if view == "mine":
        qs = qs.filter(mine_filter(user))
    elif view == "queue":
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


def task_for_user(user, pk) -> Task:
    return get_object_or_404(
        tasks_for(user).select_related("qio", "assigned_user", "assigned_group", "owner",
                                       "completed_by", "related_type"), pk=pk)


def my_open_tasks(user, limit: int = 5) -> tuple[int, list[Task]]:
    """The count and the first few open tasks of My Tasks (the home panel, the dashboard)."""
    qs = tasks_for(user).filter(mine_filter(user), status=TaskStatus.OPEN)
    return qs.count(), list(_listing(qs).order_by(*TASK_ORDERING)[:limit])


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
