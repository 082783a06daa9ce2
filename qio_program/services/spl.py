"""SPL uploads, their all-or-nothing import, and the SPL rule for aim work.

Seed 001: "The SPL is uploaded by CMS per QIN"; "QIN-QIOs may only provide support to those
providers/practices on the SPL for work related to the clinical and foundational aims";
"When it comes to AIAN, all providers are on SPL". One bad row imports nothing: the upload is
checked whole first, and the user gets every bad row with its reason.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import Max
from django.utils import timezone

from qio_program.models import (
    Provider,
    SplEntry,
    SplUpload,
    SplUploadError,
    SplUploadStatus,
    SplVersion,
)
from qio_program.selectors.scope import user_qio
from qio_program.services import spl_csv
from qio_program.services.files import check_spl_csv
from qis_portal.models import OrgType, Role, RoleAssignment, User
from qis_portal.regions import QIN_REGIONS, Region
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.workflow import SystemActor, WorkflowConflict, require_permission, run_transition

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 500
QIN_REGION_VALUES = frozenset(r.value for r in QIN_REGIONS)
# The import job's actor: it moves an upload through its states and nothing else.
SPL_JOB = SystemActor("qio_program.process_splupload")


def ensure_aim_work_allowed(user, provider: Provider) -> None:
    """Refuse aim work (PES, PSA, assessments, QAP) a QIO may not do with this provider.

    Raises PermissionDenied (not a QIO user, or another region's provider) or WorkflowConflict
    (a QIN-QIO and a provider off its region's current SPL), each with the reason.
    """
    qio = user_qio(user)
    if qio is None:
        raise PermissionDenied("Only QIO users do aim work with providers.")
    if provider.region != qio.region:
        raise PermissionDenied(
            f"{provider} is in the {provider.get_region_display()} region, outside your QIO's "
            f"region ({qio.get_region_display()}).")
    if qio.org_type == OrgType.AIAN_QIO:
        return  # every provider of a tribal region is on its SPL
    if not provider.spl_eligible:
        raise WorkflowConflict(
            f"{provider} is not on the current {provider.get_region_display()} Service "
            "Provider List; QIN-QIOs may only support SPL providers for aim work. A provider "
            "off the SPL can be helped through an FQS referral.")


def aim_work_refusal(user, provider: Provider) -> str:
    """The reason aim work is refused, or "" when it is allowed (for pages that explain)."""
    try:
        ensure_aim_work_allowed(user, provider)
    except (PermissionDenied, WorkflowConflict) as exc:
        return getattr(exc, "message", "") or str(exc)
    return ""


@transaction.atomic
def spl_upload_create(*, actor, region: str, upload, request=None) -> SplUpload:
    """Store the file and queue the import (it runs in the background; the page polls)."""
    require_permission(actor, "qio_program.upload_spl", action="spl.upload", request=request,
                       message="Only the CMS COR uploads Service Provider Lists.")
    if region not in QIN_REGION_VALUES:
        raise ValidationError({"region": "SPLs are uploaded for the 7 QIN regions; every AIAN "
                                         "provider is on its tribal region's SPL already."})
    try:
        check_spl_csv(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    record = SplUpload(region=region, original_name=upload.name[:255], size=upload.size,
                       uploaded_by=actor)
    upload.seek(0)
    record.file.save("spl.csv", upload, save=False)
    record.save()
    audit_record(action="spl.upload", actor=actor, target=record, request=request,
                 details={"region": region, "file": record.original_name, "bytes": upload.size})
    from qio_program.tasks import spl_import

    transaction.on_commit(lambda: spl_import.delay(record.pk))
    return record


def _step(upload: SplUpload, *, transition: str, **kwargs) -> SplUpload:
    """The job's own steps, through the one path (audited as "system")."""
    return run_transition(obj=upload, transition=transition, actor=SPL_JOB,
                          permission="qio_program.process_splupload", **kwargs)


def _fail(upload: SplUpload, errors: list[spl_csv.CellError]) -> SplUpload:
    def report(locked: SplUpload) -> None:
        SplUploadError.objects.filter(upload=locked).delete()
        SplUploadError.objects.bulk_create(
            [SplUploadError(upload=locked, row_number=e.row, column=e.column[:60],
                            rule=e.rule[:300], value=e.value[:100]) for e in errors],
            batch_size=1000)
        locked.error_count = len(errors)
        locked.finished_at = timezone.now()

    return _step(upload, transition="fail", before=report, action="spl.import", outcome="failure",
                 note=f"{len(errors)} problems; nothing imported",
                 details={"uploaded_by": upload.uploaded_by.email})


def _match_existing(rows: list[spl_csv.SplRow], region: str, errors: list) -> dict[int, int]:
    """Row number → id of the directory provider it updates; other-region matches are errors."""
    by_ccn = {r.ccn: r for r in rows if r.ccn}
    by_tin = {r.tin: r for r in rows if not r.ccn}
    matches: dict[int, int] = {}
    ccns = list(by_ccn)
    for start in range(0, len(ccns), 1000):
        for pid, ccn, prov_region in Provider.objects.filter(
                ccn__in=ccns[start:start + 1000]).values_list("id", "ccn", "region"):
            row = by_ccn[ccn]
            if prov_region != region:
                errors.append(spl_csv.CellError(
                    row.row, "ccn", f"CCN {ccn} belongs to a provider of the "
                    f"{Region(prov_region).label} region", ccn))
            else:
                matches[row.row] = pid
    tins = list(by_tin)
    for start in range(0, len(tins), 1000):
        for pid, tin, prov_region in Provider.objects.filter(
                tin__in=tins[start:start + 1000], ccn="").values_list("id", "tin", "region"):
            row = by_tin[tin]
            if prov_region != region:
                errors.append(spl_csv.CellError(
                    row.row, "tin", f"TIN {tin} belongs to a provider of the "
                    f"{Region(prov_region).label} region", tin))
            else:
                matches.setdefault(row.row, pid)
    return matches


def _check(upload: SplUpload, text: str):
    records, errors = spl_csv.read_header(text)
    if errors:
        return [], errors
    total = sum(1 for r in records[1:] if any(c.strip() for c in r))

    def count(locked: SplUpload) -> None:
        locked.rows_total, locked.rows_checked = total, 0

    _step(upload, transition="start_checking", before=count)
    rows: list[spl_csv.SplRow] = []
    seen: dict[tuple[str, str], int] = {}
    checked = 0
    for number, cells, shape_error in spl_csv.rows_as_dicts(records):
        checked += 1
        if shape_error is not None:
            errors.append(shape_error)
        else:
            row, row_errors = spl_csv.check_row(number, cells)
            errors.extend(row_errors)
            if row is not None:
                kind, value = row.identity
                if (kind, value) in seen:
                    errors.append(spl_csv.CellError(
                        number, kind, f"{kind.upper()} {value} is also on row "
                        f"{seen[(kind, value)]}", value))
                else:
                    seen[(kind, value)] = number
                    rows.append(row)
        if checked % PROGRESS_EVERY == 0:
            SplUpload.objects.filter(pk=upload.pk).update(rows_checked=checked)
    matches = _match_existing(rows, upload.region, errors)
    SplUpload.objects.filter(pk=upload.pk).update(rows_checked=checked)
    return [(row, matches.get(row.row)) for row in rows], errors


PROVIDER_COLUMNS = ("name", "setting", "ccn", "tin", "address_line1", "address_line2", "city",
                    "state", "zip_code")


def _provider_values(row: spl_csv.SplRow) -> dict:
    return {"name": row.name, "setting": row.setting, "ccn": row.ccn, "tin": row.tin,
            "address_line1": row.address_line1, "address_line2": row.address_line2,
            "city": row.city, "state": row.state, "zip_code": row.zip_code}


def _update_providers(providers: list[Provider], fields: list[str]) -> None:
    """Write the changed providers of an upload.

    PostgreSQL: one `UPDATE ... FROM (VALUES ...)` per 1,000 rows, which stays linear when a
    new SPL rewrites every address of a region. Elsewhere (the embedded SQLite default)
    `bulk_update`, whose CASE expression grows with the batch squared, in small batches.
    """
    if connection.vendor != "postgresql":
        Provider.objects.bulk_update(providers, fields, batch_size=200)
        return
    table = connection.ops.quote_name(Provider._meta.db_table)
    columns = [connection.ops.quote_name(Provider._meta.get_field(f).column) for f in fields]
    assignments = ", ".join(f"{column} = v.{column}" for column in columns)
    row_sql = "(" + ", ".join(["%s"] * (len(fields) + 1)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(providers), 1000):
            chunk = providers[start:start + 1000]
            params = [value for p in chunk for value in (p.pk, *(getattr(p, f) for f in fields))]
            cursor.execute(
                f"UPDATE {table} AS t SET {assignments} FROM (VALUES "
                f"{', '.join([row_sql] * len(chunk))}) AS v(id, {', '.join(columns)}) "
                "WHERE t.id = v.id", params)


def _write_version(upload: SplUpload, matched) -> SplVersion | None:
    with transaction.atomic():
        locked = SplUpload.objects.select_for_update().get(pk=upload.pk)
        if SplVersion.objects.filter(upload=locked).exists():
            return None  # a redelivered job: the version is already there
        now = timezone.now()
        region = locked.region
        current = SplVersion.objects.select_for_update().filter(region=region, is_current=True)
        current.update(is_current=False, superseded_at=now)
        number = (SplVersion.objects.filter(region=region).aggregate(n=Max("number"))["n"]
                  or 0) + 1
        version = SplVersion.objects.create(region=region, number=number, upload=locked,
                                            created_by=locked.uploaded_by,
                                            entry_count=len(matched))
        existing = Provider.objects.in_bulk([pid for _, pid in matched if pid])
        updated, created = [], []
        for row, pid in matched:
            values = _provider_values(row)
            if pid:
                provider = existing[pid]
                if any(getattr(provider, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(provider, name, value)
                    provider.updated_at = now
                    updated.append(provider)
            else:
                created.append(Provider(region=region, on_spl=True,
                                        created_by=locked.uploaded_by, **values))
        _update_providers(updated, [*PROVIDER_COLUMNS, "updated_at"])
        Provider.objects.bulk_create(created, batch_size=1000)
        by_row = {row.row: (existing.get(pid) if pid else None) for row, pid in matched}
        created_iter = iter(created)
        entries = []
        for row, _ in matched:
            provider = by_row[row.row] or next(created_iter)
            entries.append(SplEntry(version=version, provider=provider, row_number=row.row,
                                    deficits=row.deficits, **row.criteria))
        SplEntry.objects.bulk_create(entries, batch_size=1000)
        on_list = SplEntry.objects.filter(version=version).values("provider_id")
        Provider.objects.filter(region=region, on_spl=True).exclude(id__in=on_list).update(
            on_spl=False, updated_at=now)
        Provider.objects.filter(id__in=on_list, on_spl=False).update(on_spl=True, updated_at=now)
        _step(locked, transition="finish", before=lambda done: setattr(done, "finished_at", now),
              after=lambda done: _notify_region(version), action="spl.import",
              details={"version": version.pk, "entries": len(matched),
                       "new_providers": len(created)})
    return version


def _notify_region(version: SplVersion) -> None:
    managers = User.objects.filter(
        organization__region=version.region, organization__org_type=OrgType.QIN_QIO,
        role_assignments__role=Role.QIO_MANAGER,
        role_assignments__status=RoleAssignment.Status.APPROVED, is_active=True).distinct()
    notify_on_commit(
        recipients=managers, kind="qio.spl_published",
        title=f"New Service Provider List: {version}",
        body=f"{version.entry_count} providers are on your region's SPL.",
        url=version.get_absolute_url(), idempotency_key=f"spl-version:{version.pk}")


def spl_upload_process(*, upload_id: int) -> SplUpload:
    """Check every row, then import all of them in one transaction, or none (the Celery job).

    Progress is written to the upload row as rows are checked, outside the import
    transaction, so the page that polls sees it move.
    """
    upload = SplUpload.objects.get(pk=upload_id)
    if upload.status in (SplUploadStatus.IMPORTED, SplUploadStatus.FAILED):
        return upload  # done already: a second delivery of the job does nothing
    try:
        with upload.file.open("rb") as handle:
            raw = handle.read()
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return _fail(upload, [spl_csv.CellError(1, "", f"the file cannot be read ({exc})")])
    matched, errors = _check(upload, text)
    if errors:
        return _fail(upload, errors)
    _step(upload, transition="start_import")
    try:
        _write_version(upload, matched)
    except DatabaseError as exc:  # rolled back whole; say so rather than spin forever
        logger.exception("SPL upload %s could not be saved", upload.pk)
        return _fail(upload, [spl_csv.CellError(
            1, "", f"the import could not be saved ({exc.__class__.__name__}); nothing was "
            "imported. Upload the file again.")])
    upload.refresh_from_db()
    return upload
