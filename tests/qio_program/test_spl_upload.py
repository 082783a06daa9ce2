"""SPL upload by CMS: every row checked, one bad row imports nothing, each upload a version."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qio_program.models import Provider, SplEntry, SplUpload, SplUploadStatus, SplVersion
from qio_program.services import spl as spl_service
from qio_program.services.spl import spl_upload_create, spl_upload_process
from qio_program.tasks import spl_import
from qis_portal.models import AuditEvent, Notification, Role
from qis_portal.regions import Region
from tests.factories import user_with_role
from tests.qio_program.factories import ProviderFactory
from tests.qio_program.spl_files import spl_csv_bytes, spl_row

pytestmark = pytest.mark.django_db


def upload(actor, make_file, rows=None, *, content=None, name="spl.csv",
           region=Region.NORTHEAST):
    data = content if content is not None else spl_csv_bytes(rows or [spl_row()])
    return spl_upload_create(actor=actor, region=region, upload=make_file(name, data))


def run(record) -> SplUpload:
    return spl_upload_process(upload_id=record.pk)


def problems(record) -> list[tuple[int, str, str]]:
    return [(e.row_number, e.column, e.rule) for e in record.errors.all()]


def test_only_the_cor_uploads_an_spl(make_file, readonly_pat, associate_ann):
    for user in (readonly_pat, associate_ann):
        with pytest.raises(PermissionDenied):
            upload(user, make_file)


def test_spls_are_uploaded_for_qin_regions_only(cor_bob, make_file):
    with pytest.raises(ValidationError) as caught:
        upload(cor_bob, make_file, region=Region.AIAN_SOUTHWEST)
    assert "region" in caught.value.message_dict


@pytest.mark.parametrize(("name", "content", "message"), [
    ("spl.xlsx", b"PK\x03\x04", "is not a CSV file"),
    ("spl.csv", "provider_name\nCaf\u00e9\n".encode("latin-1"), "is not UTF-8 text"),
    ("spl.csv", b"", "is empty"),
    ("spl.csv", b"a,b\x00,c\n", "is not a text file"),
])
def test_non_csv_non_utf8_and_empty_files_are_refused(cor_bob, make_file, name, content,
                                                      message):
    with pytest.raises(ValidationError) as caught:
        upload(cor_bob, make_file, content=content, name=name)
    assert message in " ".join(caught.value.messages)
    assert SplUpload.objects.count() == 0


def test_a_file_over_20_mb_is_refused(cor_bob, make_file):
    big = make_file("spl.csv", b"x" * (20 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as caught:
        spl_upload_create(actor=cor_bob, region=Region.NORTHEAST, upload=big)
    assert "up to 20 MB" in caught.value.messages[0]


def test_the_import_is_queued_as_a_celery_task_after_commit(cor_bob, make_file,
                                                            django_capture_on_commit_callbacks,
                                                            monkeypatch):
    sent = []
    monkeypatch.setattr(spl_import, "delay", lambda pk: sent.append(pk))
    with django_capture_on_commit_callbacks(execute=True):
        record = upload(cor_bob, make_file)
    assert sent == [record.pk]
    assert record.status == SplUploadStatus.QUEUED
    assert not record.file.name.endswith("spl.csv") or "qio/spl/northeast/" in record.file.name


def test_a_good_file_becomes_version_1_and_puts_its_providers_on_the_spl(cor_bob, make_file,
                                                                        ne_provider):
    off = ProviderFactory(name="Was on the list", on_spl=True)
    record = run(upload(cor_bob, make_file, [
        spl_row(),
        spl_row(provider_name="New Practice", ccn="", tin="12-3456789",
                setting="Outpatient clinical practice", state="VT", poor_performance="N",
                not_submitting_data="yes",
                deficits="Chronic Disease > Hypertension; Chronic Disease > Diabetes"),
    ]))
    assert record.status == SplUploadStatus.IMPORTED
    assert (record.rows_total, record.rows_checked, record.percent) == (2, 2, 100)
    version = SplVersion.objects.get()
    assert (version.number, version.is_current, version.entry_count) == (1, True, 2)
    new = Provider.objects.get(tin="123456789")
    assert new.region == Region.NORTHEAST and new.setting == "outpatient_clinical_practice"
    assert Provider.objects.get(pk=ne_provider.pk).on_spl
    assert Provider.objects.get(pk=new.pk).on_spl
    assert not Provider.objects.get(pk=off.pk).on_spl
    entry = SplEntry.objects.get(provider=new)
    assert entry.not_submitting_data and not entry.poor_performance
    assert entry.deficits == [{"aim": "Chronic Disease", "sub_aim": "Hypertension"},
                              {"aim": "Chronic Disease", "sub_aim": "Diabetes"}]
    assert AuditEvent.objects.filter(action="spl.import", outcome="success").exists()


def test_a_new_upload_makes_version_2_and_keeps_version_1(cor_bob, make_file, ne_provider):
    run(upload(cor_bob, make_file, [spl_row()]))
    run(upload(cor_bob, make_file, [spl_row(provider_name="Other Home", ccn="AB12CD")]))
    first, second = SplVersion.objects.order_by("number")
    assert (first.number, first.is_current, first.superseded_at is not None) == (1, False, True)
    assert (second.number, second.is_current) == (2, True)
    assert first.entries.count() == 1 and second.entries.count() == 1
    assert not Provider.objects.get(pk=ne_provider.pk).on_spl
    assert Provider.objects.get(ccn="AB12CD").on_spl


def test_versions_count_per_region(cor_bob, make_file):
    run(upload(cor_bob, make_file, [spl_row()]))
    run(upload(cor_bob, make_file, [spl_row(ccn="050329", state="CA")], region=Region.WEST))
    assert sorted(SplVersion.objects.values_list("region", "number")) == [
        ("northeast", 1), ("west", 1)]


def test_one_bad_row_imports_nothing_and_every_bad_row_is_reported(cor_bob, make_file,
                                                                   ne_provider):
    record = run(upload(cor_bob, make_file, [
        spl_row(),
        spl_row(provider_name="", ccn="12345", setting="clinic"),
        spl_row(ccn="", tin="", state="ZZ", zip_code="ABCDE"),
        spl_row(ccn="777777", poor_performance="maybe", deficits="no separator"),
        spl_row(ccn="888888", poor_performance="N"),
        spl_row(),
    ]))
    assert record.status == SplUploadStatus.FAILED
    assert SplVersion.objects.count() == 0
    assert Provider.objects.count() == 1
    found = problems(record)
    assert (3, "provider_name", "is required") in found
    assert (3, "ccn", "a CCN is exactly 6 letters or digits") in found
    assert (3, "setting", "must be nursing_home, hospital or outpatient_clinical_practice") \
        in found
    assert (4, "ccn", "a CCN or a TIN is required") in found
    assert (4, "state", "must be a two-letter US state or territory code") in found
    assert (4, "zip_code", "must be 5 digits or ZIP+4 (12345-6789)") in found
    assert (5, "poor_performance", "must be Y or N (yes/no, true/false, 1/0)") in found
    assert (5, "deficits", "each deficit is “Aim > Sub-aim”, separated by “;”") in found
    assert (6, "criteria", "at least one of the four SPL criteria must be Y") in found
    assert (7, "ccn", "CCN 205123 is also on row 2") in found
    assert record.error_count == len(found)
    assert AuditEvent.objects.filter(action="spl.import", outcome="failure").exists()


def test_a_provider_of_another_region_cannot_join_this_regions_spl(cor_bob, make_file,
                                                                   west_provider):
    record = run(upload(cor_bob, make_file, [spl_row(ccn=west_provider.ccn)]))
    assert problems(record) == [(2, "ccn", "CCN 050329 belongs to a provider of the West "
                                           "region")]


@pytest.mark.parametrize(("header", "expected"), [
    (["provider_name", "ccn"], (1, "tin", "is a required column and is missing")),
    ([*spl_service.spl_csv.COLUMNS, "notes"], (1, "notes", "is not a column of the SPL format")),
])
def test_a_wrong_header_is_reported_on_row_1(cor_bob, make_file, header, expected):
    record = run(upload(cor_bob, make_file, content=spl_csv_bytes([spl_row()], header)))
    assert expected in problems(record)


def test_a_row_with_a_missing_field_is_reported_not_crashed(cor_bob, make_file):
    content = spl_csv_bytes([spl_row()]) + b"Short row,123456\n"
    record = run(upload(cor_bob, make_file, content=content))
    assert (3, "", "has 2 fields; the header has 14") in problems(record)


def test_a_header_only_file_imports_nothing(cor_bob, make_file):
    record = run(upload(cor_bob, make_file, content=spl_csv_bytes([])))
    assert problems(record) == [(1, "", "the file has a header but no provider rows")]


def test_a_utf8_bom_from_excel_is_accepted(cor_bob, make_file):
    record = run(upload(cor_bob, make_file, content=b"\xef\xbb\xbf" + spl_csv_bytes([spl_row()])))
    assert record.status == SplUploadStatus.IMPORTED


def test_running_the_job_twice_makes_one_version(cor_bob, make_file):
    record = upload(cor_bob, make_file)
    spl_import.run(record.pk)
    spl_import.run(record.pk)
    assert SplVersion.objects.count() == 1


def test_the_regions_qio_managers_hear_of_a_new_version(cor_bob, make_file, manager_max,
                                                        associate_wes,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run(upload(cor_bob, make_file))
    assert list(Notification.objects.values_list("recipient__email", "kind")) == [
        ("max@northeast.test", "qio.spl_published")]


def test_the_upload_page_starts_the_job_and_shows_progress(client, cor_bob, make_file,
                                                           django_capture_on_commit_callbacks,
                                                           monkeypatch):
    monkeypatch.setattr(spl_import, "delay", lambda pk: None)
    client.force_login(cor_bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("qio_program:spl_upload"), {
            "region": Region.NORTHEAST, "file": make_file("list.csv", spl_csv_bytes([spl_row()]))})
    record = SplUpload.objects.get()
    assert response.url == record.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert 'hx-trigger="every 2s"' in page and "<progress" in page


def test_the_progress_poll_stops_and_reloads_when_the_job_is_done(client, cor_bob, make_file):
    record = run(upload(cor_bob, make_file))
    client.force_login(cor_bob)
    response = client.get(reverse("qio_program:spl_upload_progress", args=[record.pk]),
                          HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    assert "every 2s" not in response.content.decode()


def test_the_upload_page_refuses_a_non_csv_with_a_clear_message(client, cor_bob, make_file):
    client.force_login(cor_bob)
    response = client.post(reverse("qio_program:spl_upload"), {
        "region": Region.NORTHEAST, "file": make_file("list.pdf", b"%PDF-1.4")})
    assert response.status_code == 200
    assert "is not a CSV file" in response.content.decode()


def test_the_failure_report_lists_every_problem_and_downloads_escaped(client, cor_bob,
                                                                      make_file):
    record = run(upload(cor_bob, make_file, [spl_row(ccn="=1+2", tin="")]))
    client.force_login(cor_bob)
    page = client.get(record.get_absolute_url()).content.decode()
    assert "Nothing was imported" in page and "a CCN is exactly 6 letters or digits" in page
    response = client.get(reverse("qio_program:spl_upload_errors_csv", args=[record.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["row", "column", "rule", "value"]
    assert rows[1] == ["2", "ccn", "a CCN is exactly 6 letters or digits", "'=1+2"]


def test_a_version_exports_in_the_upload_format_with_formulas_escaped(client, cor_bob,
                                                                      make_file):
    run(upload(cor_bob, make_file, [spl_row(provider_name="@SUM(A1)")]))
    version = SplVersion.objects.get()
    client.force_login(cor_bob)
    response = client.get(reverse("qio_program:spl_version_export", args=[version.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == spl_service.spl_csv.COLUMNS
    assert rows[1][0] == "'@SUM(A1)" and rows[1][9] == "Y"


def test_qio_users_see_their_regions_versions_only(client, cor_bob, make_file, associate_wes):
    run(upload(cor_bob, make_file))
    version = SplVersion.objects.get()
    client.force_login(associate_wes)
    assert client.get(reverse("qio_program:spl_version_detail",
                              args=[version.pk])).status_code == 404
    assert list(client.get(reverse("qio_program:spl_list")).context["versions"]) == []


def test_qio_users_do_not_see_upload_reports(client, cor_bob, make_file, associate_ann):
    record = run(upload(cor_bob, make_file))
    client.force_login(associate_ann)
    assert client.get(record.get_absolute_url()).status_code == 403


def test_a_cms_user_other_than_the_cor_can_read_but_not_upload(client, cms):
    reviewer = user_with_role(Role.CMS_FQS_REVIEWER, cms)
    client.force_login(reviewer)
    assert client.get(reverse("qio_program:spl_list")).status_code == 200
    assert client.get(reverse("qio_program:spl_upload")).status_code == 403


def test_progress_is_written_to_the_upload_row_while_rows_are_checked(cor_bob, make_file,
                                                                      monkeypatch):
    monkeypatch.setattr(spl_service, "PROGRESS_EVERY", 2)
    seen = []
    check_row = spl_service.spl_csv.check_row

    def spy(number, cells):
        seen.append(SplUpload.objects.values_list("rows_total", "rows_checked").get())
        return check_row(number, cells)

    monkeypatch.setattr(spl_service.spl_csv, "check_row", spy)
    record = run(upload(cor_bob, make_file, [spl_row(ccn=f"{100000 + i}") for i in range(6)]))
    assert seen == [(6, 0), (6, 0), (6, 2), (6, 2), (6, 4), (6, 4)]
    assert record.status == SplUploadStatus.IMPORTED


def test_a_matched_provider_takes_the_new_name_and_address_from_the_list(cor_bob, make_file,
                                                                         ne_provider):
    unchanged = ProviderFactory(name="Same Home", ccn="111111", address_line1="1 Main Street")
    before = Provider.objects.get(pk=unchanged.pk).updated_at
    run(upload(cor_bob, make_file, [
        spl_row(provider_name="Maple Grove Nursing and Rehabilitation",
                address_line1="200 Forest Ave", city="Bangor", zip_code="04401"),
        spl_row(provider_name="Same Home", ccn="111111"),
    ]))
    maple = Provider.objects.get(pk=ne_provider.pk)
    assert (maple.name, maple.address_line1, maple.city, maple.zip_code) == (
        "Maple Grove Nursing and Rehabilitation", "200 Forest Ave", "Bangor", "04401")
    assert Provider.objects.get(pk=unchanged.pk).updated_at == before  # nothing changed
    assert Provider.objects.count() == 2
