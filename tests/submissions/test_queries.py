"""The list page and the API list cost the same number of queries at 1 row and at 20."""

import pytest
from django.urls import reverse

from submissions.models import FormType, Submission

pytestmark = pytest.mark.django_db


def make_submitted(count, issuer, window, user, snapshot):
    Submission.objects.bulk_create([
        Submission(form_type=FormType.WORK_PLAN, issuer=issuer, window=window,
                   status="submitted", data=snapshot["data"], snapshot=snapshot,
                   created_by=user, last_saved_by=user)
        for _ in range(count)])


def count_queries(django_assert_max_num_queries, fetch, limit=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fetch()
    if limit is not None:
        with django_assert_max_num_queries(limit):
            fetch()
    return len(ctx.captured_queries)


@pytest.mark.parametrize("surface", ["page", "api"])
def test_the_list_costs_the_same_at_1_and_at_20_rows(client, api_client, reviewer_quinn,
                                                     submitted_report, issuer_alice, window,
                                                     django_assert_max_num_queries, surface):
    client.force_login(reviewer_quinn)
    api_client.force_authenticate(reviewer_quinn)

    def fetch():
        if surface == "page":
            response = client.get(reverse("submissions:list"))
        else:
            response = api_client.get("/api/submissions/")
        assert response.status_code == 200

    fetch()  # warm the per-user caches (roles) so both counts measure the list alone
    one = count_queries(django_assert_max_num_queries, fetch)
    make_submitted(19, issuer_alice.organization, window, issuer_alice,
                   Submission.objects.get(pk=submitted_report.pk).snapshot)
    assert Submission.objects.count() == 20
    twenty = count_queries(django_assert_max_num_queries, fetch, limit=one)
    assert twenty == one
