"""The header search (issue 18, item 4): by name or number, grouped by kind, each kind scoped
like its own list; full-text search on PostgreSQL, a plain substring match on SQLite."""

import pytest
from django.db import connection
from django.urls import reverse

from qio_program.models import Provider
from qio_program.services.tasks import task_create
from qis_portal import search
from qis_portal.regions import Region
from tests.qio_program.factories import ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def providers(db):
    return {
        "maple": ProviderFactory(name="Maple Grove Nursing and Rehabilitation", ccn="205123",
                                 tin="123456789", npi="1234567893"),
        "harbor": ProviderFactory(name="Harbor View Care Center", ccn="205124"),
        "riverside": ProviderFactory(name="Riverside Community Hospital", ccn="050329",
                                     region=Region.WEST, state="CA"),
    }


def kinds(user, q):
    return {group.kind: [hit.title for hit in group.hits] for group in search.search_for(user, q)}


def test_a_provider_is_found_by_the_start_of_a_word_of_its_name(associate_ann, providers):
    assert kinds(associate_ann, "grove rehab") == {
        "Providers": ["Maple Grove Nursing and Rehabilitation"]}


@pytest.mark.parametrize("number", ["205123", "123456789", "12-3456789", "1234567893"])
def test_a_provider_is_found_by_its_ccn_tin_or_npi(associate_ann, providers, number):
    assert kinds(associate_ann, number)["Providers"] == [
        "Maple Grove Nursing and Rehabilitation"]


def test_another_regions_provider_is_not_found(associate_ann, associate_wes, providers):
    assert kinds(associate_ann, "Riverside") == {}
    assert kinds(associate_wes, "Riverside") == {"Providers": ["Riverside Community Hospital"]}


def test_a_task_is_found_by_subject_or_number_in_its_qio_only(associate_ann, associate_wes,
                                                              northeast_qio):
    task = task_create(qio=northeast_qio, subject="Prepare for the QAP meeting with Harbor View")
    assert kinds(associate_ann, "QAP meeting")["Tasks"] == [f"Task #{task.pk}: {task.subject}"]
    assert kinds(associate_ann, f"#{task.pk}")["Tasks"] == [f"Task #{task.pk}: {task.subject}"]
    assert kinds(associate_wes, f"#{task.pk}") == {}
    assert kinds(associate_wes, "QAP meeting") == {}


def test_a_cms_user_without_a_basket_gets_no_tasks(cor_bob, northeast_qio, providers):
    task_create(qio=northeast_qio, subject="Harbor View follow-up")
    assert kinds(cor_bob, "Harbor View") == {"Providers": ["Harbor View Care Center"]}


def test_the_sqlite_fallback_matches_each_word_as_a_substring(monkeypatch, associate_ann,
                                                              providers):
    monkeypatch.setattr(search, "uses_full_text", lambda: False)
    assert kinds(associate_ann, "rove abil") == {
        "Providers": ["Maple Grove Nursing and Rehabilitation"]}
    assert kinds(associate_ann, "Riverside") == {}


def test_words_are_tokens_not_query_syntax(associate_ann, providers):
    assert kinds(associate_ann, "maple & !grove | ':*") == {
        "Providers": ["Maple Grove Nursing and Rehabilitation"]}


def test_each_kind_shows_ten_and_says_there_are_more(associate_ann):
    for n in range(12):
        ProviderFactory(name=f"Lakeside Home {n:02d}")
    [group] = search.search_for(associate_ann, "Lakeside")
    assert (len(group.hits), group.more) == (10, True)
    assert group.list_url == reverse("qio_program:provider_list") + "?q=Lakeside"


def test_the_results_page_groups_by_kind_in_constant_queries(client, associate_ann, providers,
                                                              northeast_qio,
                                                              django_assert_max_num_queries):
    for n in range(30):
        task_create(qio=northeast_qio, subject=f"Harbor View visit {n}")
    client.force_login(associate_ann)
    with django_assert_max_num_queries(16):
        body = client.get(reverse("search"), {"q": "Harbor"}).content.decode()
    assert '<h2 id="search-kind-1">Providers' in body and '<h2 id="search-kind-2">Tasks' in body
    assert "Harbor View Care Center" in body and "11 results for “Harbor”" in body


def test_an_empty_search_finds_nothing_and_says_so(client, associate_ann, providers):
    client.force_login(associate_ann)
    assert "Nothing you may see matches “zzqx”." in client.get(
        reverse("search"), {"q": "zzqx"}).content.decode()
    assert search.search_for(associate_ann, "   ") == []


@pytest.mark.postgres
def test_postgresql_reads_the_name_index(associate_ann, providers):
    rows = search.text_match(Provider.objects.order_by(), "maple", ("name",))
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "qio_provider_name_fts" in plan
