"""Work-basket pages: My Tasks, the QIO's tasks, each queue, a task, groups."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from qio_program.forms.common import apply_service_errors
from qio_program.forms.tasks import (
    TaskAssignForm,
    TaskCommentForm,
    TaskFilterForm,
    TaskForm,
    WorkGroupForm,
)
from qio_program.models import TaskQueue, WorkGroup
from qio_program.selectors.scope import user_qio
from qio_program.selectors.tasks import basket_page, related_link, task_for_user
from qio_program.services.tasks import (
    task_assign,
    task_comment_add,
    task_complete,
    task_create_manual,
    task_reopen,
    workgroup_save,
)
from qio_program.views.common import PER_PAGE, int_or_none, require_perm
from qis_portal.workflow import WorkflowConflict


def _basket(request, *, view: str, queue: str = "", title: str):
    require_perm(request, "qio_program.view_workbasket",
                 message="Only QIO users have work-basket tasks; CMS roles do not.")
    form = TaskFilterForm(request.GET or None)
    filters = form.filters()
    page = basket_page(request.user, view=view, queue=queue, cursor=request.GET.get("cursor"),
                       per_page=PER_PAGE, assignee=int_or_none(request.GET.get("assignee")),
                       group=int_or_none(request.GET.get("group")), **filters)
    rows = [(task, related_link(task)) for task in page.object_list]
    return render(request, "qio_program/tasks/list.html", {
        "title": title, "view": view, "queue": queue, "form": form, "page": page,
        "rows": rows, "queues": TaskQueue.choices,
        "groups": WorkGroup.objects.filter(qio=user_qio(request.user)).order_by("name"),
        "can_add": request.user.has_perm("qio_program.add_task"),
    })


def my_tasks(request):
    return _basket(request, view="mine", title="My Tasks")


def qio_tasks(request):
    """Seed 001: associates see "tasks of fellow QIO associates to promote a sense of shared
    ownership"; managers see all of them and assign."""
    return _basket(request, view="qio", title="My QIO's tasks")


def queue_tasks(request, queue: str):
    if queue not in TaskQueue.values:
        raise Http404
    return _basket(request, view="queue", queue=queue,
                   title=f"Queue: {TaskQueue(queue).label}")


def task_create_view(request):
    require_perm(request, "qio_program.add_task",
                 message="Only QIO users have and create tasks; CMS roles do not.")
    form = TaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            task = task_create_manual(actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Task “{task.subject}” added to My Tasks.")
            return redirect(task)
    return render(request, "qio_program/tasks/form.html", {"form": form})


def task_detail(request, pk: int):
    task = task_for_user(request.user, pk)
    require_perm(request, "qio_program.view_task", task)
    user = request.user
    can_assign = user.has_perm("qio_program.assign_task", task)
    return render(request, "qio_program/tasks/detail.html", {
        "task": task,
        "related": related_link(task),
        "comments": task.comments.select_related("author"),
        "comment_form": TaskCommentForm(),
        "assign_form": TaskAssignForm(qio=task.qio) if can_assign else None,
        "can_complete": task.status == "open" and user.has_perm("qio_program.complete_task",
                                                                task),
        "can_reopen": task.status == "completed" and user.has_perm("qio_program.reopen_task",
                                                                   task),
    })


@require_POST
def task_comment(request, pk: int):
    task = task_for_user(request.user, pk)
    form = TaskCommentForm(request.POST)
    if form.is_valid():
        try:
            task_comment_add(task=task, actor=request.user, body=form.cleaned_data["body"],
                             request=request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Comment added.")
    else:
        messages.error(request, "Write a comment of at most 2,000 characters.")
    return redirect(f"{task.get_absolute_url()}#comments")


@require_POST
def task_assign_view(request, pk: int):
    task = task_for_user(request.user, pk)
    require_perm(request, "qio_program.assign_task", task,
                 message="Only a manager of this QIO assigns its tasks.")
    form = TaskAssignForm(request.POST, qio=task.qio)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(task)
    try:
        task = task_assign(task=task, actor=request.user, request=request, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Assigned to {task.assignee_label}.")
    return redirect(task)


@require_POST
def task_complete_view(request, pk: int):
    task = task_for_user(request.user, pk)
    try:
        task_complete(task=task, actor=request.user, note=request.POST.get("note", "")[:500],
                      request=request)
    except WorkflowConflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Task “{task.subject}” completed.")
    return redirect(task)


@require_POST
def task_reopen_view(request, pk: int):
    task = task_for_user(request.user, pk)
    try:
        task_reopen(task=task, actor=request.user, request=request)
    except WorkflowConflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Task “{task.subject}” reopened.")
    return redirect(task)


def workgroup_list(request):
    require_perm(request, "qio_program.manage_workgroups",
                 message="Only QIO managers manage groups.")
    qio = user_qio(request.user)
    if qio is None:
        raise PermissionDenied("Only QIO managers manage groups.")
    return render(request, "qio_program/tasks/groups.html", {
        "groups": WorkGroup.objects.filter(qio=qio).prefetch_related("members"),
    })


def workgroup_edit(request, group_pk: int | None = None):
    require_perm(request, "qio_program.manage_workgroups",
                 message="Only QIO managers manage groups.")
    qio = user_qio(request.user)
    if qio is None:
        raise PermissionDenied("Only QIO managers manage groups.")
    group = get_object_or_404(WorkGroup, pk=group_pk, qio=qio) if group_pk else None
    initial = {"name": group.name, "members": list(group.members.all())} if group else None
    form = WorkGroupForm(request.POST or None, qio=qio, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            group = workgroup_save(actor=request.user, group=group, request=request,
                                   **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Group “{group.name}” saved.")
            return redirect("qio_program:workgroup_list")
    return render(request, "qio_program/tasks/group_form.html", {"form": form, "group": group})
