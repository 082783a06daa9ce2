"""Helpers the submission views share: scoping and the step indicator."""

from django.shortcuts import get_object_or_404

from qis_portal.views.common import require_perm
from submissions import selectors
from submissions.elements import get_spec
from submissions.elements.work_plan import FORM_TYPE as WORK_PLAN
from submissions.elements.work_plan import RULE_LISTS


def get_submission(request, pk: int):
    """Another issuer's form (or a draft, for CMS) is not in the user's queryset: 404."""
    visible = selectors.with_details(selectors.submissions_for(request.user))
    submission = get_object_or_404(visible, pk=pk)
    require_perm(request, "submissions.view_submission", submission,
                 message="You cannot open this form.")
    return submission


def steps(submission, current: str, errors: dict) -> list[dict]:
    """USWDS step indicator: the form's Parts, then "Check and submit". A Part is shown as
    complete when nothing in it blocks submission."""
    spec = get_spec(submission.form_type)
    result = []
    for part in spec.parts:
        done = not any(key in errors for key in part.keys)
        state = "current" if part.slug == current else ("complete" if done else "")
        result.append({"slug": part.slug, "label": part.short, "state": state})
    result.append({"slug": "submit", "label": "Check and submit",
                   "state": "current" if current == "submit" else ""})
    return result


def work_plan_rules(submission) -> tuple:
    """Seed 002's two lists, shown at the top of a Work Plan (empty for a Progress Report)."""
    return RULE_LISTS if submission.form_type == WORK_PLAN else ()
