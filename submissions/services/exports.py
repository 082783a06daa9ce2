"""CSV and JSON copies of filed forms for CMS."""

import csv
import io

from qis_portal.exports import safe_cell
from submissions.elements import get_spec
from submissions.models import Submission
from submissions.presentation import flat_columns
from submissions.validators.fields import display_value

META_COLUMNS = ("Submission ID", "Form", "Issuer", "HIOS Issuer ID", "Plan year", "Status",
                "Submitted at (UTC)", "Determination", "Deficient elements")


def _meta(submission: Submission) -> list:
    determination = getattr(submission, "determination", None)
    return [
        submission.pk, submission.get_form_type_display(), submission.issuer.name,
        submission.issuer.hios_issuer_id, submission.window.plan_year,
        submission.get_status_display(),
        submission.submitted_at.strftime("%Y-%m-%d %H:%M:%S") if submission.submitted_at else "",
        determination.get_outcome_display() if determination else "",
        "; ".join(f.element for f in determination.findings.all()) if determination else "",
    ]


def submissions_csv(submissions, form_type: str) -> str:
    """One row per form of `form_type`, one column per element, formula cells escaped."""
    spec = get_spec(form_type)
    columns = flat_columns(form_type)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*META_COLUMNS, *(header for _, header in columns)])
    for submission in submissions:
        data = submission.filed_data
        values = [display_value(spec.elements[key], data.get(key)) for key, _ in columns]
        writer.writerow([safe_cell(value) for value in [*_meta(submission), *values]])
    return out.getvalue()


def submission_json(submission: Submission) -> dict:
    """The JSON copy: the frozen snapshot plus where the form stands now."""
    determination = getattr(submission, "determination", None)
    return {
        "id": submission.pk,
        "form_type": submission.form_type,
        "status": submission.status,
        "plan_year": submission.window.plan_year,
        "issuer": {"id": submission.issuer_id, "name": submission.issuer.name,
                   "hios_issuer_id": submission.issuer.hios_issuer_id},
        "submitted_at": submission.submitted_at.isoformat() if submission.submitted_at else None,
        "filed": submission.snapshot or {"data": submission.data},
        "determination": None if determination is None else {
            "outcome": determination.outcome,
            "summary": determination.summary,
            "correction_report": determination.correction_report,
            "determined_at": determination.determined_at.isoformat(),
            "findings": [{"element": f.element, "label": f.label, "must_pass": f.must_pass,
                          "note": f.note} for f in determination.findings.all()],
        },
    }
