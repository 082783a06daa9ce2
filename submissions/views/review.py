"""The form's page (everyone who may see it), and the CMS QIS reviewer's actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from qis_portal.views.common import bound, errors_to_form, require_perm
from qis_portal.workflow import WorkflowConflict
from submissions.corrections import (
    correction_answered_by,
    correction_items,
    correction_report_of,
)
from submissions.elements import get_spec
from submissions.forms import ChecklistForm, DeterminationForm, FindingFormSet
from submissions.models import FormType, Submission
from submissions.presentation import render_form
from submissions.services import submission_check, submission_determine, submission_start_review
from submissions.views.common import get_submission, work_plan_rules


def _filed_context(request, submission: Submission) -> dict:
    snapshot = submission.snapshot or {}
    determination = getattr(submission, "determination", None)
    return {
        "submission": submission, "spec": get_spec(submission.form_type),
        "rendered": render_form(submission.form_type, submission.filed_data),
        "discrepancies": snapshot.get("plan_discrepancies", []),
        "proposals": snapshot.get("target_proposals", []),
        "determination": determination,
        "findings": list(determination.findings.all()) if determination else [],
        "can_edit": request.user.has_perm("submissions.change_submission", submission),
        "can_review": (request.user.has_perm("submissions.review_submission", submission)
                       and submission.status == Submission.Status.SUBMITTED),
        "can_determine": (request.user.has_perm("submissions.determine_submission", submission)
                          and submission.status == Submission.Status.UNDER_REVIEW),
        "can_export": request.user.has_perm("submissions.export_submission"),
        "work_plan_rules": work_plan_rules(submission),
        "correction": correction_answered_by(submission),
        "has_correction_report": correction_report_of(submission) is not None,
    }


def submission_detail(request, pk: int):
    submission = get_submission(request, pk)
    context = _filed_context(request, submission)
    if submission.is_draft:
        check = submission_check(submission)
        context.update({"draft_errors": sum(len(v) for v in check["errors"].values()),
                        "parts": context["spec"].parts})
    return render(request, "submissions/detail.html", context)


@require_POST
def submission_start_review_view(request, pk: int):
    submission = get_submission(request, pk)
    try:
        submission_start_review(submission=submission, actor=request.user, request=request)
    except WorkflowConflict as exc:
        messages.error(request, exc.message)
        return redirect(submission)
    messages.success(request, "Review started. Record the determination when you are done.")
    return redirect("submissions:determine", pk=pk)


def submission_determine_view(request, pk: int):
    submission = get_submission(request, pk)
    require_perm(request, "submissions.determine_submission", submission,
                 message="Only CMS QIS reviewers record determinations.")
    if submission.status != Submission.Status.UNDER_REVIEW:
        messages.info(request, "Start the review before recording a determination."
                      if submission.status == Submission.Status.SUBMITTED
                      else f"This form is {submission.get_status_display()}.")
        return redirect(submission)
    form = DeterminationForm(bound(request))
    formset = FindingFormSet(bound(request), prefix="findings",
                             form_kwargs={"form_type": submission.form_type})
    checklist = (ChecklistForm(bound(request), prefix="checklist")
                 if submission.form_type == FormType.WORK_PLAN else None)
    if request.method == "POST" and form.is_valid() and formset.is_valid() and (
            checklist is None or checklist.is_valid()):
        findings = [f.cleaned_data for f in formset.forms
                    if f.cleaned_data.get("element")]
        try:
            submission_determine(
                submission=submission, actor=request.user,
                outcome=form.cleaned_data["outcome"], summary=form.cleaned_data["summary"],
                correction_report=form.cleaned_data["correction_report"],
                findings=findings, checklist=checklist.answers() if checklist else [],
                request=request)
        except ValidationError as exc:
            errors = exc.message_dict
            for message in errors.pop("findings", []) + errors.pop("checklist", []):
                form.add_error(None, message)
            errors_to_form(form, ValidationError(errors))
        except WorkflowConflict as exc:
            messages.error(request, exc.message)
            return redirect(submission)
        else:
            messages.success(request, "Determination recorded; the issuer has been notified.")
            return redirect(submission)
    context = _filed_context(request, submission)
    context.update({"form": form, "formset": formset, "checklist": checklist})
    return render(request, "submissions/determine.html", context)


def correction_report(request, pk: int):
    """The QIS Evaluation Period Correction Report of an Interim Meets determination, as a
    document: the issuer's copy and the reviewer's."""
    submission = get_submission(request, pk)
    determination = correction_report_of(submission)
    if determination is None:
        raise Http404("This form has no Correction Report: its determination is not Interim "
                      "Meets.")
    return render(request, "submissions/correction_report.html", {
        "submission": submission, "determination": determination,
        "items": correction_items(determination), "spec": get_spec(submission.form_type),
    })
