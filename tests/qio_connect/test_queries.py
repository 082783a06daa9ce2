"""The busiest pages read in a fixed number of queries, however much content there is."""

import pytest

from qio_connect import services

pytestmark = pytest.mark.django_db


def test_the_library_search_page_does_not_grow_with_the_results(
        client, associate_ann, associate_wes, library, topic, tag,
        django_assert_max_num_queries):
    for n in range(12):
        library.published(associate_ann, title=f"Sepsis note {n}", category=topic, tags=[tag])
    client.force_login(associate_wes)
    with django_assert_max_num_queries(20):
        assert client.get("/connect/library/", {"q": "sepsis"}).status_code == 200


def test_the_calendar_and_group_pages_do_not_grow_with_the_events_and_posts(
        client, associate_ann, make_event, public_group, django_assert_max_num_queries):
    for n in range(10):
        make_event(associate_ann, title=f"Webinar {n}", days=2 + n % 3)
        services.post_create(actor=associate_ann, group=public_group, body=f"Post {n}")
    client.force_login(associate_ann)
    with django_assert_max_num_queries(20):
        assert client.get("/connect/events/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(f"/connect/groups/{public_group.pk}/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/connect/groups/").status_code == 200
