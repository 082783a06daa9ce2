"""CSV uploads of entities, participation lists and measure data.

Every row is checked (cell rules from ``csv_columns``, then the model's and the engine's own
rules, then duplicates). One bad row imports nothing: the upload is stored as rejected with
every problem as ``{row, column, rule, value}``, row 1 being the header.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError

from scoring.choices import PERFORMANCE_YEAR
from scoring.engine import check_submission
from scoring.models import ApmEntity, DataUpload, Participant, QualitySubmission
from scoring.services.contract import (
    SUBMISSION_FIELDS,
    engine_participants,
    field_of,
    stored_value,
    submission_dict,
)
from scoring.services.csv_columns import COLUMNS
from scoring.services.entities import ENTITY_FIELDS
from scoring.services.reference import get_reference
from scoring.services.uploads import upload_record

MAX_BYTES = 5 * 1024 * 1024
# Optional entity columns whose blank cell means a value rather than "none".
_BLANK_MEANS = {"complex_patient_bonus": 0, "quality_reweighted": False,
                "prior_year_identifier": ""}


def _shown(value) -> str:
    return "" if value is None else str(value)


@dataclass
class Parsed:
    rows: list = field(default_factory=list)  # (row number, {column: value})
    errors: list = field(default_factory=list)

    def error(self, row: int, column: str, rule: str, value: str = "") -> None:
        self.errors.append({"row": row, "column": column, "rule": rule, "value": value[:200]})


def _decode(upload, parsed: Parsed) -> str | None:
    if not (upload.name or "").lower().endswith(".csv"):
        parsed.error(0, "", "the file must be a .csv file")
        return None
    if upload.size > MAX_BYTES:
        parsed.error(0, "", "the file may be at most 5 MB")
        return None
    data = upload.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        parsed.error(0, "", "the file must be UTF-8 text (save it as CSV UTF-8)")
        return None


def parse_csv(kind: str, upload) -> Parsed:
    """Cell-level checks of every row against the documented columns."""
    parsed = Parsed()
    text = _decode(upload, parsed)
    if text is None:
        return parsed
    columns = {col.name: col for col in COLUMNS[kind]}
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        parsed.error(0, "", "the file is empty")
        return parsed
    except csv.Error as exc:
        parsed.error(1, "", f"not readable as CSV: {exc}")
        return parsed
    for name in header:
        if name not in columns:
            parsed.error(1, name, "unknown column (see the documented columns)", name)
    for name, col in columns.items():
        if col.required and name not in header:
            parsed.error(1, name, "required column missing")
    if len(set(header)) != len(header):
        parsed.error(1, "", "a column appears twice")
    if parsed.errors:
        return parsed
    try:
        for index, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                parsed.error(index, "", f"has {len(cells)} cells; the header has {len(header)}")
                continue
            values, ok = {}, True
            for name, raw in zip(header, cells, strict=True):
                raw = raw.strip()
                col = columns[name]
                if raw == "":
                    values[name] = None
                    if col.required:
                        parsed.error(index, name, "required", raw)
                        ok = False
                    continue
                try:
                    values[name] = col.parse(raw)
                except ValueError as exc:
                    parsed.error(index, name, f"must be {exc}", raw)
                    ok = False
            parsed.rows.append((index, values, ok))
    except csv.Error as exc:
        parsed.error(reader.line_num, "", f"not readable as CSV: {exc}")
    if not parsed.rows and not parsed.errors:
        parsed.error(0, "", "the file has no data rows")
    return parsed


def _entities_by_id(parsed: Parsed) -> dict[str, ApmEntity]:
    ids = {values["entity_id"] for _, values, _ in parsed.rows if values.get("entity_id")}
    return {e.entity_id: e for e in ApmEntity.objects.filter(performance_year=PERFORMANCE_YEAR,
                                                              entity_id__in=ids)}


def _check_entities(parsed: Parsed) -> list:
    existing = _entities_by_id(parsed)
    seen: dict[str, int] = {}
    plan = []
    for index, values, ok in parsed.rows:
        key = values.get("entity_id")
        if key in seen:
            parsed.error(index, "entity_id", f"duplicates row {seen[key]}", key)
            continue
        seen[key] = index
        if not ok:
            continue
        entity = existing.get(key) or ApmEntity(performance_year=PERFORMANCE_YEAR)
        for name in ENTITY_FIELDS:
            if name in values:
                value = values[name]
                setattr(entity, name, _BLANK_MEANS.get(name, value) if value is None else value)
        try:
            entity.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                for message in messages:
                    parsed.error(index, name, message, _shown(values.get(name)))
            continue
        plan.append(entity)
    return plan


def _rows_of_known_entities(parsed: Parsed, entities: dict[str, ApmEntity]):
    """(row number, values, entity) of every cell-valid row; an unknown entity ID is an error."""
    for index, values, ok in parsed.rows:
        entity = entities.get(values.get("entity_id"))
        if values.get("entity_id") and entity is None:
            parsed.error(index, "entity_id", "no 2020 APM Entity has this ID",
                         values["entity_id"])
            continue
        if ok:
            yield index, values, entity


def _check_participants(parsed: Parsed) -> list:
    seen: dict[tuple, int] = {}
    plan = []
    for index, values, entity in _rows_of_known_entities(parsed, _entities_by_id(parsed)):
        key = (entity.pk, values["tin"], values["npi"])
        if key in seen:
            parsed.error(index, "npi", f"duplicates row {seen[key]}", values["npi"])
            continue
        seen[key] = index
        plan.append(Participant(entity=entity, tin=values["tin"], npi=values["npi"],
                                prior_year_achievement_percent=values.get(
                                    "prior_year_achievement_percent")))
    return plan


def _check_submissions(parsed: Parsed) -> list:
    entities = _entities_by_id(parsed)
    pairs: dict[int, list] = {}
    for entity_pk, tin, npi in Participant.objects.filter(
            entity__in=list(entities.values())).values_list("entity_id", "tin", "npi"):
        pairs.setdefault(entity_pk, []).append((tin, npi))
    participants = {pk: engine_participants(p) for pk, p in pairs.items()}
    reference = get_reference()
    seen: dict[tuple, int] = {}
    plan = []
    for index, values, entity in _rows_of_known_entities(parsed, entities):
        problems = check_submission(submission_dict(values), participants.get(entity.pk, {}),
                                    reference)
        for name, message in problems:
            column = field_of(name) if field_of(name) in SUBMISSION_FIELDS else ""
            parsed.error(index, column, message, _shown(values.get(column)))
        if problems:
            continue
        key = (entity.pk, values["level"], values.get("tin") or "", values.get("npi") or "",
               values["measure_id"], values["submission_method"])
        if key in seen:
            parsed.error(index, "measure_id", f"duplicates row {seen[key]} (same reporter, "
                                              "measure and method)", values["measure_id"])
            continue
        seen[key] = index
        plan.append((entity, key, values))
    return plan


def _write_entities(plan) -> tuple[int, int]:
    created = [e for e in plan if e.pk is None]
    ApmEntity.objects.bulk_create(created)
    updated = [e for e in plan if e.pk is not None]
    ApmEntity.objects.bulk_update(updated, [f for f in ENTITY_FIELDS if f != "organization"])
    return len(created), len(updated)


def _write_participants(plan) -> tuple[int, int]:
    """Add new TIN/NPIs; a listed one only takes the 2019 percent its row gives (a blank cell
    keeps the stored one)."""
    before = Participant.objects.count()
    with_prior = [p for p in plan if p.prior_year_achievement_percent is not None]
    Participant.objects.bulk_create(with_prior, update_conflicts=True,
                                    unique_fields=["entity", "tin", "npi"],
                                    update_fields=["prior_year_achievement_percent"])
    updated = len(with_prior) - (Participant.objects.count() - before)
    Participant.objects.bulk_create([p for p in plan if p.prior_year_achievement_percent is None],
                                    ignore_conflicts=True)
    return Participant.objects.count() - before, updated


def submissions_write(plan) -> tuple[int, int]:
    """Store checked submissions, ``plan`` being (entity, key, contract values) triples: a
    key the entity already has is updated, the rest created. CSV and file-format imports
    share it; call it inside the upload's transaction (``upload_record``)."""
    entity_pks = {entity.pk for entity, _, _ in plan}
    existing = {(s.entity_id, s.level, s.tin, s.npi, s.measure_id, s.submission_method): s
                for s in QualitySubmission.objects.filter(entity_id__in=entity_pks)}
    to_create, to_update = [], []
    for entity, key, values in plan:
        row = existing.get(key) or QualitySubmission(entity=entity)
        for name in SUBMISSION_FIELDS:
            setattr(row, name, stored_value(name, values.get(name)))
        row.end_to_end = bool(values.get("end_to_end"))
        (to_update if row.pk else to_create).append(row)
    QualitySubmission.objects.bulk_create(to_create, batch_size=1000)
    fields = [f for f in SUBMISSION_FIELDS if f not in ("level", "tin", "npi", "measure_id",
                                                        "submission_method")]
    QualitySubmission.objects.bulk_update(to_update, fields, batch_size=1000)
    return len(to_create), len(to_update)


_STEPS = {
    DataUpload.Kind.ENTITIES: (_check_entities, _write_entities),
    DataUpload.Kind.PARTICIPANTS: (_check_participants, _write_participants),
    DataUpload.Kind.SUBMISSIONS: (_check_submissions, submissions_write),
}


def upload_import(*, actor, kind: str, upload, request=None) -> DataUpload:
    """Check every row; import all of them in one transaction, or none and report why."""
    if not actor.has_perm("scoring.change_data"):
        raise PermissionDenied("You do not have permission to upload scoring data.")
    parsed = parse_csv(kind, upload)
    check, write = _STEPS[kind]
    plan = check(parsed) if parsed.rows else []
    return upload_record(actor=actor, kind=kind, filename=upload.name or "upload.csv",
                         row_count=len(parsed.rows), errors=parsed.errors,
                         write=lambda: write(plan), request=request)
