"""CMS opens a plan year's submission window: the form version, its OMB control number and the
due date (seed 000 is the 2025 Plan Year form, OMB 0938-1286)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from qis_portal.services.audit import audit_record
from qis_portal.validation import optional_text, require_text
from qis_portal.workflow import require_permission
from submissions.models import SubmissionWindow

OMB_PATTERN_HELP = "four digits, a hyphen, four digits (for example 0938-1286)"


def _omb(value: str) -> str:
    text = require_text(value, "omb_number", "OMB control number: required.", max_length=20)
    digits = text.split("-")
    if len(digits) != 2 or not all(part.isdigit() and len(part) == 4 for part in digits):
        raise ValidationError({"omb_number": f"OMB control number “{text}”: give "
                                             f"{OMB_PATTERN_HELP}."})
    return text


def submission_window_open(*, actor, plan_year: int, opens_on: date, due_date: date,
                           form_version: str = "", omb_number: str = "0938-1286",
                           request=None) -> SubmissionWindow:
    """Open the submission window of a plan year. One window per plan year; it opens before
    it is due."""
    require_permission(actor, "submissions.add_submissionwindow", action="submissionwindow.open",
                       request=request, message="Only CMS QIS reviewers open plan years.")
    if not 2014 <= int(plan_year) <= 2100:
        raise ValidationError({"plan_year": f"Plan year {plan_year}: give a year from 2014 to "
                                            "2100."})
    if opens_on >= due_date:
        raise ValidationError({"due_date": f"Due date {due_date:%m/%d/%Y}: must be after the "
                                           f"opening date {opens_on:%m/%d/%Y}."})
    version = optional_text(form_version, "form_version", 200)
    omb = _omb(omb_number)
    try:
        with transaction.atomic():
            window = SubmissionWindow.objects.create(
                plan_year=plan_year, opens_on=opens_on, due_date=due_date,
                form_version=version or f"{plan_year} Plan Year QIS Progress Report Form",
                omb_number=omb, opened_by=actor)
    except IntegrityError:
        raise ValidationError({"plan_year": f"The {plan_year} plan year is already open."}) \
            from None
    audit_record(action="submissionwindow.open", actor=actor, target=window, request=request,
                 details={"plan_year": plan_year, "due_date": due_date.isoformat(),
                          "omb_number": omb})
    return window
