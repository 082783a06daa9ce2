"""Dashboards: interactions by associate, top providers, by subcategory, My Tasks, AHQT queue,
overdue intervention reports; every chart has its data table; filterable by date range."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from qio_program.models import TaskQueue
from qio_program.services.tasks import task_create
from qis_portal.regions import Region
from tests.qio_program.factories import InteractionFactory, ProviderFactory

pytestmark = pytest.mark.django_db

URL = reverse("qio_program:dashboard")


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


@pytest.fixture
def logged(associate_ann, manager_max, ne_provider):
    other = ProviderFactory(name="Harbor View")
    InteractionFactory(provider=ne_provider, created_by=associate_ann, duration_minutes=30,
                       date=days_ago(1))
    InteractionFactory(provider=ne_provider, created_by=associate_ann, duration_minutes=90,
                       date=days_ago(2), subcategory="data_review")
    InteractionFactory(provider=other, created_by=manager_max, duration_minutes=60,
                       date=days_ago(8))
    InteractionFactory(provider=other, created_by=manager_max, duration_minutes=60,
                       date=days_ago(200))
    return other


def test_the_figures_group_interactions_by_associate_provider_and_subcategory(
        client, associate_ann, manager_max, logged):
    client.force_login(associate_ann)
    board = client.get(URL).context["board"]
    assert [(r["name"], r["count"], r["avg_minutes"]) for r in board.by_associate] == [
        (associate_ann.get_full_name(), 2, 60.0), (manager_max.get_full_name(), 1, 60.0)]
    assert [(r["provider__name"], r["count"]) for r in board.top_providers] == [
        ("Maple Grove Nursing", 2), ("Harbor View", 1)]
    assert {r["label"]: r["count"] for r in board.by_subcategory} == {
        "Hands-on technical assistance": 2, "Data review and feedback": 1}


def test_the_date_range_filters_every_figure(client, associate_ann, logged):
    client.force_login(associate_ann)
    board = client.get(URL, {"date_from": days_ago(3).isoformat(),
                             "date_to": days_ago(0).isoformat()}).context["board"]
    assert board.total_interactions == 2
    wide = client.get(URL, {"date_from": days_ago(365).isoformat()}).context["board"]
    assert wide.total_interactions == 4


def test_a_reversed_range_is_explained_and_the_default_window_shown(client, associate_ann,
                                                                    logged):
    client.force_login(associate_ann)
    response = client.get(URL, {"date_from": days_ago(1).isoformat(),
                                "date_to": days_ago(9).isoformat()})
    assert response.status_code == 200
    assert "“From” must be on or before “To”." in response.content.decode()
    assert response.context["board"].total_interactions == 3


def test_every_chart_has_a_data_table_and_the_chart_data(client, associate_ann, logged):
    client.force_login(associate_ann)
    html = client.get(URL).content.decode()
    for caption in ("Interactions by associate: number and average duration",
                    "Providers with the most interactions (top 10)",
                    "Interactions by subcategory"):
        assert f"<caption>{caption}</caption>" in html
    assert html.count('<canvas id="chart-') == 3
    assert "chartjs/chart.umd.js" in html and "js/qio-charts.js" in html
    data = json.loads(html.split('id="qio-chart-data" type="application/json">')[1]
                      .split("</script>")[0])
    assert data["providers"]["counts"] == [2, 1]


def test_my_tasks_the_ahqt_queue_and_overdue_reports_are_on_the_qio_dashboard(
        client, northeast_qio, associate_ann, ne_provider):
    task_create(qio=northeast_qio, subject="Call Dr. Smith", assigned_user=associate_ann)
    task_create(qio=northeast_qio, subject="AHQT assessment: Maple", related=ne_provider,
                assigned_queue=TaskQueue.AHQT)
    late = InteractionFactory(provider=ne_provider, created_by=associate_ann, date=days_ago(7))
    InteractionFactory(provider=ne_provider, created_by=associate_ann, date=days_ago(1))
    client.force_login(associate_ann)
    response = client.get(URL)
    board = response.context["board"]
    assert (board.my_tasks_count, board.ahqt_count, board.overdue_count) == (1, 1, 1)
    assert board.overdue_reports == [late]
    html = response.content.decode()
    assert "Call Dr. Smith" in html and "AHQT assessment: Maple" in html and "Overdue" in html


def test_cms_sees_every_region_with_a_region_filter_and_no_task_panels(
        client, readonly_pat, logged, associate_wes, west_provider):
    InteractionFactory(provider=west_provider, created_by=associate_wes)
    client.force_login(readonly_pat)
    board = client.get(URL).context["board"]
    assert board.total_interactions == 4 and not board.shows_tasks
    west = client.get(URL, {"region": Region.WEST}).context["board"]
    assert west.total_interactions == 1


def test_a_qio_sees_only_its_own_interactions(client, associate_wes, logged):
    client.force_login(associate_wes)
    assert client.get(URL).context["board"].total_interactions == 0


def test_provider_users_have_no_dashboard(client, provider_pia):
    client.force_login(provider_pia)
    assert client.get(URL).status_code == 403
