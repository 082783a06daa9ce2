"""The QIS Evaluation Period Correction Report: what an Interim Meets determination asks the
issuer to correct (each deficient element with the reviewer's finding), and how the next plan
year's form answers it in 17c (seed 000: "indicate which elements and/or criteria were updated
based on the QIS Evaluation Period Correction Report and describe the changes")."""

import re
from dataclasses import dataclass

from submissions import selectors
from submissions.elements import element_name, get_spec
from submissions.models import Determination, Submission


@dataclass(frozen=True)
class CorrectionItem:
    element: str  # the element's number ("16f", "6")
    label: str
    must_pass: bool
    finding: str  # the reviewer's finding
    named_in_17c: bool | None = None  # None: no answering form yet
    changed: bool | None = None  # its values differ from the form the report was about

    def __str__(self) -> str:
        return element_name(self.element, self.label)


def correction_report_of(submission: Submission) -> Determination | None:
    """The form's own Correction Report: its determination when that was Interim Meets."""
    determination = getattr(submission, "determination", None)
    if determination and determination.outcome == Determination.Outcome.INTERIM_MEETS:
        return determination
    return None


def _named(code: str, text: str) -> bool:
    return re.search(rf"(?<![0-9a-z]){re.escape(code.casefold())}(?![0-9a-z])",
                     (text or "").casefold()) is not None


def _changed(spec, code: str, before: dict, after: dict) -> bool:
    keys = [key for key, element in spec.elements.items() if element.number == code]
    return any((before.get(key) or "") != (after.get(key) or "") for key in keys)


def correction_items(determination: Determination,
                     answer: Submission | None = None) -> list[CorrectionItem]:
    """Each deficient element with the finding; with `answer` (next year's form), whether its
    17c names the element and whether the element's values changed since the form judged."""
    spec = get_spec(determination.submission.form_type)
    before = determination.submission.filed_data
    items = []
    for finding in determination.findings.all():
        named = changed = None
        if answer is not None:
            named = _named(finding.element, answer.data.get("correction_changes", ""))
            changed = _changed(spec, finding.element, before, answer.data)
        items.append(CorrectionItem(finding.element, finding.label, finding.must_pass,
                                    finding.note, named, changed))
    return items


def correction_answered_by(submission: Submission) -> dict | None:
    """For a form whose previous plan year ended Interim Meets: that Correction Report and its
    items beside this form's answer (None otherwise)."""
    previous = selectors.previous_determination(submission)
    if previous is None or previous.outcome != Determination.Outcome.INTERIM_MEETS:
        return None
    return {"determination": previous, "items": correction_items(previous, submission)}
