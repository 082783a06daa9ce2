"""The outcome of a data upload (CSV, QPP JSON, QRDA III): stored, and one workflow step taken.

Every importer checks all of its rows first, then calls `upload_record` with the problems it
found and a `write` callable. In one transaction the upload row is created ("checking") and
takes its step through `run_transition`: `accept` runs `write` (every row imported), `reject`
keeps every problem and imports nothing. A failure inside `write` rolls both back.
"""

from collections.abc import Callable

from django.db import transaction

from qis_portal.workflow import run_transition
from scoring.models import DataUpload


def upload_record(*, actor, kind: str, filename: str, row_count: int, errors: list[dict],
                  write: Callable[[], tuple[int, int]], request=None,
                  permission: str = "scoring.change_data", details: dict | None = None,
                  entity=None) -> DataUpload:
    """Store the upload with its outcome; `write()` returns (created, updated) counts."""
    problems = sorted(errors, key=lambda e: (e.get("row", 0), e.get("column", ""),
                                             e.get("path", "")))

    def outcome(locked: DataUpload) -> None:
        if problems:
            locked.errors = problems
        else:
            locked.created_count, locked.updated_count = write()

    with transaction.atomic():
        record = DataUpload.objects.create(kind=kind, filename=filename[-200:],
                                           uploaded_by=actor, row_count=row_count,
                                           entity=entity)
        return run_transition(
            obj=record, transition="reject" if problems else "accept", actor=actor,
            permission=permission, request=request, before=outcome,
            action="dataupload.rejected" if problems else "dataupload.accepted",
            details={"kind": kind, "rows": row_count, "errors": len(problems),
                     **(details or {})})
