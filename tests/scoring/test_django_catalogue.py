"""The measure catalogue page: search and filters by type, high priority, method, topped out."""

import pytest

from scoring.models import Benchmark, Measure

pytestmark = pytest.mark.django_db


def listing(client, query=""):
    return client.get(f"/scoring/measures/{query}").content.decode()


def test_the_catalogue_lists_every_measure_with_its_count(client, readonly_pat, reference):
    client.force_login(readonly_pat)
    page = listing(client)
    assert f"{Measure.objects.count()} measures" in page
    assert "qpp-measures-data" in page


@pytest.mark.parametrize(("query", "check"), [
    ("?measure_type=patientEngagementExperience",
     lambda qs: qs.filter(measure_type="patientEngagementExperience")),
    ("?high_priority=yes", lambda qs: qs.filter(is_high_priority=True)),
    ("?high_priority=no", lambda qs: qs.filter(is_high_priority=False)),
    ("?submission_method=cmsWebInterface",
     lambda qs: qs.filter(methods__submission_method="cmsWebInterface")),
    ("?topped_out=yes",
     lambda qs: qs.filter(pk__in=Benchmark.objects.filter(is_topped_out=True)
                          .values("measure_id"))),
    ("?q=blood+pressure", lambda qs: qs.filter(title__icontains="blood pressure")),
])
def test_each_filter_narrows_the_list(client, cor_bob, reference, query, check):
    client.force_login(cor_bob)
    expected = check(Measure.objects.all()).distinct().count()
    assert 0 < expected < Measure.objects.count()
    assert f">{expected} measure" in listing(client, query)


def test_bad_filter_values_are_ignored_not_a_500(client, cor_bob, reference):
    client.force_login(cor_bob)
    response = client.get("/scoring/measures/?submission_method=fax&high_priority=maybe&page=x")
    assert response.status_code == 200


def test_a_measure_page_shows_its_deciles_per_submission_method(client, cor_bob, reference):
    client.force_login(cor_bob)
    page = client.get("/scoring/measures/047/").content.decode()
    assert "Advance Care Plan" in page and "MIPS CQM / QCDR (registry)" in page
    assert "<td>10</td>" in page  # deciles 2-10 are listed
    page = client.get("/scoring/measures/458/").content.decode()
    assert "No 2020 benchmark" in page
    assert client.get("/scoring/measures/9999/").status_code == 404


def test_an_empty_catalogue_says_how_to_load_it(client, cor_bob):
    client.force_login(cor_bob)
    assert "manage.py load_qpp_reference" in listing(client)
