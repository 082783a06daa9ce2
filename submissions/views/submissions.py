"""Issuer pages: the list, starting a form, each Part, and "Check and submit"."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from qis_portal.models import Organization, OrgType
from qis_portal.views.common import bound, errors_to_form, require_perm
from qis_portal.workflow import WorkflowConflict
from submissions import selectors
from submissions.corrections import correction_answered_by
from submissions.elements import get_spec
from submissions.forms import PartForm, StartForm
from submissions.models import FormType, Submission
from submissions.presentation import render_form
from submissions.services import (
    DuplicateDraft,
    EditConflict,
    submission_check,
    submission_create,
    submission_save_draft,
    submission_submit,
)
from submissions.validators.fields import display_value
from submissions.views.common import get_submission, steps, work_plan_rules

LIST_LIMIT = 200


def submission_list(request):
    require_perm(request, "submissions.view_submission", message="You cannot see QIS submissions.")
    qs = selectors.filter_submissions(selectors.submissions_for(request.user), request.GET)
    is_cms = request.user.has_perm("submissions.export_submission")
    context = {
        "submissions": selectors.list_rows(qs).order_by("-updated_at", "-id")[:LIST_LIMIT],
        "limit": LIST_LIMIT,
        "windows": selectors.windows(),
        "form_types": FormType.choices,
        "statuses": [s for s in Submission.Status.choices
                     if is_cms is False or s[0] != Submission.Status.DRAFT],
        "issuers": (Organization.objects.filter(org_type=OrgType.ISSUER).order_by("name")
                    if is_cms else []),
        "filters": {key: request.GET.get(key, "") for key in
                    ("plan_year", "form_type", "status", "issuer")},
        "can_start": request.user.has_perm("submissions.add_submission"),
        "can_export": is_cms,
        "open_windows": selectors.open_windows(),
        "query": request.GET.urlencode(),
    }
    return render(request, "submissions/list.html", context)


def submission_start(request):
    require_perm(request, "submissions.add_submission",
                 message="Only issuer users start QIS forms.")
    plans = selectors.plans_for(request.user)
    form = StartForm(bound(request), windows=selectors.windows(), plans=plans,
                     initial={"window": selectors.open_windows().first()})
    existing = None
    if request.method == "POST" and form.is_valid():
        try:
            submission = submission_create(
                actor=request.user, form_type=form.cleaned_data["form_type"],
                window=form.cleaned_data["window"],
                implementation_plan=form.cleaned_data["implementation_plan"], request=request)
        except ValidationError as exc:
            errors_to_form(form, exc)
        except DuplicateDraft as exc:
            existing = exc.existing
        else:
            messages.success(request, f"Draft started: {submission.get_form_type_display()} for "
                                      f"{submission.window.plan_year}.")
            first = get_spec(submission.form_type).parts[0].slug
            return redirect("submissions:part", pk=submission.pk, part=first)
    return render(request, "submissions/start.html",
                  {"form": form, "has_plans": plans.exists(), "existing": existing})


def _comparison(spec, part, current: Submission, mine: dict) -> list[dict]:
    rows = []
    for key in part.keys:
        element = spec.elements[key]
        saved, yours = current.data.get(key), mine.get(key)
        if saved != yours:
            rows.append({"element": element.code,
                         "saved": display_value(element, saved) or "(blank)",
                         "yours": display_value(element, yours) or "(blank)"})
    return rows


def submission_part(request, pk: int, part: str):
    submission = get_submission(request, pk)
    spec = get_spec(submission.form_type)
    this_part = spec.part(part)
    if this_part is None:
        return redirect("submissions:part", pk=pk, part=spec.parts[0].slug)
    if not submission.is_draft:
        messages.info(request, "This form has been submitted; it is shown as filed.")
        return redirect(submission)
    require_perm(request, "submissions.change_submission", submission,
                 message="You cannot change this form.")
    conflict = None
    if request.method == "POST":
        form = PartForm(request.POST, spec=spec, part=this_part)
        if form.is_valid():
            try:
                saved = submission_save_draft(
                    submission=submission, actor=request.user, data=form.values,
                    expected_version=form.cleaned_data["version"], keys=this_part.keys,
                    request=request)
            except EditConflict as exc:
                conflict = {"message": exc.message, "current": exc.current,
                            "rows": _comparison(spec, this_part, exc.current, form.values)}
                data = request.POST.copy()
                data["version"] = exc.current.version
                form = PartForm(data, spec=spec, part=this_part)
                form.is_valid()
                submission = exc.current
            except WorkflowConflict as exc:  # submitted meanwhile, from another tab
                messages.error(request, exc.message)
                return redirect(submission)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, f"{this_part.short} saved (version {saved.version}).")
                if "continue" in request.POST:
                    index = spec.parts.index(this_part)
                    if index + 1 < len(spec.parts):
                        return redirect("submissions:part", pk=pk,
                                        part=spec.parts[index + 1].slug)
                    return redirect("submissions:submit", pk=pk)
                return redirect("submissions:part", pk=pk, part=part)
    else:
        form = PartForm(initial=PartForm.initial_from(submission.data, spec, this_part,
                                                      submission.version),
                        spec=spec, part=this_part)
    check = submission_check(submission)
    outstanding = [(key, message) for key, msgs in check["errors"].items()
                   if key in this_part.keys for message in msgs]
    proposals = [p for p in check["proposals"] if p.key in this_part.keys]
    return render(request, "submissions/part.html", {
        "submission": submission, "spec": spec, "part": this_part, "form": form,
        "steps": steps(submission, this_part.slug, check["errors"]), "conflict": conflict,
        "outstanding": outstanding if request.method == "GET" else [],
        "proposals": proposals, "parts": spec.parts,
        "previous": check["context"] if check["context"].correction_required else None,
        "work_plan_rules": work_plan_rules(submission),
        "correction": correction_answered_by(submission),
    })


def submission_submit_view(request, pk: int):
    submission = get_submission(request, pk)
    if not submission.is_draft:
        return redirect(submission)
    require_perm(request, "submissions.submit_submission", submission,
                 message="You cannot submit this form.")
    spec = get_spec(submission.form_type)
    if request.method == "POST":
        try:
            submitted = submission_submit(submission=submission, actor=request.user,
                                          expected_version=request.POST.get("version"),
                                          request=request)
        except EditConflict as exc:
            messages.error(request, f"{exc.message} Review the saved version below, then "
                                    "submit again.")
            return redirect("submissions:submit", pk=pk)
        except WorkflowConflict as exc:
            messages.error(request, exc.message)
        except ValidationError:
            messages.error(request, "The form is not complete yet: see the list below.")
        else:
            messages.success(request, f"Submitted to CMS on {submitted.submitted_at:%m/%d/%Y}. "
                                      "A copy of the form as filed is below.")
            return redirect(submitted)
        submission = get_submission(request, pk)
    check = submission_check(submission)
    grouped = []
    for part in spec.parts:
        items = [{"key": key, "message": message,
                  "url": reverse("submissions:part", args=[pk, part.slug]) + f"#id_{key}"}
                 for key, msgs in check["errors"].items() if key in part.keys
                 for message in msgs]
        if items:
            grouped.append({"part": part, "items": items})
    return render(request, "submissions/submit.html", {
        "submission": submission, "spec": spec,
        "steps": steps(submission, "submit", check["errors"]),
        "grouped": grouped, "error_count": sum(len(g["items"]) for g in grouped),
        "discrepancies": check["discrepancies"], "proposals": check["proposals"],
        "rendered": render_form(submission.form_type, submission.data), "parts": spec.parts,
    })

