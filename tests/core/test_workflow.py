"""The one transition path (qis_portal.workflow): lock, permission, FSM check, precondition,
save, one audit record, side effects on commit; one denial record with its target, whichever
path the refusal leaves by."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import RequestFactory

from qio_program.models import Task, TaskStatus
from qio_program.services.tasks import task_create
from qis_portal.models import AuditEvent, Notification
from qis_portal.permissions import audit_refusal
from qis_portal.services.notifications import notify_on_commit
from qis_portal.workflow import (
    ActionDenied,
    SystemActor,
    TransitionOutsidePath,
    WorkflowConflict,
    require_permission,
    run_transition,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(northeast_qio, associate_ann):
    return task_create(qio=northeast_qio, subject="Call the director", assigned_user=associate_ann)


def _complete(task, actor, **kwargs):
    return run_transition(obj=task, transition="complete", actor=actor,
                          permission="qio_program.complete_task", **kwargs)


def test_a_step_saves_writes_one_audit_record_and_runs_its_side_effects_after_commit(
        task, associate_ann, django_capture_on_commit_callbacks):
    seen = []

    def after(done):
        seen.append(done.status)
        notify_on_commit(recipients=[associate_ann], kind="qio.task_assigned", title="Done")

    with django_capture_on_commit_callbacks(execute=False) as pending:
        done = _complete(task, associate_ann, note="Called back.", after=after)
    assert seen == [TaskStatus.COMPLETED]
    assert Task.objects.get(pk=task.pk).status == TaskStatus.COMPLETED
    [event] = AuditEvent.objects.filter(target_type="qio_program.task", target_id=str(done.pk),
                                        action="task.complete")
    assert (event.from_state, event.to_state, event.note, event.actor) == (
        "open", "completed", "Called back.", associate_ann)
    assert not Notification.objects.exists() and len(pending) == 1


def test_a_refused_permission_writes_one_denial_naming_its_target_and_changes_nothing(
        task, associate_wes):
    with pytest.raises(ActionDenied):
        _complete(task, associate_wes)
    assert Task.objects.get(pk=task.pk).status == TaskStatus.OPEN
    [denial] = AuditEvent.objects.filter(outcome="denied")
    assert (denial.action, denial.actor, denial.target_type, denial.target_id) == (
        "task.complete", associate_wes, "qio_program.task", str(task.pk))
    assert denial.note == "missing permission qio_program.complete_task"


def test_the_boundary_adds_nothing_when_the_denial_is_stored(task, associate_wes):
    request = RequestFactory().post("/qio/tasks/1/complete/")
    request.user = associate_wes
    with pytest.raises(ActionDenied) as refused:
        _complete(task, associate_wes, request=request)
    audit_refusal(request, str(refused.value), refused.value)
    assert AuditEvent.objects.filter(outcome="denied").count() == 1


def test_a_denial_rolled_back_by_an_outer_transaction_is_written_again_at_the_boundary(
        task, associate_wes):
    request = RequestFactory().post("/qio/tasks/1/complete/")
    request.user = associate_wes
    with pytest.raises(ActionDenied) as refused, transaction.atomic():
        _complete(task, associate_wes, request=request)
    assert not AuditEvent.objects.filter(outcome="denied").exists()  # the rollback took it
    audit_refusal(request, str(refused.value), refused.value)
    [denial] = AuditEvent.objects.filter(outcome="denied")
    assert (denial.target_id, denial.path) == (str(task.pk), "/qio/tasks/1/complete/")


def test_an_illegal_step_is_a_conflict_with_its_reason_and_no_record(task, associate_ann):
    _complete(task, associate_ann)
    with pytest.raises(WorkflowConflict, match="Cannot complete: the task is completed"):
        _complete(task, associate_ann)
    with pytest.raises(WorkflowConflict, match="already done"):
        _complete(task, associate_ann, refusal=lambda locked: "It is already done.")
    assert AuditEvent.objects.filter(action="task.complete").count() == 1


def test_a_failed_precondition_rolls_the_step_back(task, associate_ann):
    def before(locked):
        raise ValidationError({"note": "Say what was done."})

    with pytest.raises(ValidationError):
        _complete(task, associate_ann, before=before)
    assert Task.objects.get(pk=task.pk).status == TaskStatus.OPEN
    assert not AuditEvent.objects.filter(action="task.complete").exists()


def test_a_transition_method_called_outside_the_path_is_refused(task):
    fresh = Task.objects.get(pk=task.pk)
    with pytest.raises(TransitionOutsidePath, match="run_transition"):
        fresh.complete()
    assert fresh.status == TaskStatus.OPEN


def test_the_system_actor_holds_only_what_it_is_built_with_and_is_audited_as_system(task):
    system = SystemActor("qio_program.complete_task")
    done = _complete(task, system)
    assert done.status == TaskStatus.COMPLETED
    assert AuditEvent.objects.get(action="task.complete").actor_label == "system"
    assert not system.has_perm("qio_program.reopen_task")


def test_the_service_guard_records_its_refusal_at_once(task, associate_wes):
    with pytest.raises(PermissionDenied, match="Only this QIO"):
        require_permission(associate_wes, "qio_program.comment_task", task,
                           action="task.comment", message="Only this QIO comments.")
    [denial] = AuditEvent.objects.filter(outcome="denied")
    assert (denial.action, denial.target_id) == ("task.comment", str(task.pk))


class TestNotifyOnCommit:
    def test_each_person_is_told_once_and_the_actor_not_at_all(
            self, associate_ann, manager_max, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            notify_on_commit(recipients=[associate_ann, None, manager_max, associate_ann],
                             kind="qio.task_assigned", title="Hello", exclude=manager_max)
        assert list(Notification.objects.values_list("recipient__email", flat=True)) == [
            associate_ann.email]

    def test_a_rolled_back_step_tells_nobody(self, associate_ann,
                                             django_capture_on_commit_callbacks):
        with (django_capture_on_commit_callbacks(execute=True) as callbacks,
              pytest.raises(RuntimeError), transaction.atomic()):
            notify_on_commit(recipients=[associate_ann], kind="qio.task_assigned",
                             title="Hello")
            raise RuntimeError
        assert callbacks == [] and not Notification.objects.exists()

    def test_an_unregistered_kind_fails_inside_the_step(self, associate_ann):
        with pytest.raises(ValueError, match="register it"):
            notify_on_commit(recipients=[associate_ann], kind="qio.no_such_kind", title="x")
