"""Submit, start review, determine: each through run_transition (lock, permission, FSM, audit),
with notifications after commit."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from qis_portal.services.notifications import notify_on_commit
from qis_portal.workflow import WorkflowConflict, require_permission, run_transition
from submissions import selectors
from submissions.elements import get_spec
from submissions.elements.work_plan import CHECKLIST
from submissions.elements.work_plan import FORM_TYPE as WORK_PLAN
from submissions.models import Determination, Finding, Submission
from submissions.services.drafts import EditConflict
from submissions.validators import SubmitContext, submit_errors
from submissions.validators.restated import plan_discrepancies, target_proposals


def submit_context(submission: Submission) -> SubmitContext:
    previous = selectors.previous_determination(submission)
    interim = previous is not None and previous.outcome == Determination.Outcome.INTERIM_MEETS
    plan = submission.implementation_plan
    version = plan.version_for(submission.window.plan_year) if plan else None
    return SubmitContext(
        plan_year=submission.window.plan_year,
        plan_data={**version.data, "qis_title": version.qis_title} if version else {},
        new_plan_on_file=selectors.new_plan_on_file(submission),
        correction_required=interim,
        deficient_elements=previous.deficient_elements if interim else [],
        supplement_on_file=bool(plan) and selectors.supplement_on_file(
            plan, submission.window.plan_year),
        plan_version=version.number if version else None,
    )


def submission_check(submission: Submission) -> dict:
    """Everything the "Check and submit" step shows: blocking errors, values that differ from
    the plan on file, and "target achieved?" proposals."""
    context = submit_context(submission)
    data = submission.data
    return {
        "errors": submit_errors(submission.form_type, data, context),
        "discrepancies": (plan_discrepancies(data, context.plan_data)
                          if submission.implementation_plan_id else []),
        "proposals": (target_proposals(data, context.plan_data)
                      if submission.form_type == "progress_report" else []),
        "context": context,
    }


def _url(submission: Submission) -> str:
    return submission.get_absolute_url()


CHECKLIST_KEYS = frozenset(key for key, *_ in CHECKLIST)

# The transition that records each outcome (a literal each: tests/core/test_every_transition).
DETERMINE = {
    Determination.Outcome.MEETS: "determine_meets",
    Determination.Outcome.INTERIM_MEETS: "determine_interim_meets",
    Determination.Outcome.DOES_NOT_MEET: "determine_does_not_meet",
}


def submission_submit(*, submission: Submission, actor, expected_version=None,
                      request=None) -> Submission:
    """Draft → submitted: everything the seeds require is enforced; the form is frozen as a JSON
    snapshot with the submission time."""

    def before(locked: Submission) -> None:
        if expected_version is not None and str(expected_version) != str(locked.version):
            raise EditConflict(locked, expected_version)
        today = timezone.localdate()
        window = locked.window
        if today < window.opens_on:
            raise WorkflowConflict(f"The {window.plan_year} submission window opens on "
                                   f"{window.opens_on:%m/%d/%Y}.", current_state=locked.status)
        if today > window.due_date:
            raise WorkflowConflict(f"The {window.plan_year} submission window closed on "
                                   f"{window.due_date:%m/%d/%Y}.", current_state=locked.status)
        check = submission_check(locked)
        if check["errors"]:
            raise ValidationError({key: list(msgs) for key, msgs in check["errors"].items()})
        now = timezone.now()
        locked.submitted_at = now
        locked.submitted_by = actor
        locked.snapshot = {
            "form_type": locked.form_type,
            "form_title": get_spec(locked.form_type).title,
            "issuer": {"id": locked.issuer_id, "name": locked.issuer.name,
                       "hios_issuer_id": locked.issuer.hios_issuer_id},
            "plan_year": window.plan_year,
            "implementation_plan": locked.implementation_plan_id,
            "plan_version": check["context"].plan_version,
            "version": locked.version,
            "submitted_at": now.isoformat(),
            "submitted_by": actor.email,
            "data": dict(locked.data),
            "plan_discrepancies": [d.__dict__ for d in check["discrepancies"]],
            "target_proposals": [
                {"element": p.element, "proposed": p.proposed, "answered": p.answered,
                 "reason": p.reason} for p in check["proposals"]],
        }

    def after(result: Submission) -> None:
        title = f"{result.get_form_type_display()} submitted: {result.issuer} ({result.window})"
        notify_on_commit(recipients=selectors.issuer_users(result.issuer_id),
                         kind="submissions.submitted", title=title,
                         body=f"Submitted by {actor.email}.", url=_url(result))
        # The reviewers' copy awaits their review: the submission's next step resolves it.
        notify_on_commit(recipients=selectors.qis_reviewers(result.form_type),
                         kind="submissions.submitted",
                         title=title, body=f"Submitted by {actor.email}.", url=_url(result),
                         awaiting=result)

    return run_transition(obj=submission, transition="submit", actor=actor,
                          permission="submissions.submit_submission", request=request,
                          before=before, after=after, note="Submitted to CMS")


def submission_start_review(*, submission: Submission, actor, request=None) -> Submission:
    def before(locked: Submission) -> None:
        locked.reviewer = actor
        locked.review_started_at = timezone.now()

    def after(result: Submission) -> None:
        notify_on_commit(
            recipients=selectors.issuer_users(result.issuer_id),
            kind="submissions.review_started",
            title=f"CMS started reviewing your {result.get_form_type_display()} "
                  f"({result.window})", url=_url(result))

    return run_transition(obj=submission, transition="start_review", actor=actor,
                          permission="submissions.review_submission", request=request,
                          before=before, after=after, note="CMS review started")


def validate_determination(spec, outcome: str, findings: list[dict],
                           correction_report: str) -> list[dict]:
    """Element-level findings; a Must Pass element found deficient cannot yield Meets."""
    known = dict(spec.finding_elements)
    errors: dict[str, list[str]] = {}
    clean, seen = [], set()
    if outcome not in Determination.Outcome.values:
        errors["outcome"] = ["Choose Meets, Interim Meets or Does Not Meet."]
    for finding in findings:
        element = str(finding.get("element", "")).strip()
        if element not in known:
            errors.setdefault("findings", []).append(
                f"“{element}” is not an element of the {spec.title}.")
            continue
        if element in seen:
            errors.setdefault("findings", []).append(f"Element {element} is named twice.")
            continue
        seen.add(element)
        clean.append({"element": element, "label": known[element],
                      "must_pass": spec.is_must_pass(element),
                      "note": str(finding.get("note", "")).strip()[:2000]})
    must_pass = [f["element"] for f in clean if f["must_pass"]]
    if outcome == Determination.Outcome.MEETS and must_pass:
        errors.setdefault("outcome", []).append(
            f"Meets is not possible: Must Pass element(s) {', '.join(must_pass)} found "
            "deficient.")
    if outcome in (Determination.Outcome.INTERIM_MEETS, Determination.Outcome.DOES_NOT_MEET) \
            and not clean:
        errors.setdefault("findings", []).append(
            "Name at least one deficient element for Interim Meets or Does Not Meet.")
    if outcome == Determination.Outcome.INTERIM_MEETS and not correction_report.strip():
        errors.setdefault("correction_report", []).append(
            "Interim Meets needs a correction report: what the issuer must correct in its next "
            "plan year submission (answered in element 17c).")
    if errors:
        raise ValidationError(errors)
    return clean


def validate_checklist(form_type: str, outcome: str, answers: list[dict]) -> list[dict]:
    """A Work Plan's review answers every item of seed 002's two lists, met or not met (a note
    each, optional); an item not met cannot yield Meets. A Progress Report has no checklist."""
    if form_type != WORK_PLAN:
        if answers:
            raise ValidationError({"checklist": "Only a Work Plan review has the Covered "
                                                "California checklist."})
        return []
    given = {str(a.get("key", "")): a for a in answers if isinstance(a, dict)}
    errors, stored = [], []
    for key in given:
        if key not in CHECKLIST_KEYS:
            errors.append(f"“{key}” is not an item of the Work Plan checklist.")
    for key, heading, number, text in CHECKLIST:
        answer = given.get(key, {})
        met = answer.get("met")
        if met not in ("met", "not_met", True, False):
            errors.append(f"{heading} {number}: mark it met or not met.")
            continue
        stored.append({"key": key, "list": heading, "number": number, "text": text,
                       "met": met in ("met", True),
                       "note": str(answer.get("note") or "").strip()[:2000]})
    unmet = [f"{item['list']} {item['number']}" for item in stored if not item["met"]]
    if outcome == Determination.Outcome.MEETS and unmet:
        errors.append(f"Meets is not possible: checklist item(s) not met: {'; '.join(unmet)}.")
    if errors:
        raise ValidationError({"checklist": errors})
    return stored


def submission_determine(*, submission: Submission, actor, outcome: str, summary: str = "",
                         correction_report: str = "", findings: list[dict] | None = None,
                         checklist: list[dict] | None = None, request=None) -> Submission:
    """Under review → Meets / Interim Meets / Does Not Meet, with findings (and, for a Work
    Plan, the checklist of seed 002's two lists)."""
    # Refused before the findings are read: who may not decide learns nothing about them.
    require_permission(actor, "submissions.determine_submission", submission,
                       action=f"submission.{DETERMINE.get(outcome, 'determine')}",
                       request=request, message="You cannot record a determination on this "
                                                "form.")
    spec = get_spec(submission.form_type)
    clean = validate_determination(spec, outcome, findings or [], correction_report)
    items = validate_checklist(submission.form_type, outcome, checklist or [])

    def before(locked: Submission) -> None:
        determination = Determination.objects.create(
            submission=locked, outcome=outcome, summary=summary.strip(),
            correction_report=correction_report.strip(), checklist=items,
            determined_by=actor, determined_at=timezone.now())
        Finding.objects.bulk_create(Finding(determination=determination, **f) for f in clean)

    def after(result: Submission) -> None:
        label = Determination.Outcome(outcome).label
        notify_on_commit(
            recipients=selectors.issuer_users(result.issuer_id), kind="submissions.determined",
            title=f"CMS determination: {label} — {result.get_form_type_display()} "
                  f"({result.window})",
            body=correction_report.strip(), url=_url(result))

    return run_transition(
        obj=submission, transition=DETERMINE[outcome], actor=actor,
        permission="submissions.determine_submission", request=request, before=before,
        after=after, note=summary.strip()[:500],
        details={"deficient": [f["element"] for f in clean]})
