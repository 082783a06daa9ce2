"""Import a QPP Submissions API JSON or QRDA Category III file into one APM Entity's data.

The file is parsed (``scoring.formats``), each measure mapped to the engine's contract and
checked with the engine's own rules against the entity's participation list (the same check
as a CSV row or an API write). Any problem, anywhere, imports nothing: the upload is stored as
rejected with every problem by the path of its element in the file. Otherwise every measure
is written (created, or updated when the entity already has that measure from that performer
by that collection type) in the upload's one transaction.
"""

from decimal import Decimal

from qis_portal.workflow import require_permission
from scoring.formats import FORMATS, Measurement, Problems
from scoring.models import ApmEntity, DataUpload
from scoring.services.contract import submission_problems
from scoring.services.csv_import import submissions_write
from scoring.services.uploads import upload_record

MAX_BYTES = 5 * 1024 * 1024
KIND = {"qpp_json": DataUpload.Kind.QPP_JSON, "qrda3": DataUpload.Kind.QRDA3}
_KEY = ("level", "tin", "npi", "measure_id", "submission_method")


def _checked(entity: ApmEntity, measurements: list[Measurement], problems: Problems) -> list:
    pairs = list(entity.participants.values_list("tin", "npi"))
    plan, seen = [], {}
    for m in measurements:
        values = m.submission()
        if isinstance(values["data_completeness"], Decimal):
            values["data_completeness"] = values["data_completeness"].quantize(Decimal("0.0001"))
        key = (entity.pk, *(values[k] for k in _KEY))
        if key in seen:
            problems.add(m.path, f"the same measure, performer and collection type as "
                         f"{seen[key]}", m.measure_id, m.number)
            continue
        seen[key] = m.path
        for name, message in submission_problems(values, pairs):
            problems.add(m.path_of(name), f"{name}: {message}", values.get(name, ""), m.number)
        plan.append((entity, key, values))
    return plan


def format_import(*, actor, fmt: str, entity: ApmEntity, data: bytes, filename: str,
                  request=None, permission: str = "scoring.change_data") -> DataUpload:
    """Check the whole file; import every measure in one transaction, or none and say why."""
    require_permission(actor, permission, entity, action="dataupload.create", request=request,
                       message="You may not upload data for this APM Entity.")
    problems = Problems()
    if len(data) > MAX_BYTES:
        problems.add("/", f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB",
                     len(data))
        measurements, named = [], ""
    else:
        measurements, problems, named = FORMATS[fmt](data)
    if named and named != entity.entity_id:
        problems.add("/", f"the file is for APM Entity {named}, not {entity.entity_id}", named)
    plan = _checked(entity, measurements, problems)  # checked even beside other problems
    return upload_record(actor=actor, kind=KIND[fmt], filename=filename,
                         row_count=len(measurements), errors=problems.items,
                         write=lambda: submissions_write(plan), request=request,
                         permission=permission, entity=entity,
                         details={"entity": entity.entity_id})
