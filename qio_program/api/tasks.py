"""/api/qio/tasks/: the work basket (+ assign, complete, comment)."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from qio_program.api.common import UpdatedSinceFilterSet
from qio_program.models import Task, TaskPriority, TaskQueue, WorkGroup
from qio_program.selectors.scope import tasks_for, user_qio
from qio_program.selectors.tasks import mine_filter
from qio_program.services.tasks import (
    task_assign,
    task_comment_add,
    task_complete,
    task_create_manual,
)
from qis_portal.api_bulk.mixins import BulkListMixin
from qis_portal.api_bulk.values import iso_date, iso_datetime
from qis_portal.models import User
from qis_portal.permissions import RulePermission


class QioTaskOutput(serializers.ModelSerializer):
    related = serializers.SerializerMethodField()
    owner = serializers.EmailField(source="owner.email", default=None, allow_null=True)
    assigned_user = serializers.EmailField(source="assigned_user.email", default=None,
                                           allow_null=True)
    assigned_group = serializers.CharField(source="assigned_group.name", default=None,
                                           allow_null=True)

    class Meta:
        model = Task
        fields = ["id", "subject", "task_type", "priority", "status", "due_date", "related",
                  "owner", "assigned_user", "assigned_group", "assigned_queue", "description",
                  "created_at", "updated_at", "completed_at"]

    def get_related(self, task) -> dict | None:
        if not task.related_type_id:
            return None
        return {"type": task.related_type.model, "id": task.related_id,
                "label": str(task.related) if task.related is not None else ""}


class QioTaskInput(serializers.Serializer):
    subject = serializers.CharField(max_length=255)
    priority = serializers.ChoiceField(choices=TaskPriority.choices, default=TaskPriority.MEDIUM)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True,
                                        default="")


class QioTaskAssignInput(serializers.Serializer):
    assigned_user = serializers.IntegerField(required=False, allow_null=True)
    assigned_group = serializers.IntegerField(required=False, allow_null=True)
    assigned_queue = serializers.ChoiceField(choices=TaskQueue.choices, required=False,
                                             allow_blank=True, default="")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class QioTaskNoteInput(serializers.Serializer):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class QioTaskCommentInput(serializers.Serializer):
    body = serializers.CharField(max_length=2000)


class QioTaskCommentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class TaskFilter(UpdatedSinceFilterSet):
    mine = django_filters.BooleanFilter(method="filter_mine",
                                        help_text="Only tasks assigned to me or my groups.")

    class Meta:
        model = Task
        fields = ["status", "priority", "task_type", "assigned_queue", "assigned_user"]

    def filter_mine(self, queryset, name, value):
        return queryset.filter(mine_filter(self.request.user)) if value else queryset


def related_labels(rows: list[dict]) -> dict[tuple[int, int], tuple[str, str]]:
    """(content type, id) -> (model name, label) of the related objects of a chunk of task
    rows, one read per related model (what `prefetch_related("related")` reads)."""
    wanted: dict[int, set[int]] = {}
    for row in rows:
        if row["related_type_id"]:
            wanted.setdefault(row["related_type_id"], set()).add(row["related_id"])
    labels = {}
    for type_id, ids in wanted.items():
        kind = ContentType.objects.get_for_id(type_id)
        found = {obj.pk: str(obj) for obj in kind.get_all_objects_for_this_type(pk__in=ids)}
        labels.update({(type_id, pk): (kind.model, found.get(pk, "")) for pk in ids})
    return labels


class TaskViewSet(BulkListMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                  viewsets.GenericViewSet):
    """CMS roles have no tasks: the list is refused for them (seed 001). The list's rows are
    `QioTaskOutput`'s fields, built from plain rows (`list_rows`)."""

    serializer_class = QioTaskOutput
    permission_classes = [RulePermission]
    rule_permissions = {"list": "qio_program.view_workbasket",
                        "retrieve": "qio_program.view_task",
                        "create": "qio_program.add_task",
                        "assign": "qio_program.assign_task",
                        "complete": "qio_program.complete_task",
                        "comment": "qio_program.comment_task",
                       "export": "qio_program.view_workbasket"}
    filterset_class = TaskFilter
    export_name = "tasks"
    list_values = ("id", "subject", "task_type", "priority", "status", "due_date",
                   "related_type_id", "related_id", "owner__email", "assigned_user__email",
                   "assigned_group__name", "assigned_queue", "description", "created_at",
                   "updated_at", "completed_at")

    def get_queryset(self):
        if self.action in ("list", "export"):
            return tasks_for(self.request.user)
        return (tasks_for(self.request.user)
                .select_related("owner", "assigned_user", "assigned_group", "related_type")
                .prefetch_related("related"))

    def list_rows(self, rows: list[dict]) -> list[dict]:
        labels = related_labels(rows)
        out = []
        for r in rows:
            related = None
            if r["related_type_id"]:
                kind, label = labels[(r["related_type_id"], r["related_id"])]
                related = {"type": kind, "id": r["related_id"], "label": label}
            out.append({"id": r["id"], "subject": r["subject"], "task_type": r["task_type"],
                        "priority": r["priority"], "status": r["status"],
                        "due_date": iso_date(r["due_date"]), "related": related,
                        "owner": r["owner__email"], "assigned_user": r["assigned_user__email"],
                        "assigned_group": r["assigned_group__name"],
                        "assigned_queue": r["assigned_queue"], "description": r["description"],
                        "created_at": iso_datetime(r["created_at"]),
                        "updated_at": iso_datetime(r["updated_at"]),
                        "completed_at": iso_datetime(r["completed_at"])})
        return out

    @extend_schema(request=QioTaskInput, responses={201: QioTaskOutput})
    def create(self, request):
        data = QioTaskInput(data=request.data)
        data.is_valid(raise_exception=True)
        task = task_create_manual(actor=request.user, request=request,
                                  **data.validated_data)
        return Response(QioTaskOutput(task).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=QioTaskAssignInput, responses=QioTaskOutput)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        task = self.get_object()
        data = QioTaskAssignInput(data=request.data)
        data.is_valid(raise_exception=True)
        qio = user_qio(request.user)
        values = data.validated_data
        user = group = None
        if values.get("assigned_user"):
            user = User.objects.filter(pk=values["assigned_user"], organization=qio).first()
            if user is None:
                raise serializers.ValidationError({"assigned_user": "Not a user of your QIO."})
        if values.get("assigned_group"):
            group = WorkGroup.objects.filter(pk=values["assigned_group"], qio=qio).first()
            if group is None:
                raise serializers.ValidationError({"assigned_group": "Not a group of your QIO."})
        task = task_assign(task=task, actor=request.user, assigned_user=user,
                           assigned_group=group, assigned_queue=values["assigned_queue"],
                           note=values["note"], request=request)
        return Response(QioTaskOutput(task).data)

    @extend_schema(request=QioTaskNoteInput, responses=QioTaskOutput)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        task = self.get_object()
        data = QioTaskNoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        task = task_complete(task=task, actor=request.user, note=data.validated_data["note"],
                             request=request)
        return Response(QioTaskOutput(task).data)

    @extend_schema(request=QioTaskCommentInput, responses={201: QioTaskCommentOutput})
    @action(detail=True, methods=["post"])
    def comment(self, request, pk=None):
        task = self.get_object()
        data = QioTaskCommentInput(data=request.data)
        data.is_valid(raise_exception=True)
        comment = task_comment_add(task=task, actor=request.user,
                                   body=data.validated_data["body"], request=request)
        return Response(QioTaskCommentOutput(comment).data, status=status.HTTP_201_CREATED)
