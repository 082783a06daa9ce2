"""No easy slips in the General Directory: the bulk action starts blank, the AHQT assessment
asks first (naming how many providers it touches), reports what it queued with an undo link,
and the undo withdraws only the untouched tasks the same person queued. The interaction form
no longer pre-ticks "A QI intervention was delivered"."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from qio_program.forms.interactions import InteractionForm
from qio_program.models import Task, TaskQueue
from qio_program.services.tasks import task_assign, task_comment_add
from qis_portal.models import AuditEvent
from tests.qio_program.factories import ProviderFactory

pytestmark = pytest.mark.django_db
BULK = reverse("qio_program:provider_bulk")


@pytest.fixture
def three(ne_provider):
    return [ne_provider, ProviderFactory(name="Harbor View"), ProviderFactory(name="Seacoast")]


def confirm_and_queue(client, providers):
    return client.post(BULK, {"action": "ahqt", "confirm": "on",
                              "provider": [p.pk for p in providers]})


def undo_url(response) -> str:
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    return re.search(r'href="([^"]+)">Undo</a>', message).group(1).replace("&amp;", "&")


def test_the_bulk_action_starts_blank_and_refuses_to_guess(client, associate_ann, three):
    client.force_login(associate_ann)
    page = client.get(reverse("qio_program:provider_list")).content.decode()
    assert re.search(r'<select[^>]*id="bulk-action"[^>]*>\s*<option value="" selected>'
                     r"- Select -</option>", page)
    response = client.post(BULK, {"action": "", "provider": [three[0].pk]}, follow=True)
    assert "Choose what to do with the selected providers." in response.content.decode()
    assert Task.objects.count() == 0


def test_the_ahqt_assessment_asks_first_naming_how_many_providers(client, associate_ann, three):
    client.force_login(associate_ann)
    response = client.post(BULK, {"action": "ahqt", "provider": [p.pk for p in three]})
    assert response.status_code == 200 and Task.objects.count() == 0
    page = response.content.decode()
    assert "Send an AHQT assessment to 3 providers?" in page
    assert "Queue 3 AHQT tasks" in page
    assert all(p.name in page for p in three)
    assert page.count('name="provider"') == 3 and 'name="confirm" value="on"' in page


def test_confirming_reports_what_was_queued_and_undo_withdraws_it(client, associate_ann, three):
    client.force_login(associate_ann)
    response = confirm_and_queue(client, three)
    assert Task.objects.filter(assigned_queue=TaskQueue.AHQT).count() == 3
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Queued 3 AHQT assessment tasks in the AHQT queue.")
    undo = undo_url(response)
    assert len(parse_qs(urlsplit(undo).query)["task"]) == 3

    confirm_page = client.get(undo).content.decode()
    assert "These 3 AHQT tasks you queued are still untouched" in confirm_page
    assert Task.objects.count() == 3  # the link only asks
    response = client.post(urlsplit(undo).path, parse_qs(urlsplit(undo).query))
    assert Task.objects.count() == 0
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Withdrew 3 AHQT assessment tasks from the AHQT queue."]
    assert AuditEvent.objects.filter(action="task.withdraw").count() == 3
    # The providers' keys are free again: the assessment can be queued anew.
    confirm_and_queue(client, three[:1])
    assert Task.objects.count() == 1


def test_undo_leaves_tasks_that_were_picked_up_or_are_someone_elses(
        client, associate_ann, manager_max, three):
    client.force_login(associate_ann)
    undo = undo_url(confirm_and_queue(client, three))
    first, second, third = Task.objects.order_by("subject")
    task_assign(task=first, actor=manager_max, assigned_user=associate_ann)
    task_comment_add(task=second, actor=manager_max, body="I will call them.")
    page = client.get(undo).content.decode()
    assert "This AHQT task you queued is still untouched" in page
    assert "2 other tasks cannot be withdrawn" in page
    client.post(urlsplit(undo).path, parse_qs(urlsplit(undo).query))
    assert set(Task.objects.all()) == {first, second}
    client.force_login(manager_max)  # not the one who queued them
    client.post(urlsplit(undo).path, parse_qs(urlsplit(undo).query))
    assert set(Task.objects.all()) == {first, second}


def test_the_interaction_form_does_not_pre_tick_the_intervention():
    assert not InteractionForm().fields["intervention_delivered"].initial
    assert 'name="intervention_delivered"' in InteractionForm().as_div()
    assert " checked" not in str(InteractionForm()["intervention_delivered"])
