"""Work basket: tasks of QIO users only; My Tasks, the QIO's tasks, queues; assign, complete."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from qio_program.models import Task, TaskComment, TaskPriority, TaskQueue, TaskStatus, TaskType
from qio_program.services.tasks import (
    task_assign,
    task_comment_add,
    task_complete,
    task_create,
    task_create_manual,
    task_reopen,
    workgroup_save,
)
from qis_portal.models import AuditEvent, Notification, Role
from qis_portal.workflow import WorkflowConflict
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

MY_TASKS = reverse("qio_program:my_tasks")


def subjects(response) -> list[str]:
    return [task.subject for task, _ in response.context["rows"]]


def test_task_create_keeps_the_signature_other_apps_call(northeast_qio, ne_provider,
                                                         support_sam,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        task = task_create(qio=northeast_qio, subject="FQS referral: outbreak",
                           task_type=TaskType.FQS_REFERRAL, priority=TaskPriority.CRITICAL,
                           related=ne_provider, assigned_queue=TaskQueue.SUPPORT_TEAM)
    assert task.status == TaskStatus.OPEN and task.related == ne_provider
    # New FQS referrals go to the QIO support team queue; the team is notified.
    assert list(Notification.objects.values_list("recipient__email", flat=True)) == [
        "sam@northeast.test"]


def test_an_automatic_task_is_created_once_per_key(northeast_qio):
    first = task_create(qio=northeast_qio, subject="AHQT", auto_key="ahqt:provider:1")
    second = task_create(qio=northeast_qio, subject="AHQT", auto_key="ahqt:provider:1")
    assert first is not None and second is None
    assert Task.objects.count() == 1


def test_cms_organizations_have_no_tasks(cms):
    with pytest.raises(ValueError, match="CMS roles have no tasks"):
        task_create(qio=cms, subject="Nope")


def test_the_assignee_is_notified_of_a_new_task(northeast_qio, associate_ann, manager_max,
                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        task = task_create(qio=northeast_qio, subject="Call Dr. Smith", owner=manager_max,
                           assigned_user=associate_ann)
    note = Notification.objects.get(recipient=associate_ann)
    assert note.kind == "qio.task_assigned" and note.url == task.get_absolute_url()


def test_a_manual_task_goes_to_its_creators_basket(associate_ann):
    task = task_create_manual(actor=associate_ann, subject="Prepare for Dr. Smith",
                              due_date=timezone.localdate() + timedelta(days=1))
    assert task.assigned_user == associate_ann and task.owner == associate_ann
    assert task.qio == associate_ann.organization


def test_an_associate_cannot_hand_a_manual_task_to_someone_else(associate_ann, manager_max):
    with pytest.raises(PermissionDenied, match="Only a QIO manager assigns"):
        task_create_manual(actor=associate_ann, subject="For Max", assigned_user=manager_max)


def test_a_manual_task_cannot_be_due_in_the_past(associate_ann):
    with pytest.raises(ValidationError):
        task_create_manual(actor=associate_ann, subject="Late",
                           due_date=timezone.localdate() - timedelta(days=1))


@pytest.mark.parametrize("persona", ["cor_bob", "readonly_pat", "provider_pia"])
def test_cms_and_provider_users_neither_have_nor_create_tasks(request, client, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        task_create_manual(actor=user, subject="Mine?")
    client.force_login(user)
    assert client.get(MY_TASKS).status_code == 403
    assert "Work basket" not in client.get(reverse("home")).content.decode()


def test_my_tasks_shows_mine_and_my_groups_tasks_only(client, northeast_qio, associate_ann,
                                                      manager_max):
    group = workgroup_save(actor=manager_max, name="Nursing home team",
                           members=[associate_ann])
    task_create(qio=northeast_qio, subject="Mine", assigned_user=associate_ann)
    task_create(qio=northeast_qio, subject="Group's", assigned_group=group)
    task_create(qio=northeast_qio, subject="Max's", assigned_user=manager_max)
    task_create(qio=northeast_qio, subject="Queued", assigned_queue=TaskQueue.AHQT)
    client.force_login(associate_ann)
    assert sorted(subjects(client.get(MY_TASKS))) == ["Group's", "Mine"]


def test_the_qio_view_shows_every_task_of_the_qio_and_no_other(client, northeast_qio, west_qio,
                                                               associate_ann, manager_max):
    task_create(qio=northeast_qio, subject="Max's", assigned_user=manager_max)
    task_create(qio=west_qio, subject="West's")
    client.force_login(associate_ann)
    assert subjects(client.get(reverse("qio_program:qio_tasks"))) == ["Max's"]


def test_each_queue_has_its_view(client, northeast_qio, associate_ann):
    task_create(qio=northeast_qio, subject="Referral", assigned_queue=TaskQueue.SUPPORT_TEAM)
    task_create(qio=northeast_qio, subject="AHQT", assigned_queue=TaskQueue.AHQT)
    client.force_login(associate_ann)
    url = reverse("qio_program:queue_tasks", args=[TaskQueue.SUPPORT_TEAM])
    assert subjects(client.get(url)) == ["Referral"]
    assert client.get(reverse("qio_program:queue_tasks", args=["nope"])).status_code == 404


def test_tasks_sort_soonest_due_first_and_undated_last(client, northeast_qio, associate_ann):
    today = timezone.localdate()
    task_create(qio=northeast_qio, subject="Undated", assigned_user=associate_ann)
    task_create(qio=northeast_qio, subject="Later", assigned_user=associate_ann,
                due_date=today + timedelta(days=9))
    task_create(qio=northeast_qio, subject="Soon", assigned_user=associate_ann,
                due_date=today + timedelta(days=1))
    client.force_login(associate_ann)
    assert subjects(client.get(MY_TASKS)) == ["Soon", "Later", "Undated"]


def test_my_tasks_pages_mine_and_both_my_groups_in_one_due_order(client, monkeypatch,
                                                                 northeast_qio, associate_ann,
                                                                 manager_max):
    """My Tasks reads each half (mine, each group's) on its own index; the pages must still be
    one due-date order, undated last, with a task both mine and my group's listed once."""
    today = timezone.localdate()
    homes = workgroup_save(actor=manager_max, name="Nursing homes", members=[associate_ann])
    clinics = workgroup_save(actor=manager_max, name="Clinics", members=[associate_ann])
    others = workgroup_save(actor=manager_max, name="Hospitals", members=[manager_max])
    plan = [("Mine +3", {"assigned_user": associate_ann}, 3),
            ("Homes +1", {"assigned_group": homes}, 1),
            ("Clinics +2", {"assigned_group": clinics}, 2),
            ("Both +4", {"assigned_user": associate_ann, "assigned_group": homes}, 4),
            ("Mine undated", {"assigned_user": associate_ann}, None),
            ("Clinics +5", {"assigned_group": clinics}, 5),
            ("Homes undated", {"assigned_group": homes}, None),
            ("Hospitals +0", {"assigned_group": others}, 0),
            ("Max's +0", {"assigned_user": manager_max}, 0)]
    for subject, assignee, days in plan:
        due = today + timedelta(days=days) if days is not None else None
        task_create(qio=northeast_qio, subject=subject, due_date=due, **assignee)
    monkeypatch.setattr("qio_program.views.tasks.PER_PAGE", 2)
    client.force_login(associate_ann)
    walked, url = [], MY_TASKS
    for _ in range(5):
        response = client.get(url)
        walked += subjects(response)
        page = response.context["page"]
        if not page.has_next:
            break
        url = f"{MY_TASKS}?cursor={page.next_cursor}"
    assert walked == ["Homes +1", "Clinics +2", "Mine +3", "Both +4", "Clinics +5",
                      "Mine undated", "Homes undated"]


def test_the_list_filters_by_status_and_priority(client, northeast_qio, associate_ann):
    done = task_create(qio=northeast_qio, subject="Done", assigned_user=associate_ann)
    task_complete(task=done, actor=associate_ann)
    task_create(qio=northeast_qio, subject="Critical", assigned_user=associate_ann,
                priority=TaskPriority.CRITICAL)
    client.force_login(associate_ann)
    assert subjects(client.get(MY_TASKS)) == ["Critical"]
    assert subjects(client.get(MY_TASKS, {"status": "completed"})) == ["Done"]
    assert subjects(client.get(MY_TASKS, {"status": "", "priority": "low"})) == []


def test_a_manager_assigns_and_the_assignee_is_notified(northeast_qio, associate_ann,
                                                        manager_max,
                                                        django_capture_on_commit_callbacks):
    task = task_create(qio=northeast_qio, subject="AHQT", assigned_queue=TaskQueue.AHQT)
    with django_capture_on_commit_callbacks(execute=True):
        task = task_assign(task=task, actor=manager_max, assigned_user=associate_ann)
    assert task.assigned_user == associate_ann and task.assigned_queue == ""
    assert Notification.objects.filter(recipient=associate_ann,
                                       kind="qio.task_assigned").count() == 1
    event = AuditEvent.objects.get(action="task.assign", outcome="success")
    assert event.details == {"from": "Queue: AHQT assessments", "to": str(associate_ann)}


def test_an_associate_cannot_assign(northeast_qio, associate_ann, manager_max):
    task = task_create(qio=northeast_qio, subject="AHQT", assigned_queue=TaskQueue.AHQT)
    with pytest.raises(PermissionDenied):
        task_assign(task=task, actor=associate_ann, assigned_user=manager_max)
    assert AuditEvent.objects.filter(action="task.assign", outcome="denied").exists()


def test_a_task_is_assigned_within_the_qio_only(northeast_qio, manager_max, associate_wes):
    task = task_create(qio=northeast_qio, subject="Stay home")
    with pytest.raises(ValidationError, match="same QIO"):
        task_assign(task=task, actor=manager_max, assigned_user=associate_wes)


def test_a_task_goes_to_exactly_one_person_group_or_queue(northeast_qio, manager_max,
                                                          associate_ann):
    task = task_create(qio=northeast_qio, subject="Both?")
    with pytest.raises(ValidationError, match="one person, one group or one queue"):
        task_assign(task=task, actor=manager_max, assigned_user=associate_ann,
                    assigned_queue=TaskQueue.AHQT)


def test_group_members_are_notified_when_a_task_goes_to_their_group(
        northeast_qio, manager_max, associate_ann, django_capture_on_commit_callbacks):
    group = workgroup_save(actor=manager_max, name="Hospitals", members=[associate_ann,
                                                                         manager_max])
    task = task_create(qio=northeast_qio, subject="Readmissions")
    with django_capture_on_commit_callbacks(execute=True):
        task_assign(task=task, actor=manager_max, assigned_group=group)
    assert list(Notification.objects.values_list("recipient__email", flat=True)) == [
        "ann@northeast.test"]  # the manager who assigned it is not told of his own act


def test_groups_hold_users_of_the_managers_qio_only(manager_max, associate_wes):
    with pytest.raises(ValidationError):
        workgroup_save(actor=manager_max, name="Mixed", members=[associate_wes])


def test_completing_a_task_goes_through_the_workflow_and_is_audited(northeast_qio,
                                                                    associate_ann):
    task = task_create(qio=northeast_qio, subject="Call", assigned_user=associate_ann)
    done = task_complete(task=task, actor=associate_ann, note="Called")
    assert done.status == TaskStatus.COMPLETED and done.completed_by == associate_ann
    event = AuditEvent.objects.get(action="task.complete")
    assert (event.from_state, event.to_state, event.note) == ("open", "completed", "Called")
    with pytest.raises(WorkflowConflict, match="completed"):
        task_complete(task=done, actor=associate_ann)
    reopened = task_reopen(task=done, actor=associate_ann)
    assert reopened.status == TaskStatus.OPEN and reopened.completed_at is None


def test_someone_elses_task_cannot_be_completed_by_an_associate(northeast_qio, associate_ann,
                                                               manager_max):
    task = task_create(qio=northeast_qio, subject="Max's", assigned_user=manager_max)
    with pytest.raises(PermissionDenied):
        task_complete(task=task, actor=associate_ann)
    assert task_complete(task=Task.objects.get(pk=task.pk), actor=manager_max).status == \
        TaskStatus.COMPLETED


def test_the_support_team_queue_is_worked_by_the_support_team(northeast_qio, associate_ann,
                                                              support_sam):
    task = task_create(qio=northeast_qio, subject="Referral",
                       assigned_queue=TaskQueue.SUPPORT_TEAM)
    with pytest.raises(PermissionDenied):
        task_complete(task=task, actor=associate_ann)
    assert task_complete(task=task, actor=support_sam).status == TaskStatus.COMPLETED


def test_comments_are_added_by_users_of_the_qio(northeast_qio, associate_ann, associate_wes):
    task = task_create(qio=northeast_qio, subject="Talk")
    task_comment_add(task=task, actor=associate_ann, body="On it.")
    with pytest.raises(PermissionDenied):
        task_comment_add(task=task, actor=associate_wes, body="Me too")
    with pytest.raises(ValidationError):
        task_comment_add(task=task, actor=associate_ann, body="   ")
    assert list(TaskComment.objects.values_list("body", flat=True)) == ["On it."]


def test_the_task_page_shows_every_field_and_lets_the_assignee_complete(client, northeast_qio,
                                                                        associate_ann,
                                                                        ne_provider):
    task = task_create(qio=northeast_qio, subject="Visit Maple Grove", related=ne_provider,
                       assigned_user=associate_ann, priority=TaskPriority.HIGH,
                       due_date=timezone.localdate())
    client.force_login(associate_ann)
    html = client.get(task.get_absolute_url()).content.decode()
    for text in ("Visit Maple Grove", "Maple Grove Nursing", "High", "Open", "Other",
                 "Mark completed", "Comments"):
        assert text in html, text
    assert "Assign task" not in html
    client.post(reverse("qio_program:task_comment", args=[task.pk]), {"body": "Booked."})
    response = client.post(reverse("qio_program:task_complete", args=[task.pk]), follow=True)
    assert "completed" in response.content.decode()
    assert Task.objects.get(pk=task.pk).status == TaskStatus.COMPLETED
    again = client.post(reverse("qio_program:task_complete", args=[task.pk]), follow=True)
    assert "Cannot complete: the task is completed." in again.content.decode()


def test_a_manager_assigns_from_the_task_page(client, northeast_qio, manager_max,
                                              associate_ann):
    task = task_create(qio=northeast_qio, subject="Queue item", assigned_queue=TaskQueue.AHQT)
    client.force_login(manager_max)
    assert "Assign task" in client.get(task.get_absolute_url()).content.decode()
    client.post(reverse("qio_program:task_assign", args=[task.pk]),
                {"assigned_user": associate_ann.pk})
    assert Task.objects.get(pk=task.pk).assigned_user == associate_ann


def test_another_qios_task_answers_404(client, west_qio, associate_ann):
    task = task_create(qio=west_qio, subject="West only")
    client.force_login(associate_ann)
    assert client.get(task.get_absolute_url()).status_code == 404


def test_a_manual_task_is_added_from_the_page(client, associate_ann):
    client.force_login(associate_ann)
    response = client.post(reverse("qio_program:task_create"),
                           {"subject": "Prepare the QAP meeting", "priority": "high"})
    task = Task.objects.get()
    assert response.url == task.get_absolute_url() and task.assigned_user == associate_ann


def test_the_task_list_runs_the_same_queries_at_1_and_30_rows(client, northeast_qio,
                                                              associate_ann, ne_provider,
                                                              count_queries):
    url = reverse("qio_program:qio_tasks")
    task_create(qio=northeast_qio, subject="Task 0", related=ne_provider,
                assigned_user=associate_ann)
    client.force_login(associate_ann)
    at_one = count_queries(client, url)
    for index in range(1, 30):
        task_create(qio=northeast_qio, subject=f"Task {index}", related=ne_provider,
                    assigned_user=associate_ann, owner=associate_ann)
    assert count_queries(client, url) == at_one


def test_managers_manage_groups_from_the_page(client, manager_max, associate_ann):
    client.force_login(manager_max)
    client.post(reverse("qio_program:workgroup_create"),
                {"name": "Hospitals", "members": [associate_ann.pk]})
    page = client.get(reverse("qio_program:workgroup_list")).content.decode()
    assert "Hospitals" in page and str(associate_ann) in page
    client.force_login(associate_ann)
    assert client.get(reverse("qio_program:workgroup_list")).status_code == 403


def test_a_pending_qio_role_gives_no_basket(client, northeast_qio):
    pending = user_with_role(Role.QIO_ASSOCIATE, northeast_qio, status="pending")
    client.force_login(pending)
    assert client.get(MY_TASKS).status_code == 403
