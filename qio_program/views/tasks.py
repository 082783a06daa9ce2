"""Work-basket pages: My Tasks, the QIO's tasks, each queue, a task, groups."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

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
from qio_program.views.common import PER_PAGE, int_or_none
from qis_portal.views.common import bound, call_service, require_perm, run_action


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
    form = TaskForm(bound(request))
    if request.method == "POST" and form.is_valid():
        done = call_service(request, task_create_manual, form=form, **form.cleaned_data)
        if done.ok:
            messages.success(request, f"Task “{done.result.subject}” added to My Tasks.")
            return redirect(done.result)
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
    if not form.is_valid():
        messages.error(request, "Write a comment of at most 2,000 characters.")
        return redirect(f"{task.get_absolute_url()}#comments")
    return run_action(request, f"{task.get_absolute_url()}#comments", task_comment_add,
                      "Comment added.", task=task, body=form.cleaned_data["body"])


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
    done = call_service(request, task_assign, task=task, **form.cleaned_data)
    if done.ok:
        messages.success(request, f"Assigned to {done.result.assignee_label}.")
    return redirect(task)


@require_POST
def task_complete_view(request, pk: int):
    task = task_for_user(request.user, pk)
    return run_action(request, task.get_absolute_url(), task_complete,
                      f"Task “{task.subject}” completed.", task=task,
                      note=request.POST.get("note", "")[:500])


@require_POST
def task_reopen_view(request, pk: int):
    task = task_for_user(request.user, pk)
    return run_action(request, task.get_absolute_url(), task_reopen,
                      f"Task “{task.subject}” reopened.", task=task)


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
    form = WorkGroupForm(bound(request), qio=qio, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = call_service(request, workgroup_save, form=form, group=group,
                            **form.cleaned_data)
        if done.ok:
            messages.success(request, f"Group “{done.result.name}” saved.")
            return redirect("qio_program:workgroup_list")
    return render(request, "qio_program/tasks/group_form.html", {"form": form, "group": group})
