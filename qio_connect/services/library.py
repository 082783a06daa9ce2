"""Library writes (seed 001, QIO Connect, Library): a user submits content as a candidate, it
enters Draft, and the NLC / Delegated Administrator approves, rejects or edits it before it is
published; authors edit and delete their own."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.uploads import safe_display_name, validate_upload
from qis_portal.validation import optional_text, require_text
from qis_portal.workflow import lock, require_permission, run_transition

from ..models import Category, LibraryItem, Tag
from ..uploads import (
    CAPTION_TYPES,
    CAPTIONS_MAX_BYTES,
    DOCUMENT_MAX_BYTES,
    DOCUMENT_TYPES,
    VIDEO_MAX_BYTES,
    VIDEO_TYPES,
)
from .common import moderators, url

Kind = LibraryItem.Kind
SUBMITTED_KIND = "connect.article_submitted"
DECISION_KIND = "connect.article_decision"


def _validated_url(value: str) -> str:
    link = (value or "").strip()
    if not link:
        raise ValidationError({"external_url": "Give the link to the external content."})
    try:
        URLValidator(schemes=["http", "https"])(link)
    except ValidationError as exc:
        raise ValidationError({"external_url": "Enter a full web address (https://…)."}) from exc
    if len(link) > 500:
        raise ValidationError({"external_url": "At most 500 characters."})
    return link


def _attach(item: LibraryItem, upload, captions) -> list[str]:
    """Validate and attach the files for the item's kind; return the names they replace."""
    replaced = []
    if upload is not None:
        types, cap = ((DOCUMENT_TYPES, DOCUMENT_MAX_BYTES) if item.kind == Kind.DOCUMENT
                      else (VIDEO_TYPES, VIDEO_MAX_BYTES))
        file_type = validate_upload(upload, types=types, max_bytes=cap)
        if item.file:
            replaced.append(item.file.name)
        item.file = upload
        item.original_name = safe_display_name(upload.name)
        item.content_type = file_type.content_type
        item.size = upload.size
    if captions is not None:
        validate_upload(captions, types=CAPTION_TYPES, max_bytes=CAPTIONS_MAX_BYTES,
                        field="captions")
        if item.captions:
            replaced.append(item.captions.name)
        item.captions = captions
    return replaced


def _check_content(item: LibraryItem) -> None:
    """Each content type carries what makes it readable (seed 001, Library content types)."""
    if item.kind == Kind.ARTICLE and not item.body.strip():
        raise ValidationError({"body": "Write the article."})
    if item.kind in (Kind.DOCUMENT, Kind.VIDEO) and not item.file:
        raise ValidationError({"file": "Choose the file to upload."})
    if item.kind == Kind.LINK:
        item.external_url = _validated_url(item.external_url)
        if item.original_published_on and item.original_published_on > timezone.localdate():
            raise ValidationError(
                {"original_published_on": "The original publish date cannot be in the future."})
    else:
        item.external_url = ""
        item.original_published_on = None
    if item.kind != Kind.VIDEO and item.captions:
        raise ValidationError({"captions": "Captions go with a video."})


def _set_fields(item: LibraryItem, fields: dict) -> None:
    """Apply the fields present in `fields` (a present None clears an optional one)."""
    if "title" in fields:
        item.title = require_text(fields["title"], "title", "Give a title.", 200)
    if "summary" in fields:
        item.summary = optional_text(fields["summary"], "summary", 500)
    if "body" in fields:
        item.body = optional_text(fields["body"], "body", 50000)
    if "external_url" in fields:
        item.external_url = (fields["external_url"] or "").strip()
    if "original_published_on" in fields:
        value = fields["original_published_on"]
        if value is not None and not isinstance(value, date):
            raise ValidationError({"original_published_on": "Give a date."})
        item.original_published_on = value
    if "category" in fields:
        if fields["category"] is not None and not isinstance(fields["category"], Category):
            raise ValidationError({"category": "Choose a listed topic."})
        item.category = fields["category"]
    if "audience" in fields:
        if fields["audience"] not in LibraryItem.Audience.values:
            raise ValidationError({"audience": "Choose who can read it."})
        item.audience = fields["audience"]


def _delete_files_on_commit(names: list[str]) -> None:
    if names:
        storage = LibraryItem._meta.get_field("file").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


@transaction.atomic
def library_item_create(*, actor, kind: str, title: str, summary: str = "", body: str = "",
                        upload=None, captions=None, external_url: str = "",
                        original_published_on: date | None = None,
                        category: Category | None = None, tags=(), audience: str = "public",
                        publish: bool = False, request=None) -> LibraryItem:
    """Submit a candidate: it enters Draft for the NLC. A moderator may publish at once ("Can
    the Delegated Admin also publish content? Assuming they can", seed 001)."""
    require_permission(actor, "qio_connect.add_libraryitem", action="libraryitem.submit",
                       request=request)
    if kind not in Kind.values:
        raise ValidationError({"kind": "Choose the kind of content."})
    item = LibraryItem(kind=kind, author=actor, organization=actor.organization)
    _set_fields(item, {"title": title, "summary": summary, "body": body,
                       "external_url": external_url,
                       "original_published_on": original_published_on, "category": category,
                       "audience": audience})
    _attach(item, upload, captions)
    _check_content(item)
    item.save()
    item.tags.set(_tags(tags))
    audit_record(action="libraryitem.submit", actor=actor, target=item, request=request,
                 to_state=item.status, details={"kind": kind})
    if publish and actor.has_perm("qio_connect.moderate_libraryitem", item):
        return library_item_approve(actor=actor, item=item, note="Published by a moderator.",
                                    request=request)
    notify_on_commit(recipients=moderators(), kind=SUBMITTED_KIND, exclude=actor,
                     title=f"Library candidate to review: {item.title}"[:200],
                     body=f"{actor} submitted a {item.get_kind_display().lower()}.",
                     url=url("item_detail", item.pk))
    return item


def _tags(tags) -> list[Tag]:
    tags = list(tags or [])
    if any(not isinstance(tag, Tag) for tag in tags):
        raise ValidationError({"tags": "Choose listed tags."})
    return tags


def library_item_update(*, actor, item: LibraryItem, upload=None, captions=None, tags=None,
                        request=None, **fields) -> LibraryItem:
    """Edit an item. The author's own edit of published content goes back to Draft for
    approval; a moderator's edit ("modifies the article") keeps its state and tells the
    author."""
    allowed = {"title", "summary", "body", "external_url", "original_published_on", "category",
               "audience"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in unknown})
    with transaction.atomic():
        locked = lock(LibraryItem, item.pk)
        require_permission(actor, "qio_connect.change_libraryitem", locked,
                           action="libraryitem.edit", request=request)
        _set_fields(locked, fields)
        replaced = _attach(locked, upload, captions)
        _check_content(locked)
        locked.save()
        if tags is not None:
            locked.tags.set(_tags(tags))
        changed = sorted([*fields, *(["file"] if upload else []),
                          *(["captions"] if captions else []), *(["tags"] if tags is not None
                                                                else [])])
        audit_record(action="libraryitem.edit", actor=actor, target=locked, request=request,
                     details={"fields": changed})
        _delete_files_on_commit(replaced)
        moderator = actor.has_perm("qio_connect.moderate_libraryitem", locked)
        if locked.status == LibraryItem.Status.PUBLISHED and not moderator:
            locked = run_transition(obj=locked, transition="revise", actor=actor,
                                    permission="qio_connect.change_libraryitem", request=request,
                                    note="Edited by its author; back for approval.")
            notify_on_commit(recipients=moderators(), kind=SUBMITTED_KIND, exclude=actor,
                             title=f"Edited library item to review: {locked.title}"[:200],
                             url=url("item_detail", locked.pk))
        elif moderator and locked.author_id != actor.pk:
            notify_on_commit(recipients=[locked.author], kind=DECISION_KIND,
                             title=f"{actor} edited your library item “{locked.title}”"[:200],
                             url=url("item_detail", locked.pk))
    return locked


def _decided(actor, note: str):
    def before(locked: LibraryItem) -> None:
        locked.decided_by = actor
        locked.decision_note = note
    return before


def library_item_approve(*, actor, item: LibraryItem, note: str = "",
                         request=None) -> LibraryItem:
    note = optional_text(note, "note", 2000)

    def before(locked: LibraryItem) -> None:
        _decided(actor, note)(locked)
        # The first approval is the publish date in QIO Connect; a re-approved revision keeps it.
        locked.published_at = locked.published_at or timezone.now()

    return run_transition(obj=item, transition="approve", actor=actor, note=note,
                          permission="qio_connect.moderate_libraryitem", request=request,
                          before=before, after=_tell_author(
                              actor, "Published in the QIO Connect library", note))


def _tell_author(actor, headline: str, body: str):
    def after(decided: LibraryItem) -> None:
        notify_on_commit(recipients=[decided.author], kind=DECISION_KIND, exclude=actor,
                         title=f"{headline}: {decided.title}"[:200], body=body,
                         url=url("item_detail", decided.pk))
    return after


def library_item_reject(*, actor, item: LibraryItem, reason: str,
                        request=None) -> LibraryItem:
    reason = require_text(reason, "reason", "Tell the author why.", 2000)
    return run_transition(obj=item, transition="reject", actor=actor, note=reason,
                          permission="qio_connect.moderate_libraryitem", request=request,
                          before=_decided(actor, reason),
                          after=_tell_author(actor, "Returned to you", reason))


def library_item_resubmit(*, actor, item: LibraryItem, request=None) -> LibraryItem:
    def after(resubmitted: LibraryItem) -> None:
        notify_on_commit(recipients=moderators(), kind=SUBMITTED_KIND, exclude=actor,
                         title=f"Library candidate resubmitted: {resubmitted.title}"[:200],
                         url=url("item_detail", resubmitted.pk))

    return run_transition(obj=item, transition="resubmit", actor=actor,
                          permission="qio_connect.resubmit_libraryitem", request=request,
                          after=after)


@transaction.atomic
def library_item_delete(*, actor, item: LibraryItem, request=None) -> None:
    locked = lock(LibraryItem, item.pk)
    require_permission(actor, "qio_connect.delete_libraryitem", locked,
                       action="libraryitem.delete", request=request)
    audit_record(action="libraryitem.delete", actor=actor, target=locked, request=request,
                 from_state=locked.status, details={"title": locked.title})
    names = [f.name for f in (locked.file, locked.captions) if f]
    locked.delete()
    _delete_files_on_commit(names)
