"""QIO Connect pages: each renders for its roles, refuses those without QIO Connect, and never
answers 500 on bad input; the forms and buttons drive the services."""

import pytest
from django.utils import timezone

from qio_connect import services
from qio_connect.models import Event, Group, LibraryItem, Post
from qis_portal.home import panels_for
from qis_portal.navigation import nav_for

pytestmark = pytest.mark.django_db


def test_the_nav_item_shows_for_qio_cms_and_nlc_users_only(associate_ann, cor_bob, nlc_nia,
                                                           issuer_alice, outsider_charlie):
    for user in (associate_ann, cor_bob, nlc_nia):
        assert "QIO Connect" in [item["label"] for item in nav_for(user)]
    for user in (issuer_alice, outsider_charlie):
        assert "QIO Connect" not in [item["label"] for item in nav_for(user)]


def test_home_panels_by_role(rf, associate_ann, admin_dee, library, make_event):
    library.draft(associate_ann)
    make_event(associate_ann, approve=False)

    def titles(user):
        request = rf.get("/")
        request.user = user
        return {panel["title"]: panel for panel in panels_for(request)}

    assert "QIO Connect" in titles(associate_ann)
    assert "QIO Connect approvals" not in titles(associate_ann)
    review = titles(admin_dee)["QIO Connect approvals"]
    assert (review["connect_drafts"], review["connect_pending_events"]) == (1, 1)


def test_the_home_page_shows_the_panel(client, associate_ann, library, admin_dee):
    library.published(associate_ann, title="Falls toolkit")
    client.force_login(associate_ann)
    page = client.get("/").content.decode()
    assert "QIO Connect" in page and "Falls toolkit" in page


@pytest.fixture
def world(associate_ann, associate_wes, admin_dee, cor_bob, library, public_group, make_event,
          community_ne, northeast_qio):
    item = library.published(associate_ann, title="Falls toolkit")
    draft = library.draft(associate_wes, title="Sepsis draft")
    post = services.post_create(actor=associate_ann, group=public_group, body="Question?")
    services.post_create(actor=associate_wes, group=public_group, parent=post, body="Answer")
    event = make_event(associate_ann)
    private_event = make_event(associate_ann, group=community_ne, title="Team huddle")
    announcement = services.announcement_send(actor=cor_bob, title="Hello", body="World",
                                              to_all=True)
    return {"item": item, "draft": draft, "post": post, "event": event, "group": public_group,
            "private_event": private_event, "announcement": announcement,
            "community": community_ne}


def pages(w) -> list[str]:
    return [
        "/connect/", "/connect/library/", "/connect/library/?q=falls&kind=article",
        "/connect/library/new/", "/connect/library/mine/", f"/connect/library/{w['item'].pk}/",
        "/connect/groups/", "/connect/groups/new/", f"/connect/groups/{w['group'].pk}/",
        f"/connect/groups/{w['community'].pk}/", f"/connect/posts/{w['post'].pk}/",
        "/connect/events/", "/connect/events/upcoming/", "/connect/events/new/",
        "/connect/events/review/", f"/connect/events/{w['event'].pk}/",
        f"/connect/events/{w['private_event'].pk}/", "/connect/announcements/",
        f"/connect/announcements/{w['announcement'].pk}/",
    ]


def test_every_page_renders_for_an_associate(client, world, associate_ann):
    client.force_login(associate_ann)
    for url in pages(world):
        assert client.get(url).status_code == 200, url


def test_the_moderator_pages_render_for_the_delegated_administrator(client, world, admin_dee):
    client.force_login(admin_dee)
    for url in [*pages(world), "/connect/library/review/", "/connect/reports/",
                f"/connect/library/{world['draft'].pk}/",
                f"/connect/library/{world['item'].pk}/edit/",
                f"/connect/library/{world['item'].pk}/engagement/",
                f"/connect/library/{world['item'].pk}/delete/",
                f"/connect/groups/{world['group'].pk}/edit/",
                f"/connect/events/{world['event'].pk}/edit/",
                "/connect/announcements/new/", "/connect/groups/channels/new/"]:
        assert client.get(url).status_code == 200, url


def test_someone_without_qio_connect_is_refused_everywhere(client, world, issuer_alice):
    client.force_login(issuer_alice)
    for url in pages(world):
        assert client.get(url).status_code in (403, 404), url


def test_associates_are_refused_the_moderator_pages(client, world, associate_ann):
    client.force_login(associate_ann)
    for url in ("/connect/library/review/", "/connect/reports/", "/connect/announcements/new/",
                "/connect/groups/channels/new/", f"/connect/groups/{world['group'].pk}/edit/"):
        assert client.get(url).status_code == 403, url
    assert client.get(f"/connect/library/{world['draft'].pk}/").status_code == 404


def test_another_qios_private_pages_answer_404(client, world, associate_wes):
    client.force_login(associate_wes)
    for url in (f"/connect/groups/{world['community'].pk}/",
                f"/connect/events/{world['private_event'].pk}/"):
        assert client.get(url).status_code == 404, url
    # The month both events fall in (three days from now may be next month).
    starts = timezone.localtime(world["event"].starts_at)
    page = client.get(f"/connect/events/?year={starts.year}&month={starts.month}")
    page = page.content.decode()
    assert "Team huddle" not in page and "Infection control webinar" in page


def test_submitting_an_article_through_the_form(client, associate_ann, topic):
    client.force_login(associate_ann)
    response = client.post("/connect/library/new/", {
        "kind": "article", "title": "Huddles", "body": "Text", "audience": "public",
        "category": topic.pk, "status": "published"})
    item = LibraryItem.objects.get()
    assert response["Location"] == f"/connect/library/{item.pk}/"
    assert item.status == LibraryItem.Status.DRAFT
    response = client.post("/connect/library/new/", {"kind": "article", "title": "No body",
                                                     "audience": "public"})
    assert "Write the article." in response.content.decode()


def test_approve_and_reject_buttons_and_a_conflict_message(client, world, admin_dee):
    draft = world["draft"]
    client.force_login(admin_dee)
    assert client.post(f"/connect/library/{draft.pk}/reject/", {}).status_code == 302
    response = client.post(f"/connect/library/{draft.pk}/approve/", {"note": "ok"}, follow=True)
    assert "Published." in response.content.decode()
    response = client.post(f"/connect/library/{draft.pk}/approve/", {}, follow=True)
    assert "Cannot approve: the library item is published." in response.content.decode()


def test_the_author_edits_deletes_and_resubmits_through_pages(client, associate_ann, admin_dee,
                                                              library):
    item = library.published(associate_ann)
    client.force_login(associate_ann)
    response = client.post(f"/connect/library/{item.pk}/edit/", {
        "title": "Falls v2", "summary": "", "body": "Text", "audience": "public"}, follow=True)
    assert "back to the NLC for approval" in response.content.decode()
    services.library_item_reject(actor=admin_dee, item=LibraryItem.objects.get(pk=item.pk),
                                 reason="Add a source")
    client.post(f"/connect/library/{item.pk}/resubmit/")
    assert LibraryItem.objects.get(pk=item.pk).status == LibraryItem.Status.DRAFT
    client.post(f"/connect/library/{item.pk}/delete/")
    assert not LibraryItem.objects.filter(pk=item.pk).exists()


def test_a_reaction_by_htmx_returns_just_the_buttons(client, world, associate_wes):
    client.force_login(associate_wes)
    response = client.post(f"/connect/library/{world['item'].pk}/react/", {"kind": "like"},
                           HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.strip().startswith("<form") and 'aria-pressed="true"' in html
    response = client.post(f"/connect/posts/{world['post'].pk}/react/", {"kind": "nope"})
    assert response.status_code == 302


def test_posting_replying_and_editing_through_pages(client, world, associate_wes):
    group, post = world["group"], world["post"]
    client.force_login(associate_wes)
    client.post(f"/connect/groups/{group.pk}/posts/", {"body": "New thread"})
    assert Post.objects.filter(body="New thread", author=associate_wes).exists()
    client.post(f"/connect/posts/{post.pk}/reply/", {"body": "Me too"})
    reply = Post.objects.get(body="Me too")
    assert reply.parent == post
    assert client.get(f"/connect/posts/{reply.pk}/edit/").status_code == 200
    client.post(f"/connect/posts/{reply.pk}/edit/", {"body": "Me three"})
    reply.refresh_from_db()
    assert reply.body == "Me three"
    response = client.get(f"/connect/posts/{reply.pk}/")
    assert response.status_code == 302 and response["Location"].endswith(f"#post-{reply.pk}")
    client.post(f"/connect/groups/{group.pk}/posts/", {"body": ""})
    client.post(f"/connect/posts/{reply.pk}/delete/")
    assert not Post.objects.filter(pk=reply.pk).exists()


def test_creating_a_group_and_opening_a_channel_through_pages(client, associate_ann, cor_bob,
                                                               northeast_qio):
    client.force_login(associate_ann)
    client.post("/connect/groups/new/", {"name": "Champions", "visibility": "private"})
    group = Group.objects.get(name="Champions")
    client.post(f"/connect/groups/{group.pk}/members/", {"email": cor_bob.email})
    assert group.memberships.filter(user=cor_bob).exists()
    response = client.post(f"/connect/groups/{group.pk}/members/", {"email": "no@one.test"},
                           follow=True)
    assert "No QIO Connect user" in response.content.decode()
    client.force_login(cor_bob)
    client.post("/connect/groups/channels/new/", {"organization": northeast_qio.pk})
    assert Group.objects.filter(kind=Group.Kind.CHANNEL, organization=northeast_qio).exists()


def test_submitting_approving_and_subscribing_to_an_event_through_pages(client, associate_ann,
                                                                        admin_dee,
                                                                        associate_wes):
    start = timezone.localtime() + timezone.timedelta(days=5)
    client.force_login(associate_ann)
    client.post("/connect/events/new/", {
        "title": "Webinar", "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timezone.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")})
    event = Event.objects.get()
    assert event.status == Event.Status.PENDING
    client.force_login(admin_dee)
    client.post(f"/connect/events/{event.pk}/approve/", {"note": ""})
    client.force_login(associate_wes)
    client.post(f"/connect/events/{event.pk}/subscriptions/", {"kind": "follow"})
    assert event.subscriptions.filter(user=associate_wes, kind="follow").exists()
    response = client.post(f"/connect/events/{event.pk}/feedback/", {"rating": "5"},
                           follow=True)
    assert "Feedback opens when the event starts." in response.content.decode()


def test_the_month_calendar_is_a_table_with_a_caption_and_column_headers(client, world,
                                                                         associate_ann):
    client.force_login(associate_ann)
    start = timezone.localtime(world["event"].starts_at)
    html = client.get("/connect/events/", {"year": start.year, "month": start.month}).content \
        .decode()
    assert "<caption>" in html and html.count('<th scope="col">') == 7
    assert "Infection control webinar" in html and 'abbr title="Sunday"' in html


@pytest.mark.parametrize("params", [
    {"year": "abc"}, {"month": "13"}, {"year": "99999"}, {"calendar": "999999"},
    {"calendar": "<script>"}, {"year": "2100", "month": "12"}, {"year": "1900", "month": "1"},
])
def test_the_calendar_never_answers_500_on_bad_input(client, associate_ann, params):
    client.force_login(associate_ann)
    assert client.get("/connect/events/", params).status_code == 200


def test_missing_objects_answer_404(client, associate_ann):
    client.force_login(associate_ann)
    for url in ("/connect/library/999999/", "/connect/groups/999999/", "/connect/posts/999999/",
                "/connect/events/999999/", "/connect/announcements/999999/",
                "/connect/library/999999/download/"):
        assert client.get(url).status_code == 404, url
