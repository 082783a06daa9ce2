"""Request files: allowed types by extension and magic bytes, 10 MB cap, server-generated
names, served as downloads."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fqs import services
from fqs.uploads import MAX_UPLOAD_BYTES

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _ooxml(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


GOOD = [("report.pdf", PDF), ("photo.png", PNG), ("scan.jpg", JPEG), ("scan.JPEG", JPEG),
        ("notes.txt", "Résumé of calls".encode()),
        ("memo.docx", _ooxml("word/document.xml")), ("data.xlsx", _ooxml("xl/workbook.xml"))]
BAD = [("script.exe", b"MZ\x90\x00"), ("page.html", b"<html></html>"),
       ("fake.pdf", b"<script>alert(1)</script>"), ("fake.png", PDF),
       ("fake.docx", _ooxml("xl/workbook.xml")), ("zip.xlsx", b"PK\x03\x04broken"),
       ("binary.txt", b"abc\x00def"), ("latin.txt", b"caf\xe9"), ("empty.pdf", b"")]


@pytest.mark.parametrize(("name", "content"), GOOD)
def test_an_allowed_file_is_stored_under_a_server_generated_name(world, name, content):
    req = world.request()
    row = services.fqs_request_attach(fqs_request=req, actor=world.p["intake"],
                                      upload=SimpleUploadedFile(name, content))
    assert row.original_name == name
    stem = name.rsplit(".", 1)[0]
    assert row.file.name.startswith(f"fqs/requests/{req.pk}/")
    assert stem not in row.file.name
    assert row.file.name.endswith("." + name.rsplit(".", 1)[1].lower())


@pytest.mark.parametrize(("name", "content"), BAD)
def test_a_wrong_type_or_disguised_file_is_refused(world, name, content):
    with pytest.raises(ValidationError):
        services.fqs_request_attach(fqs_request=world.request(), actor=world.p["intake"],
                                    upload=SimpleUploadedFile(name, content))


def test_a_file_over_10_mb_is_refused(world):
    big = SimpleUploadedFile("big.txt", b"a" * (MAX_UPLOAD_BYTES + 1))
    with pytest.raises(ValidationError, match="10 MB"):
        services.fqs_request_attach(fqs_request=world.request(), actor=world.p["intake"],
                                    upload=big)


def test_a_file_of_exactly_10_mb_is_accepted(world):
    exact = SimpleUploadedFile("exact.txt", b"a" * MAX_UPLOAD_BYTES)
    row = services.fqs_request_attach(fqs_request=world.request(), actor=world.p["intake"],
                                      upload=exact)
    assert row.size == MAX_UPLOAD_BYTES


def test_a_path_in_the_uploaded_name_is_dropped(world):
    row = services.fqs_request_attach(fqs_request=world.request(), actor=world.p["intake"],
                                      upload=SimpleUploadedFile("../../etc/passwd.txt", b"x"))
    assert row.original_name == "passwd.txt"
    assert ".." not in row.file.name


def test_the_submitter_attaches_while_new_and_not_after(world):
    req = world.reviewed_request()
    services.fqs_request_attach(fqs_request=req, actor=world.p["outsider"],
                                upload=SimpleUploadedFile("a.pdf", PDF))
    req = services.fqs_request_approve(fqs_request=req, actor=world.p["intake"])
    with pytest.raises(PermissionDenied):
        services.fqs_request_attach(fqs_request=req, actor=world.p["outsider"],
                                    upload=SimpleUploadedFile("b.pdf", PDF))


def test_someone_else_cannot_attach(world, associate_ann):
    with pytest.raises(PermissionDenied):
        services.fqs_request_attach(fqs_request=world.request(), actor=associate_ann,
                                    upload=SimpleUploadedFile("a.pdf", PDF))


def test_a_file_downloads_as_an_attachment(client, world):
    req = world.request()
    row = services.fqs_request_attach(fqs_request=req, actor=world.p["intake"],
                                      upload=SimpleUploadedFile("report.pdf", PDF))
    client.force_login(world.p["intake"])
    response = client.get(f"/fqs/requests/{req.pk}/files/{row.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="report.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_a_file_is_not_downloadable_by_someone_who_cannot_see_the_request(client, world,
                                                                           associate_ann):
    req = world.request()
    row = services.fqs_request_attach(fqs_request=req, actor=world.p["intake"],
                                      upload=SimpleUploadedFile("report.pdf", PDF))
    client.force_login(associate_ann)
    assert client.get(f"/fqs/requests/{req.pk}/files/{row.pk}/").status_code == 404


def test_the_request_form_uploads_several_files(client, outsider_charlie, provider):
    client.force_login(outsider_charlie)
    response = client.post("/fqs/requests/new/", {
        "source": "acute_emergency", "provider": provider.pk, "description": "Shortage",
        "files": [SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.png", PNG)],
    })
    assert response.status_code == 302
    from fqs.models import FqsRequest

    assert FqsRequest.objects.get().attachments.count() == 2


def test_the_request_form_shows_a_bad_file_as_a_field_error(client, outsider_charlie, provider):
    client.force_login(outsider_charlie)
    response = client.post("/fqs/requests/new/", {
        "source": "acute_emergency", "provider": provider.pk, "description": "Shortage",
        "files": [SimpleUploadedFile("a.exe", b"MZ")],
    })
    assert response.status_code == 200
    assert "Only PDF, DOCX, XLSX, PNG, JPEG or TXT files are accepted." in response.text
