"""The QIO Connect REST API (/api/connect/): the same scope as the pages (another QIO's private
row answers 404), cursor pagination, updated_since, status never taken from a body, and an
illegal workflow step answers 409."""

from datetime import timedelta

import pytest
from django.utils import timezone

from qio_connect import services
from qio_connect.models import Event, LibraryItem

from . import files
from .conftest import soon

pytestmark = pytest.mark.django_db


def test_a_signed_out_client_and_an_issuer_are_refused(api_client, issuer_alice):
    assert api_client.get("/api/connect/library-items/").status_code in (401, 403)
    api_client.force_authenticate(issuer_alice)
    for url in ("/api/connect/library-items/", "/api/connect/groups/", "/api/connect/posts/",
                "/api/connect/events/"):
        assert api_client.get(url).status_code == 403


def test_a_created_item_is_a_draft_whatever_the_body_says(api_client, associate_ann, topic,
                                                          tag):
    api_client.force_authenticate(associate_ann)
    response = api_client.post("/api/connect/library-items/", {
        "kind": "article", "title": "Falls", "body": "Text", "status": "published",
        "author": 999, "organization": "Other", "category": topic.pk, "tags": [tag.pk]},
        format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["author_id"]) == ("draft", associate_ann.pk)
    assert body["category"] == topic.name and body["tags"] == [tag.name]


def test_a_document_is_uploaded_as_multipart(api_client, associate_ann):
    api_client.force_authenticate(associate_ann)
    response = api_client.post("/api/connect/library-items/", {
        "kind": "document", "title": "Guide", "file": files.pdf()}, format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["download_url"].endswith("/download/")
    bad = api_client.post("/api/connect/library-items/", {
        "kind": "document", "title": "Guide", "file": files.pdf("x.exe")}, format="multipart")
    assert bad.status_code == 400 and "file" in bad.json()["error"]["fields"]


def test_an_unknown_kind_is_a_400(api_client, associate_ann):
    api_client.force_authenticate(associate_ann)
    response = api_client.post("/api/connect/library-items/", {"kind": "podcast", "title": "x"},
                               format="json")
    assert response.status_code == 400


def test_approval_through_the_api_and_409_on_an_illegal_step(api_client, associate_ann,
                                                             admin_dee, library):
    item = library.draft(associate_ann)
    api_client.force_authenticate(associate_ann)
    assert api_client.post(f"/api/connect/library-items/{item.pk}/approve/",
                           {}).status_code == 403
    api_client.force_authenticate(admin_dee)
    response = api_client.post(f"/api/connect/library-items/{item.pk}/approve/",
                               {"note": "ok"}, format="json")
    assert response.json()["status"] == "published"
    again = api_client.post(f"/api/connect/library-items/{item.pk}/reject/",
                            {"reason": "x"}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"


def test_a_patch_cannot_change_the_status(api_client, associate_ann, admin_dee, library):
    item = library.draft(associate_ann)
    api_client.force_authenticate(admin_dee)
    response = api_client.patch(f"/api/connect/library-items/{item.pk}/",
                                {"title": "Better", "status": "published"}, format="json")
    assert response.status_code == 200
    assert (response.json()["title"], response.json()["status"]) == ("Better", "draft")


def test_an_author_deletes_through_the_api(api_client, associate_ann, associate_wes, library):
    item = library.published(associate_ann)
    api_client.force_authenticate(associate_wes)
    assert api_client.delete(f"/api/connect/library-items/{item.pk}/").status_code == 403
    api_client.force_authenticate(associate_ann)
    assert api_client.delete(f"/api/connect/library-items/{item.pk}/").status_code == 204
    assert not LibraryItem.objects.filter(pk=item.pk).exists()


def test_the_list_is_scoped_searchable_and_cursor_paginated(api_client, associate_ann,
                                                            associate_wes, library):
    library.published(associate_ann, title="Sepsis one")
    library.published(associate_ann, title="Sepsis two")
    hidden = library.published(associate_ann, title="Sepsis private",
                               audience=LibraryItem.Audience.ORGANIZATION)
    library.draft(associate_ann, title="Sepsis draft")
    api_client.force_authenticate(associate_wes)
    first = api_client.get("/api/connect/library-items/", {"page_size": 1, "q": "sepsis"})
    body = first.json()
    assert len(body["results"]) == 1 and body["next"]
    second = api_client.get(body["next"]).json()
    titles = {body["results"][0]["title"], second["results"][0]["title"]}
    assert titles == {"Sepsis one", "Sepsis two"} and second["next"] is None
    assert api_client.get(f"/api/connect/library-items/{hidden.pk}/").status_code == 404


def test_updated_since_filters_and_rejects_garbage(api_client, associate_ann, library):
    item = library.published(associate_ann)
    LibraryItem.objects.filter(pk=item.pk).update(updated_at=timezone.now() - timedelta(days=3))
    fresh = library.published(associate_ann, title="Fresh")
    api_client.force_authenticate(associate_ann)
    since = (timezone.now() - timedelta(days=1)).isoformat()
    ids = [r["id"] for r in api_client.get("/api/connect/library-items/",
                                           {"updated_since": since}).json()["results"]]
    assert ids == [fresh.pk]
    assert api_client.get("/api/connect/library-items/",
                          {"updated_since": "soon"}).status_code == 400
    assert api_client.get("/api/connect/events/", {"updated_since": "x"}).status_code == 400


def test_reactions_and_change_requests_through_the_api(api_client, associate_ann,
                                                       associate_wes, library):
    item = library.published(associate_ann)
    api_client.force_authenticate(associate_wes)
    response = api_client.post(f"/api/connect/library-items/{item.pk}/react/",
                               {"kind": "insightful"}, format="json")
    assert response.json() == {"on": True, "counts": {"like": 0, "love": 0, "celebrate": 0,
                                                       "insightful": 1, "thanks": 0}}
    assert api_client.post(f"/api/connect/library-items/{item.pk}/react/", {"kind": "meh"},
                           format="json").status_code == 400
    response = api_client.post(f"/api/connect/library-items/{item.pk}/change-requests/",
                               {"body": "Update the link"}, format="json")
    assert response.status_code == 201 and response.json()["status"] == "open"


def test_groups_and_posts_through_the_api(api_client, associate_ann, associate_wes,
                                          community_ne):
    api_client.force_authenticate(associate_ann)
    response = api_client.post("/api/connect/groups/", {
        "name": "Sepsis champions", "visibility": "public", "kind": "channel",
        "organization": 999}, format="json")
    assert response.status_code == 201
    group = response.json()
    assert (group["kind"], group["visibility"]) == ("group", "public")
    post = api_client.post("/api/connect/posts/", {"group": community_ne.pk, "body": "Hi team"},
                           format="json")
    assert post.status_code == 201
    reply = api_client.post("/api/connect/posts/", {"group": community_ne.pk, "body": "Yes",
                                                    "parent": post.json()["id"]}, format="json")
    assert reply.json()["parent_id"] == post.json()["id"]
    listed = api_client.get("/api/connect/posts/", {"group": community_ne.pk}).json()
    assert len(listed["results"]) == 2
    api_client.force_authenticate(associate_wes)
    assert api_client.get(f"/api/connect/posts/{post.json()['id']}/").status_code == 404
    assert api_client.get("/api/connect/posts/").json()["results"] == []
    joined = api_client.post(f"/api/connect/groups/{group['id']}/join/")
    assert joined.status_code == 200
    assert api_client.patch(f"/api/connect/groups/{group['id']}/", {"name": "Mine"},
                            format="json").status_code == 403


def test_events_through_the_api(api_client, associate_ann, admin_dee, associate_wes):
    start, end = soon()
    api_client.force_authenticate(associate_ann)
    response = api_client.post("/api/connect/events/", {
        "title": "Webinar", "starts_at": start.isoformat(), "ends_at": end.isoformat(),
        "status": "approved", "publish": True}, format="json")
    assert response.status_code == 201
    event = response.json()
    assert (event["status"], event["calendar"]) == ("pending", None)
    api_client.force_authenticate(admin_dee)
    assert api_client.post(f"/api/connect/events/{event['id']}/approve/", {},
                           format="json").json()["status"] == "approved"
    assert api_client.post(f"/api/connect/events/{event['id']}/approve/", {},
                           format="json").status_code == 409
    api_client.force_authenticate(associate_wes)
    toggled = api_client.post(f"/api/connect/events/{event['id']}/subscriptions/",
                              {"kind": "subscribe"}, format="json")
    assert toggled.json() == {"on": True}
    early = api_client.post(f"/api/connect/events/{event['id']}/feedback/", {"rating": 5},
                            format="json")
    assert early.status_code == 400
    Event.objects.filter(pk=event["id"]).update(starts_at=timezone.now() - timedelta(hours=1))
    given = api_client.post(f"/api/connect/events/{event['id']}/feedback/",
                            {"rating": 4, "comment": "Useful"}, format="json")
    assert given.json() == {"rating": 4, "comment": "Useful"}
    listed = api_client.get("/api/connect/events/", {"calendar": "public"}).json()["results"]
    assert [e["id"] for e in listed] == [event["id"]]


def test_an_event_on_another_qios_calendar_is_refused(api_client, associate_wes, community_ne):
    start, end = soon()
    api_client.force_authenticate(associate_wes)
    response = api_client.post("/api/connect/events/", {
        "title": "Sneaky", "starts_at": start.isoformat(), "ends_at": end.isoformat(),
        "calendar": community_ne.pk}, format="json")
    assert response.status_code == 400


def test_a_refusal_in_the_api_is_audited(api_client, associate_ann, associate_wes, library):
    from qis_portal.models import AuditEvent

    item = library.draft(associate_ann)
    services.library_item_reject(actor=library.moderator, item=item, reason="x")
    api_client.force_authenticate(associate_wes)
    assert api_client.post(f"/api/connect/library-items/{item.pk}/resubmit/").status_code == 404
    api_client.force_authenticate(associate_ann)
    published = library.published(associate_ann, title="Other")
    api_client.force_authenticate(associate_wes)
    assert api_client.patch(f"/api/connect/library-items/{published.pk}/", {"title": "x"},
                            format="json").status_code == 403
    assert AuditEvent.objects.filter(outcome="denied").exists()
