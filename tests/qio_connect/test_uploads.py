"""Library uploads: PDF, Word (.docx) and PowerPoint (.pptx) documents and MP4 videos, checked
by extension AND by their first bytes, with size caps and server-generated stored names;
downloads are always attachments."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from qio_connect import services, uploads
from qio_connect.models import LibraryItem

from . import files

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("make, content_type", [
    (files.pdf, "application/pdf"),
    (files.docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (files.pptx,
     "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
])
def test_each_document_type_is_accepted_with_its_content_type(associate_ann, make,
                                                              content_type):
    item = services.library_item_create(actor=associate_ann, kind="document", title="Doc",
                                        upload=make())
    assert item.content_type == content_type
    assert item.size > 0


def test_the_stored_name_is_generated_by_the_server(associate_ann):
    item = services.library_item_create(actor=associate_ann, kind="document", title="Doc",
                                        upload=files.pdf("../../etc/My Secret Plan.pdf"))
    assert item.file.name.startswith("connect/library/")
    assert "Secret" not in item.file.name and item.file.name.endswith(".pdf")
    assert item.original_name == "My Secret Plan.pdf"


@pytest.mark.parametrize("upload", [
    SimpleUploadedFile("tool.exe", b"MZ\x90\x00"),
    SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf"),
    SimpleUploadedFile("fake.docx", b"PK\x03\x04 broken zip"),
    SimpleUploadedFile("empty.pdf", b""),
])
def test_a_file_whose_name_or_bytes_do_not_match_is_refused(associate_ann, upload):
    with pytest.raises(ValidationError) as exc:
        services.library_item_create(actor=associate_ann, kind="document", title="Doc",
                                     upload=upload)
    assert "file" in exc.value.message_dict


def test_a_pptx_renamed_docx_is_refused(associate_ann):
    with pytest.raises(ValidationError):
        services.library_item_create(actor=associate_ann, kind="document", title="Doc",
                                     upload=files.ooxml("slides.docx", "ppt/presentation.xml"))


def test_a_document_over_25_mb_is_refused(associate_ann, monkeypatch):
    upload = files.pdf()
    upload.size = uploads.DOCUMENT_MAX_BYTES + 1
    with pytest.raises(ValidationError) as exc:
        services.library_item_create(actor=associate_ann, kind="document", title="Doc",
                                     upload=upload)
    assert "25" in str(exc.value)


def test_a_video_is_an_mp4_with_a_cap_and_optional_captions(associate_ann):
    item = services.library_item_create(actor=associate_ann, kind="video", title="Webinar",
                                        upload=files.mp4(), captions=files.vtt())
    assert item.content_type == "video/mp4" and item.captions
    too_big = files.mp4()
    too_big.size = uploads.VIDEO_MAX_BYTES + 1
    with pytest.raises(ValidationError):
        services.library_item_create(actor=associate_ann, kind="video", title="W",
                                     upload=too_big)
    with pytest.raises(ValidationError):
        services.library_item_create(actor=associate_ann, kind="video", title="W",
                                     upload=files.pdf("talk.mp4"))
    with pytest.raises(ValidationError):
        services.library_item_create(actor=associate_ann, kind="video", title="W",
                                     upload=files.mp4(), captions=files.pdf("c.vtt"))


def test_a_pdf_is_not_a_video(associate_ann):
    with pytest.raises(ValidationError):
        services.library_item_create(actor=associate_ann, kind="video", title="W",
                                     upload=files.pdf())


def test_a_download_is_an_attachment_with_the_original_name(client, associate_ann, library,
                                                            associate_wes):
    item = library.published(associate_ann, kind="document", upload=files.pdf("Guide.pdf"))
    client.force_login(associate_wes)
    response = client.get(f"/connect/library/{item.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="Guide.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_another_qios_organization_only_document_answers_404(client, associate_ann, library,
                                                             associate_wes):
    item = library.published(associate_ann, kind="document", upload=files.pdf(),
                             audience=LibraryItem.Audience.ORGANIZATION)
    client.force_login(associate_wes)
    assert client.get(f"/connect/library/{item.pk}/download/").status_code == 404
    assert client.get(f"/connect/library/{item.pk}/").status_code == 404


def test_replacing_a_file_keeps_the_item_and_changes_the_stored_name(associate_ann, library):
    item = library.draft(associate_ann, kind="document", upload=files.pdf())
    old = item.file.name
    item = services.library_item_update(actor=associate_ann, item=item, upload=files.docx())
    assert item.file.name != old and item.original_name == "toolkit.docx"


def test_the_upload_form_rejects_a_bad_file_without_a_500(client, associate_ann):
    client.force_login(associate_ann)
    response = client.post("/connect/library/new/", {
        "kind": "document", "title": "Bad", "audience": "public",
        "file": SimpleUploadedFile("bad.pdf", b"not a pdf")})
    assert response.status_code == 200
    assert "not a valid .pdf file" in response.content.decode()
    assert not LibraryItem.objects.exists()
