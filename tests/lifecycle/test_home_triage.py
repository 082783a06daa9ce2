"""Homes that triage (issue 18, item 5): the associate's overdue and due-soon deliverables by
how late and by kind, each group a link to exactly those on the lifecycle page, in a fixed
number of queries."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from qio_program.lifecycle.choices import DeliverableKind
from qio_program.lifecycle.models import Deliverable

pytestmark = pytest.mark.django_db


def _leave_open(order, days_late: dict[int, str]) -> None:
    """Every deliverable of `order` delivered but one per kind, due `days` ago."""
    today = timezone.localdate()
    order.deliverables.update(delivered_at=timezone.now())
    for days, kind in days_late.items():
        row = order.deliverables.filter(kind=kind).order_by("id").first()
        Deliverable.objects.filter(pk=row.pk).update(delivered_at=None,
                                                     due_date=today - timedelta(days=days))


def _home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("home")).content.decode()


def test_overdue_deliverables_are_grouped_by_how_late_and_by_kind(client, ne_order,
                                                                  associate_ann):
    _leave_open(ne_order, {3: DeliverableKind.MONTHLY_STATUS, 10: DeliverableKind.A3C,
                           45: DeliverableKind.QAP, -5: DeliverableKind.ANNUAL})
    body = _home(client, associate_ann)
    headings = re.findall(r'<h3 class="font-sans-sm[^"]*">([^<]+) <span', body)
    assert headings == ["More than 30 days late", "8–30 days late", "1–7 days late",
                        "Due in the next 14 days"]
    assert "Quality Action Plans: 1" in body and "A3C (state/territory assessment): 1" in body
    assert "?kind=qap&amp;late=over-30" in body and "?kind=monthly_status&amp;late=1-7" in body
    assert "?kind=annual&amp;late=soon" in body


def test_each_group_links_to_exactly_its_deliverables(client, ne_order, associate_ann):
    _leave_open(ne_order, {10: DeliverableKind.A3C, 12: DeliverableKind.QAP,
                           45: DeliverableKind.PES})
    client.force_login(associate_ann)
    page = client.get(reverse("lifecycle:index"), {"kind": "qap", "late": "8-30"})
    body = page.content.decode()
    overdue = body[body.index("Overdue deliverables, oldest first"):]
    overdue = overdue[:overdue.index("</table>")]
    qap = ne_order.deliverables.get(kind="qap", delivered_at__isnull=True)
    assert overdue.count("<tr>") == 2 and qap.title in overdue  # the header row and the QAP
    assert "Showing Quality Action Plans, 8–30 days late." in body


def test_nothing_late_says_so(client, ne_order, associate_ann):
    ne_order.deliverables.update(delivered_at=timezone.now())
    assert "Nothing is overdue or due in the next two weeks." in _home(client, associate_ann)


def test_the_triaged_home_stays_within_a_fixed_number_of_queries(
        client, ne_order, associate_ann, django_assert_max_num_queries):
    # Every deliverable of a task order awarded 2024-11-01 left open: dozens overdue.
    client.force_login(associate_ann)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("home")).status_code == 200
