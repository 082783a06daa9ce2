"""The busiest pages stay within a fixed number of queries, whatever the data."""

import pytest
from django.urls import reverse

from tests.lifecycle import builders

pytestmark = pytest.mark.django_db


def test_the_timeline_page_query_count_does_not_grow_with_deliverables(
        client, ne_order, associate_ann, django_assert_max_num_queries):
    client.force_login(associate_ann)
    with django_assert_max_num_queries(25):
        assert client.get(ne_order.get_absolute_url()).status_code == 200


def test_the_cor_dashboard_query_count(client, ne_order, maple, associate_ann, cor_bob, pia,
                                       me_a3c, maple_psa, django_assert_max_num_queries):
    builders.submitted_pa(ne_order, maple, associate_ann)
    builders.submitted_a3c(ne_order, "NH", associate_ann)
    client.force_login(cor_bob)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("lifecycle:index")).status_code == 200
