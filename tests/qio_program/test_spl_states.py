"""The SPL import job moves its upload through the one transition path, like every other
state: each step audited as "system", a refused or redelivered step never a hand-written
status."""

import pytest

from qio_program.models import SplUpload, SplUploadStatus
from qio_program.services.spl import SPL_JOB, spl_upload_create, spl_upload_process
from qis_portal.models import AuditEvent
from qis_portal.regions import Region
from qis_portal.workflow import run_transition
from tests.qio_program.spl_files import spl_csv_bytes, spl_row

pytestmark = pytest.mark.django_db


def _steps(upload: SplUpload) -> list[tuple[str, str, str, str]]:
    return list(AuditEvent.objects.filter(target_type="qio_program.splupload",
                                          target_id=str(upload.pk)).order_by("id")
                .values_list("action", "from_state", "to_state", "actor_label"))


def test_a_good_file_is_checked_imported_and_finished_one_audited_step_each(cor_bob,
                                                                           make_file):
    record = spl_upload_create(actor=cor_bob, region=Region.NORTHEAST,
                               upload=make_file("spl.csv", spl_csv_bytes([spl_row()])))
    done = spl_upload_process(upload_id=record.pk)
    assert done.status == SplUploadStatus.IMPORTED and done.finished_at is not None
    assert _steps(record)[1:] == [
        ("splupload.start_checking", "queued", "validating", "system"),
        ("splupload.start_import", "validating", "importing", "system"),
        ("spl.import", "importing", "imported", "system"),
    ]


def test_a_bad_row_fails_the_upload_through_the_path_with_its_problems(cor_bob, make_file):
    record = spl_upload_create(actor=cor_bob, region=Region.NORTHEAST, upload=make_file(
        "spl.csv", spl_csv_bytes([spl_row(ccn="bad")])))
    done = spl_upload_process(upload_id=record.pk)
    assert (done.status, done.error_count) == (SplUploadStatus.FAILED, 1)
    event = AuditEvent.objects.get(action="spl.import")
    assert (event.outcome, event.from_state, event.to_state) == ("failure", "validating",
                                                                 "failed")
    assert event.details["uploaded_by"] == cor_bob.email


def test_a_job_delivered_again_mid_check_checks_again(cor_bob, make_file):
    record = spl_upload_create(actor=cor_bob, region=Region.NORTHEAST,
                               upload=make_file("spl.csv", spl_csv_bytes([spl_row()])))
    # The first delivery died while checking.
    run_transition(obj=record, transition="start_checking", actor=SPL_JOB,
                   permission="qio_program.process_splupload")
    assert spl_upload_process(upload_id=record.pk).status == SplUploadStatus.IMPORTED
