"""Every page of the issue renders for the people who may open it (and never a 500)."""

import pytest
from django.urls import reverse

from tests.submissions.conftest import fresh

pytestmark = pytest.mark.django_db


def test_an_issuer_opens_the_list_start_page_and_every_part_of_a_progress_report(
        client, issuer_alice, draft_report, plan):
    client.force_login(issuer_alice)
    assert client.get(reverse("submissions:list")).status_code == 200
    assert client.get(reverse("submissions:start")).status_code == 200
    for part in ("a", "b", "c"):
        response = client.get(reverse("submissions:part", args=[draft_report.pk, part]))
        assert response.status_code == 200, part
    body = client.get(reverse("submissions:part", args=[draft_report.pk, "c"])).content.decode()
    assert "16a. Measure 1a" in body and "16bb" in body and "17a." in body
    assert client.get(reverse("submissions:submit", args=[draft_report.pk])).status_code == 200
    assert client.get(draft_report.get_absolute_url()).status_code == 200
    assert client.get(reverse("submissions:print", args=[draft_report.pk])).status_code == 200
    assert client.get(reverse("submissions:plan_list")).status_code == 200
    assert client.get(reverse("submissions:plan_detail", args=[plan.pk])).status_code == 200
    # The plan on file is changed only by a Modification Summary Supplement.
    assert client.get(reverse("submissions:plan_edit", args=[plan.pk])).url == reverse(
        "submissions:supplement_new", args=[plan.pk])
    assert client.get(reverse("submissions:supplement_new", args=[plan.pk])).status_code == 200
    assert client.get(reverse("submissions:plan_new")).status_code == 200


def test_an_issuer_opens_every_part_of_a_work_plan(client, issuer_alice, draft_work_plan):
    client.force_login(issuer_alice)
    for part in ("a", "b", "c", "d"):
        response = client.get(reverse("submissions:part", args=[draft_work_plan.pk, part]))
        assert response.status_code == 200, part
    body = client.get(reverse("submissions:part", args=[draft_work_plan.pk, "d"])).content
    assert b"10b. Milestone 10" in body and b"11b." in body


def test_a_reviewer_opens_the_review_page_of_a_form_under_review(
        client, reviewer_quinn, report_under_review):
    client.force_login(reviewer_quinn)
    response = client.get(reverse("submissions:determine", args=[report_under_review.pk]))
    assert response.status_code == 200
    assert b"Must Pass" in response.content
    assert client.get(reverse("submissions:list")).status_code == 200
    assert client.get(fresh(report_under_review).get_absolute_url()).status_code == 200
