"""Article approval (seed 001, QIO Connect, Library): a candidate enters Draft; the NLC or the
Delegated Administrator approves, rejects or edits it before it is published; authors edit and
delete their own."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qio_connect import services
from qio_connect.models import LibraryItem
from qis_portal.models import AuditEvent, Notification
from qis_portal.workflow import WorkflowConflict

pytestmark = pytest.mark.django_db


def test_a_submitted_article_enters_draft_with_who_and_when(
        associate_ann, admin_dee, library, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = library.draft(associate_ann)
    assert item.status == LibraryItem.Status.DRAFT
    assert item.author == associate_ann and item.organization == associate_ann.organization
    assert item.submitted_at is not None and item.published_at is None
    assert Notification.objects.filter(recipient=admin_dee,
                                       kind="connect.article_submitted").count() == 1


def test_the_nlc_approves_and_the_item_gets_its_publish_date(
        associate_ann, nlc_nia, library, django_capture_on_commit_callbacks):
    item = library.draft(associate_ann)
    with django_capture_on_commit_callbacks(execute=True):
        item = services.library_item_approve(actor=nlc_nia, item=item, note="Great")
    assert item.status == LibraryItem.Status.PUBLISHED
    assert item.published_at is not None and item.decided_by == nlc_nia
    assert AuditEvent.objects.filter(action="libraryitem.approve", to_state="published").exists()
    assert Notification.objects.filter(recipient=associate_ann,
                                       kind="connect.article_decision").exists()


def test_an_associate_cannot_approve(associate_ann, associate_wes, library):
    item = library.draft(associate_ann)
    with pytest.raises(PermissionDenied):
        services.library_item_approve(actor=associate_wes, item=item)
    item.refresh_from_db()
    assert item.status == LibraryItem.Status.DRAFT


def test_approving_a_published_item_again_is_a_conflict(associate_ann, admin_dee, library):
    item = library.published(associate_ann)
    with pytest.raises(WorkflowConflict):
        services.library_item_approve(actor=admin_dee, item=item)


def test_a_rejection_needs_a_reason_and_the_author_resubmits(associate_ann, admin_dee, library):
    item = library.draft(associate_ann)
    with pytest.raises(ValidationError):
        services.library_item_reject(actor=admin_dee, item=item, reason=" ")
    item = services.library_item_reject(actor=admin_dee, item=item, reason="Add sources")
    assert (item.status, item.decision_note) == (LibraryItem.Status.REJECTED, "Add sources")
    item = services.library_item_resubmit(actor=associate_ann, item=item)
    assert item.status == LibraryItem.Status.DRAFT


def test_only_the_author_resubmits(associate_ann, associate_ned, admin_dee, library):
    item = services.library_item_reject(actor=admin_dee, item=library.draft(associate_ann),
                                        reason="No")
    with pytest.raises(PermissionDenied):
        services.library_item_resubmit(actor=associate_ned, item=item)


def test_the_status_cannot_be_assigned_directly(associate_ann, library):
    item = library.draft(associate_ann)
    with pytest.raises(AttributeError):
        item.status = LibraryItem.Status.PUBLISHED


def test_an_authors_edit_of_published_content_goes_back_to_draft(
        associate_ann, library, django_capture_on_commit_callbacks):
    item = library.published(associate_ann)
    published_at = item.published_at
    item = services.library_item_update(actor=associate_ann, item=item, title="Falls, revised")
    assert (item.status, item.title) == (LibraryItem.Status.DRAFT, "Falls, revised")
    assert item.published_at == published_at


def test_a_moderators_edit_keeps_the_item_published_and_tells_the_author(
        associate_ann, nlc_nia, library, django_capture_on_commit_callbacks):
    item = library.published(associate_ann)
    with django_capture_on_commit_callbacks(execute=True):
        item = services.library_item_update(actor=nlc_nia, item=item, summary="Shorter")
    assert item.status == LibraryItem.Status.PUBLISHED and item.summary == "Shorter"
    note = Notification.objects.get(recipient=associate_ann, kind="connect.article_decision")
    assert "edited" in note.title
    assert AuditEvent.objects.filter(action="libraryitem.edit",
                                     details__fields=["summary"]).exists()


def test_someone_else_cannot_edit_or_delete_an_item(associate_ann, associate_ned, library):
    item = library.published(associate_ann)
    with pytest.raises(PermissionDenied):
        services.library_item_update(actor=associate_ned, item=item, title="Mine now")
    with pytest.raises(PermissionDenied):
        services.library_item_delete(actor=associate_ned, item=item)


def test_an_author_deletes_their_own_item_and_the_deletion_is_audited(associate_ann, library):
    item = library.published(associate_ann)
    services.library_item_delete(actor=associate_ann, item=item)
    assert not LibraryItem.objects.filter(pk=item.pk).exists()
    assert AuditEvent.objects.filter(action="libraryitem.delete", target_id=str(item.pk)).exists()


def test_a_moderator_deletes_any_item(associate_ann, nlc_nia, library):
    item = library.published(associate_ann)
    services.library_item_delete(actor=nlc_nia, item=item)
    assert not LibraryItem.objects.filter(pk=item.pk).exists()


def test_a_moderator_may_publish_their_own_content_at_once(nlc_nia):
    item = services.library_item_create(actor=nlc_nia, kind="article", title="FAQ",
                                        body="Questions", publish=True)
    assert item.status == LibraryItem.Status.PUBLISHED


def test_publish_now_is_ignored_for_an_associate(associate_ann):
    item = services.library_item_create(actor=associate_ann, kind="article", title="FAQ",
                                        body="Questions", publish=True)
    assert item.status == LibraryItem.Status.DRAFT


@pytest.mark.parametrize("kind, fields, field", [
    ("article", {"body": ""}, "body"),
    ("link", {"external_url": ""}, "external_url"),
    ("link", {"external_url": "javascript:alert(1)"}, "external_url"),
    ("document", {}, "file"),
    ("video", {}, "file"),
    ("podcast", {}, "kind"),
])
def test_each_kind_needs_its_content(associate_ann, kind, fields, field):
    with pytest.raises(ValidationError) as exc:
        services.library_item_create(actor=associate_ann, kind=kind, title="T", **fields)
    assert field in exc.value.message_dict


def test_a_link_keeps_its_original_publish_date_and_an_article_does_not(associate_ann):
    from datetime import date

    link = services.library_item_create(
        actor=associate_ann, kind="link", title="CDC", external_url="https://www.cdc.gov/",
        original_published_on=date(2024, 5, 1))
    assert link.original_published_on == date(2024, 5, 1)
    article = services.library_item_create(
        actor=associate_ann, kind="article", title="A", body="B",
        original_published_on=date(2024, 5, 1), external_url="https://x.test/")
    assert article.original_published_on is None and article.external_url == ""


def test_someone_without_a_connect_role_cannot_submit(issuer_alice, outsider_charlie):
    for user in (issuer_alice, outsider_charlie):
        with pytest.raises(PermissionDenied):
            services.library_item_create(actor=user, kind="article", title="T", body="B")


def test_a_title_over_200_characters_is_refused(associate_ann):
    with pytest.raises(ValidationError):
        services.library_item_create(actor=associate_ann, kind="article", title="x" * 201,
                                     body="B")
