"""Reports for the NLC and the Delegated Administrator (seed 001, Dashboards & Reports): views
per page, how many people read a post, search terms, engagement by QIO, as CSV with formula
cells escaped; authors see engagement on their own articles. A view is one insert."""

import csv
import io

import pytest
from django.utils import timezone

from qio_connect import services
from qio_connect.models import PageView
from qio_connect.selectors import reports
from qio_connect.selectors.reports import Period

pytestmark = pytest.mark.django_db


def test_recording_a_view_is_one_insert(associate_ann, django_assert_num_queries):
    with django_assert_num_queries(1):
        services.page_view_record(user=associate_ann, path="/connect/", label="QIO Connect")


def test_reading_an_item_counts_views_and_distinct_readers(client, associate_ann,
                                                           associate_wes, associate_ned,
                                                           library, admin_dee):
    item = library.published(associate_ann)
    for user, times in ((associate_wes, 2), (associate_ned, 1)):
        client.force_login(user)
        for _ in range(times):
            client.get(f"/connect/library/{item.pk}/")
    [row] = reports.readers_of_items(admin_dee, Period.last_days())
    assert (row["item_id"], row["views"], row["readers"]) == (item.pk, 3, 2)
    pages = {r["path"]: r for r in reports.views_per_page(Period.last_days())}
    assert pages[f"/connect/library/{item.pk}/"]["views"] == 3
    assert pages[f"/connect/library/{item.pk}/"]["visitors"] == 2


def test_readers_of_a_post_are_listed_for_the_nlc(client, associate_ann, associate_wes,
                                                  public_group, nlc_nia):
    post = services.post_create(actor=associate_ann, group=public_group, body="Question")
    client.force_login(associate_wes)
    client.get(f"/connect/posts/{post.pk}/")
    [row] = reports.readers_of_posts(nlc_nia, Period.last_days())
    assert (row["post_id"], row["readers"]) == (post.pk, 1)
    client.force_login(nlc_nia)
    page = client.get(f"/connect/posts/{post.pk}/readers/").content.decode()
    assert associate_wes.email in page
    client.force_login(associate_ann)
    assert client.get(f"/connect/posts/{post.pk}/readers/").status_code == 403


def test_search_terms_are_grouped_with_the_ones_that_found_nothing(associate_ann,
                                                                   associate_wes):
    services.search_record(user=associate_ann, terms="Sepsis", results=2)
    services.search_record(user=associate_wes, terms="  sepsis ", results=2)
    services.search_record(user=associate_wes, terms="zebrafish", results=0)
    rows = {r["normalized"]: r for r in reports.search_terms(Period.last_days())}
    assert (rows["sepsis"]["searches"], rows["sepsis"]["searchers"]) == (2, 2)
    assert rows["zebrafish"]["without_results"] == 1


def test_engagement_is_counted_by_qio(client, associate_ann, associate_wes, library,
                                      public_group, northeast_qio, west_qio):
    item = library.published(associate_ann)
    services.post_create(actor=associate_wes, group=public_group, body="Hi")
    services.reaction_toggle(actor=associate_wes, item=item, kind="like")
    client.force_login(associate_wes)
    client.get(f"/connect/library/{item.pk}/")
    rows = {r["organization"]: r for r in reports.engagement_by_qio(Period.last_days())}
    west, ne = rows[west_qio.name], rows[northeast_qio.name]
    assert (west["views"], west["posts"], west["reactions"]) == (1, 1, 1)
    assert (ne["items_submitted"], ne["items_published"]) == (1, 1)


def test_only_the_nlc_and_the_delegated_administrator_open_the_reports(client, associate_ann,
                                                                       cor_bob, admin_dee,
                                                                       nlc_nia):
    for user, code in ((associate_ann, 403), (cor_bob, 403), (admin_dee, 200), (nlc_nia, 200)):
        client.force_login(user)
        assert client.get("/connect/reports/").status_code == code
        assert client.get("/connect/reports/pages.csv").status_code == code


def test_a_csv_download_escapes_a_malicious_search_term(client, associate_ann, admin_dee):
    services.search_record(user=associate_ann, terms="=cmd|' /C calc'!A0", results=0)
    client.force_login(admin_dee)
    response = client.get("/connect/reports/searches.csv")
    assert response["Content-Disposition"].startswith('attachment; filename="qio-connect-'
                                                      'searches-')
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "Terms"
    assert rows[1][0] == "'=cmd|' /c calc'!a0"


def test_an_unknown_report_or_bad_dates_never_answer_500(client, admin_dee):
    client.force_login(admin_dee)
    assert client.get("/connect/reports/nope.csv").status_code == 404
    for params in ({"start": "yesterday"}, {"start": "2026-02-30"},
                   {"start": "2026-05-01", "end": "2020-01-01"}):
        assert client.get("/connect/reports/", params).status_code == 200
        assert client.get("/connect/reports/engagement.csv", params).status_code == 200


def test_a_period_is_inclusive_and_capped(client, admin_dee, associate_ann):
    services.page_view_record(user=associate_ann, path="/connect/", label="Home")
    today = timezone.localdate(PageView.objects.get().viewed_at)
    assert reports.views_per_page(Period(today, today))[0]["views"] == 1


def test_authors_see_engagement_on_their_own_articles_only(client, associate_ann,
                                                           associate_wes, library, admin_dee):
    item = library.published(associate_ann)
    client.force_login(associate_wes)
    client.get(f"/connect/library/{item.pk}/")
    assert client.get(f"/connect/library/{item.pk}/engagement/").status_code == 403
    client.force_login(associate_ann)
    page = client.get(f"/connect/library/{item.pk}/engagement/").content.decode()
    assert "Readers by organization" in page and associate_wes.email not in page
    mine = client.get("/connect/library/mine/")
    row = mine.context["page"].object_list[0]
    assert (row.view_count, row.reader_count) == (1, 1)
    client.force_login(admin_dee)
    page = client.get(f"/connect/library/{item.pk}/engagement/").content.decode()
    assert associate_wes.email in page
