"""Library search by keyword, topic, tag, QIO and author (seed 001: "Can search using keywords,
topic, QIO, name, etc."): PostgreSQL full-text search on PostgreSQL, a substring match on
SQLite — both answer the same questions."""

import pytest

from qio_connect.models import LibraryItem, SearchLog
from qio_connect.selectors import library as library_selectors
from qio_connect.selectors.library import LibraryFilters, library_search

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", "substring"])
def engine(request, monkeypatch):
    """Run each search test with the database's own engine and with the SQLite fallback."""
    if request.param == "substring":
        monkeypatch.setattr(library_selectors, "uses_full_text", lambda: False)
    return request.param


@pytest.fixture
def shelf(associate_ann, associate_wes, library, topic, tag):
    sepsis = library.published(associate_wes, title="Sepsis screening in rural hospitals",
                               body="Early warning scores catch deterioration.",
                               category=topic, tags=[tag])
    falls = library.published(associate_ann, title="Falls prevention huddles",
                              body="Huddles at shift change reduce falls.")
    draft = library.draft(associate_ann, title="Sepsis draft not yet approved")
    private = library.published(associate_ann, title="Sepsis plan for our team",
                                audience=LibraryItem.Audience.ORGANIZATION)
    return {"sepsis": sepsis, "falls": falls, "draft": draft, "private": private}


def ids(user, **filters):
    return {item.pk for item in library_search(user, LibraryFilters(**filters))}


def test_a_keyword_finds_published_items_only(engine, shelf, associate_wes):
    assert ids(associate_wes, q="sepsis") == {shelf["sepsis"].pk}


def test_a_keyword_matches_the_body_too(engine, shelf, associate_wes):
    assert ids(associate_wes, q="huddles") == {shelf["falls"].pk}


def test_own_organizations_private_items_are_found_by_its_users_only(engine, shelf,
                                                                     associate_ned,
                                                                     associate_wes):
    assert shelf["private"].pk in ids(associate_ned, q="sepsis")
    assert shelf["private"].pk not in ids(associate_wes, q="sepsis")


def test_topic_tag_qio_and_author_narrow_the_results(engine, shelf, associate_ned, topic, tag,
                                                     west_qio, northeast_qio):
    assert ids(associate_ned, category=topic.pk) == {shelf["sepsis"].pk}
    assert ids(associate_ned, tag=tag.pk) == {shelf["sepsis"].pk}
    assert ids(associate_ned, organization=west_qio.pk) == {shelf["sepsis"].pk}
    assert shelf["falls"].pk in ids(associate_ned, organization=northeast_qio.pk)
    wes = shelf["sepsis"].author
    assert ids(associate_ned, author=wes.last_name) == {shelf["sepsis"].pk}


def test_an_unknown_word_finds_nothing(engine, shelf, associate_wes):
    assert ids(associate_wes, q="zebrafish") == set()


def test_the_search_page_records_each_search_once(client, shelf, associate_wes):
    client.force_login(associate_wes)
    response = client.get("/connect/library/", {"q": "  Sepsis  "})
    assert "Sepsis screening in rural hospitals" in response.content.decode()
    log = SearchLog.objects.get()
    assert (log.normalized, log.results, log.user) == ("sepsis", 1, associate_wes)
    client.get("/connect/library/", {"q": "sepsis", "page": "2"})
    assert SearchLog.objects.count() == 1


def test_odd_search_input_never_answers_500(client, shelf, associate_wes):
    client.force_login(associate_wes)
    for params in ({"q": "x" * 500}, {"category": "abc"}, {"organization": "999999"},
                   {"q": "'\" OR 1=1 --"}, {"q": "&|!():*"}, {"kind": "nope"}, {"page": "-1"}):
        assert client.get("/connect/library/", params).status_code == 200
