"""Junk in a query string or a form is a 400, a 404 or a form error: never a 500."""

import pytest
from django.urls import reverse

from qio_program.services.tasks import task_create
from tests.qio_program.factories import InteractionFactory

pytestmark = pytest.mark.django_db

JUNK = {"cursor": "%%%", "state": "<b>", "setting": "x" * 500, "spl": "maybe",
        "medicare_status": "1", "region": "mars", "q": "'; DROP TABLE x; --" * 20,
        "status": "sideways", "priority": "??", "task_type": "0", "assignee": "abc",
        "group": "99999999999999999999999", "date_from": "2026-13-45", "date_to": "yesterday",
        "subcategory": "nope", "report": "lost", "associate": "-1", "provider": "x"}


def test_every_list_and_page_answers_junk_without_a_server_error(client, associate_ann,
                                                                 northeast_qio, ne_provider):
    task = task_create(qio=northeast_qio, subject="T", assigned_user=associate_ann)
    interaction = InteractionFactory(provider=ne_provider, created_by=associate_ann)
    client.force_login(associate_ann)
    urls = [reverse(name) for name in (
        "qio_program:provider_list", "qio_program:provider_export", "qio_program:my_tasks",
        "qio_program:qio_tasks", "qio_program:interaction_list", "qio_program:dashboard",
        "qio_program:spl_list", "qio_program:interaction_create", "qio_program:task_create")]
    urls += [reverse("qio_program:queue_tasks", args=["ahqt"]), task.get_absolute_url(),
             interaction.get_absolute_url(), ne_provider.get_absolute_url(),
             reverse("qio_program:provider_outcomes", args=[ne_provider.pk])]
    for url in urls:
        response = client.get(url, JUNK)
        assert response.status_code < 500, (url, response.status_code)


@pytest.mark.parametrize(("name", "data"), [
    ("qio_program:provider_bulk", {"action": "explode", "provider": ["x", "1e9"]}),
    ("qio_program:provider_create", {"name": "", "ccn": "x" * 50, "state": "??"}),
    ("qio_program:interaction_create", {"provider": ["abc"]}),
    ("qio_program:task_create", {"subject": "", "due_date": "someday", "priority": "urgent"}),
])
def test_junk_forms_are_explained_not_crashed(client, associate_ann, name, data):
    client.force_login(associate_ann)
    assert client.post(reverse(name), data).status_code in (200, 302)


def test_junk_posts_to_a_task_are_explained(client, associate_ann, manager_max, northeast_qio):
    task = task_create(qio=northeast_qio, subject="T", assigned_user=associate_ann)
    client.force_login(manager_max)
    for name, data in [("qio_program:task_assign", {"assigned_user": "abc",
                                                    "assigned_queue": "moon"}),
                       ("qio_program:task_comment", {"body": ""}),
                       ("qio_program:task_complete", {"note": "x" * 5000})]:
        response = client.post(reverse(name, args=[task.pk]), data)
        assert response.status_code in (302, 403), (name, response.status_code)


def test_the_api_answers_junk_with_400s(api_client, associate_ann):
    api_client.force_authenticate(associate_ann)
    for url, params in [("/api/qio/providers/", {"setting": "x", "spl": "maybe"}),
                        ("/api/qio/interactions/", {"provider": "abc", "date_from": "x"}),
                        ("/api/qio/tasks/", {"status": "x", "mine": "perhaps"}),
                        ("/api/qio/outcomes/", {"year": "x"}),
                        ("/api/qio/providers/", {"cursor": "garbage"})]:
        assert api_client.get(url, params).status_code in (200, 400, 404), url
    response = api_client.post("/api/qio/interactions/bulk/", {"providers": "x"}, format="json")
    assert response.status_code == 400
    response = api_client.post("/api/qio/outcomes/", {"provider": 1, "measure": "NOPE"},
                               format="json")
    assert response.status_code == 400


def test_a_roleless_django_superuser_is_refused_qio_work_not_crashed(client, cms,
                                                                     ne_provider):
    from qis_portal.models import User

    admin = User.objects.create_superuser("root@cms.test", "x" * 20, organization=cms)
    client.force_login(admin)
    assert client.post(reverse("qio_program:provider_bulk"),
                       {"action": "ahqt", "provider": [ne_provider.pk]}).status_code < 500
    assert client.post(reverse("qio_program:task_create"),
                       {"subject": "Mine", "priority": "low"}).status_code == 403
    assert client.get(reverse("qio_program:workgroup_list")).status_code == 403
    assert client.get(reverse("qio_program:my_tasks")).status_code == 200
