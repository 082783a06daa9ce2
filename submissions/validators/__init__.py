"""Every validation rule of both forms, in one place (forms, API serializers and services).

Two levels, because a draft may be incomplete but a submission may not:
- `clean_values`: each value's own rules (type, format, character and word limits, digits),
  checked whenever anything is saved;
- `submit_errors`: everything else the seeds state (required elements, rate-or-data-point,
  rates that calculate, periods in order, payment totals, conditionals), checked on submit and
  shown on the "Check and submit" step.
"""

from dataclasses import dataclass, field

from submissions.elements import FormSpec, get_spec
from submissions.validators import progress_report, work_plan
from submissions.validators.common import RATE_TOLERANCE, Errors
from submissions.validators.fields import FieldError, clean_value, count_words, is_blank

__all__ = ["RATE_TOLERANCE", "Errors", "SubmitContext", "clean_values", "count_words",
           "is_blank", "submit_errors"]


@dataclass
class SubmitContext:
    """What the rules need to know beyond the form itself."""

    plan_year: int = 0
    plan_data: dict = field(default_factory=dict)  # the Implementation Plan on file
    new_plan_on_file: bool = False  # a Closeout needs a new Implementation Plan
    correction_required: bool = False  # the previous plan year ended Interim Meets (17c)
    deficient_elements: list[str] = field(default_factory=list)
    # A Modification Summary Supplement of the plan, accepted or awaiting CMS (element 1).
    supplement_on_file: bool = False
    plan_version: int | None = None  # the version on file the report is compared with


def clean_values(spec: FormSpec, raw: dict, keys=None) -> tuple[dict, Errors]:
    """Parse `raw` (only `keys` when given); unknown keys are errors. Returns (clean, errors)."""
    errors = Errors()
    clean = {}
    if not isinstance(raw, dict):
        errors.add("data", "Give the form's values as an object of element keys.")
        return clean, errors
    for key in raw:
        if key not in spec.elements:
            errors.add(key, f"“{key}” is not an element of the {spec.title}.")
    for key in keys if keys is not None else [key for key in raw if key in spec.elements]:
        element = spec.elements[key]
        try:
            clean[key] = clean_value(element, raw.get(key))
        except FieldError as exc:
            errors.add(key, str(exc))
    return clean, errors


def submit_errors(form_type: str, data: dict, context: SubmitContext | None = None) -> Errors:
    """All errors that block submission, per element key, in the form's order."""
    spec = get_spec(form_type)
    context = context or SubmitContext()
    # Values saved before a rule tightened are re-checked here, so submit enforces everything.
    clean, errors = clean_values(spec, {key: value for key, value in data.items()
                                        if key in spec.elements})
    rules = progress_report if form_type == "progress_report" else work_plan
    for key, messages in rules.submit_errors(clean, context).items():
        for message in messages:
            errors.add(key, message)
    order = {key: index for index, key in enumerate(spec.elements)}
    return Errors(sorted(errors.items(), key=lambda item: order.get(item[0], len(order))))
