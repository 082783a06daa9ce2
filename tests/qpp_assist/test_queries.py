"""Lists cost a fixed number of queries, however many rows they show (no N+1)."""

import pytest
from django.urls import reverse

from qpp_assist import services
from qpp_assist.who_does_what import QPP_SURS

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(submit, quinn_qpp, contractors):
    rows = [submit(tin=f"5000000{n:02d}") for n in range(12)]
    for inquiry in rows[:6]:
        services.inquiry_hand_off(inquiry=inquiry, actor=quinn_qpp,
                                  to_contractor=contractors[QPP_SURS], note="Small group.")
    return rows


def test_the_api_list_is_a_fixed_number_of_queries(api_client, hal, many,
                                                   django_assert_max_num_queries):
    api_client.force_authenticate(hal)
    with django_assert_max_num_queries(12):
        response = api_client.get("/api/qpp/inquiries/")
    assert len(response.json()["results"]) == 12
    with django_assert_max_num_queries(10):
        assert len(api_client.get("/api/qpp/hand-offs/").json()["results"]) == 6


def test_the_list_page_is_a_fixed_number_of_queries(client, hal, many,
                                                    django_assert_max_num_queries):
    client.force_login(hal)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("qpp_assist:inquiry_list"))
    assert response.context["page"].paginator.count == 12
