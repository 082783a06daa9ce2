"""Nav items, home panels, notification kinds, the sweep, and the demo data."""

import pytest
from django.conf import settings
from django.urls import reverse

from qio_program import demo
from qio_program.models import Interaction, Provider, SplVersion, Task
from qio_program.services.tasks import task_create
from qis_portal.demo import seed_organizations, seed_users
from qis_portal.navigation import nav_for
from qis_portal.notification_kinds import NOTIFICATION_KINDS

pytestmark = pytest.mark.django_db


def labels(user) -> list[str]:
    return [item["label"] for item in nav_for(user)]


def test_a_qio_user_gets_directory_work_basket_interactions_dashboard_and_spl(associate_ann):
    assert {"Directory", "Work basket", "Interactions", "QIO dashboard", "SPL"} <= set(
        labels(associate_ann))


def test_cms_users_get_no_work_basket(cor_bob, readonly_pat):
    for user in (cor_bob, readonly_pat):
        assert "Work basket" not in labels(user) and "Directory" in labels(user)


def test_a_provider_user_gets_the_directory_and_their_outcomes_only(provider_pia):
    assert [label for label in labels(provider_pia)
            if label in {"Directory", "Outcomes", "Work basket", "QIO dashboard", "SPL",
                         "Interactions"}] == ["Directory", "Outcomes"]


def test_an_issuer_gets_no_qio_navigation(issuer_alice):
    assert not {"Directory", "Work basket", "SPL"} & set(labels(issuer_alice))


def test_the_home_page_shows_my_tasks_count_for_qio_users(client, northeast_qio, associate_ann):
    task_create(qio=northeast_qio, subject="Call Dr. Smith", assigned_user=associate_ann)
    task_create(qio=northeast_qio, subject="Visit", assigned_user=associate_ann)
    client.force_login(associate_ann)
    html = client.get(reverse("home")).content.decode()
    assert "My Tasks" in html and "<strong class=\"font-sans-lg\">2</strong> open tasks" in html
    assert "General Directory" in html


def test_the_cor_home_page_has_the_spl_panel(client, cor_bob):
    client.force_login(cor_bob)
    html = client.get(reverse("home")).content.decode()
    assert "Service Provider Lists" in html and "My Tasks" not in html


def test_notification_kinds_and_the_reminder_sweep_are_registered():
    assert {"qio.task_assigned", "qio.intervention_report_overdue",
            "qio.spl_published"} <= set(NOTIFICATION_KINDS)
    assert "qio_program.tasks.intervention_report_reminder_sweep" in \
        settings.CELERY_BEAT_SCHEDULE


def test_the_demo_data_is_seeded_once_however_often_it_runs():
    seed_users(seed_organizations())
    demo.seed()
    counts = (Provider.objects.count(), Task.objects.count(), Interaction.objects.count())
    demo.seed()
    assert (Provider.objects.count(), Task.objects.count(), Interaction.objects.count()) == \
        counts
    assert SplVersion.objects.get().region == "northeast"
    maple = Provider.objects.get(name="Maple Grove Nursing and Rehabilitation")
    assert maple.organization.name == maple.name and maple.on_spl
    assert Provider.objects.filter(region="west", organization__isnull=False).exists()
    assert Interaction.objects.filter(created_by__email="associate@northeast.demo").count() >= 3
    assert Task.objects.filter(assigned_user__email="associate@northeast.demo").exists()
