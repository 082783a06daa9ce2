"""Creating and saving drafts, with optimistic locking (a second tab or a second user cannot
silently overwrite the first: each save names the version it was read at)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from qis_portal.regions import STATE_NAMES
from qis_portal.services.audit import audit_record
from qis_portal.workflow import WorkflowConflict, require_permission
from submissions.elements import get_spec
from submissions.elements.work_plan import COVERED_CA_STATE, NTSV_MEASURE, NTSV_TARGET
from submissions.elements.work_plan import FORM_TYPE as WORK_PLAN
from submissions.models import FormType, ImplementationPlan, Submission, SubmissionWindow
from submissions.validators import clean_values
from submissions.validators.restated import RESTATED_KEYS


class DuplicateDraft(WorkflowConflict):
    """A form of this plan year and QIS already exists; `existing` is it (the page links it)."""

    def __init__(self, existing: Submission):
        super().__init__(
            f"A {existing.window.plan_year} {existing.get_form_type_display()} for this QIS "
            f"already exists ({existing.get_status_display().lower()}, #{existing.pk}): open "
            f"it at {existing.get_absolute_url()} instead of starting a second one.",
            current_state=existing.status)
        self.existing = existing


def existing_form(*, issuer, form_type: str, window: SubmissionWindow,
                  implementation_plan: ImplementationPlan | None) -> Submission | None:
    """The form a new draft would duplicate: a Progress Report on the same plan in the same
    plan year (any state), or a Work Plan draft of the same plan year (the Work Plan's QIS is
    fixed, seed 002; a second one is filed only after the first is submitted, for other
    products)."""
    qs = Submission.objects.select_related("window").filter(
        issuer=issuer, form_type=form_type, window=window)
    if form_type == WORK_PLAN:
        qs = qs.filter(status=Submission.Status.DRAFT)
    else:
        qs = qs.filter(implementation_plan=implementation_plan)
    return qs.order_by("id").first()


class EditConflict(WorkflowConflict):
    """The draft changed since the user read it; `current` is the saved version."""

    def __init__(self, current: Submission, expected_version):
        who = current.last_saved_by.email if current.last_saved_by else "another user"
        super().__init__(
            f"This draft was saved by {who} (version {current.version}) after you opened it "
            f"(version {expected_version}). Your changes were not saved.",
            current_state=current.status,
        )
        self.current = current
        self.expected_version = expected_version


def _raise_invalid(errors) -> None:
    if errors:
        raise ValidationError({key: list(messages) for key, messages in errors.items()})


def prefill(*, form_type: str, issuer, actor, plan: ImplementationPlan | None,
            plan_year: int = 0) -> dict:
    """What the issuer must restate, filled in for them: the plan on file (seed 000, Part C),
    the issuer's own details (Part B), the Work Plan's fixed title and NTSV target (seed 002)."""
    if form_type == WORK_PLAN:
        return {"m1a_name": NTSV_MEASURE, "m1a_target": NTSV_TARGET}
    data = {
        "issuer_legal_name": issuer.name,
        "hios_issuer_id": issuer.hios_issuer_id,
        "issuer_state": issuer.state,
        "primary_first_name": actor.first_name,
        "primary_last_name": actor.last_name,
        "primary_title": actor.title,
        "primary_email": actor.email,
    }
    spec = get_spec(form_type)
    cleaned = {}
    for key, value in data.items():
        single, errors = clean_values(spec, {key: value})
        if not errors:
            cleaned.update(single)
    version = plan.version_for(plan_year) if plan is not None else None
    if version is not None:  # the version on file in force for the report's plan year
        cleaned.update({key: version.data.get(key) for key in RESTATED_KEYS
                        if version.data.get(key) not in (None, "")})
        cleaned["qis_title"] = version.qis_title
    return cleaned


@transaction.atomic
def submission_create(*, actor, form_type: str, window: SubmissionWindow,
                      implementation_plan: ImplementationPlan | None = None,
                      data: dict | None = None, request=None) -> Submission:
    """Start a draft for the actor's own issuer (never another's: the issuer is not an input)."""
    if not actor.has_perm("submissions.add_submission"):
        raise PermissionDenied("Only issuer users start QIS forms.")
    issuer = actor.organization
    if form_type not in FormType.values:
        raise ValidationError({"form_type": f"Unknown form type “{form_type}”."})
    if form_type == WORK_PLAN:
        if issuer.state != COVERED_CA_STATE:
            raise ValidationError({"form_type": (
                "A Covered California QIS 2 Work Plan is only for issuers offering coverage in "
                f"California; {issuer.name} is an issuer of "
                f"{STATE_NAMES.get(issuer.state, issuer.state or 'no state on record')}.")})
        implementation_plan = None
    elif implementation_plan is None:
        raise ValidationError({"implementation_plan": "Choose the Implementation Plan on file "
                                                      "this Progress Report reports on."})
    elif implementation_plan.issuer_id != issuer.pk:
        raise ValidationError({"implementation_plan": "That Implementation Plan is not yours."})
    elif implementation_plan.version_for(window.plan_year) is None:
        raise ValidationError({"implementation_plan": (
            f"“{implementation_plan}” is not on file for the {window.plan_year} plan year: CMS "
            "accepts an Implementation Plan before a Progress Report reports on it.")})
    existing = existing_form(issuer=issuer, form_type=form_type, window=window,
                             implementation_plan=implementation_plan)
    if existing is not None:
        raise DuplicateDraft(existing)
    spec = get_spec(form_type)
    values = prefill(form_type=form_type, issuer=issuer, actor=actor, plan=implementation_plan,
                     plan_year=window.plan_year)
    if data:
        cleaned, errors = clean_values(spec, data)
        _raise_invalid(errors)
        values.update(cleaned)
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                form_type=form_type, issuer=issuer, window=window,
                implementation_plan=implementation_plan, data=values, created_by=actor,
                last_saved_by=actor,
            )
    except IntegrityError:  # a second request raced this one past the check above
        raise DuplicateDraft(existing_form(
            issuer=issuer, form_type=form_type, window=window,
            implementation_plan=implementation_plan)) from None
    audit_record(action="submission.create", actor=actor, target=submission, request=request,
                 to_state=submission.status,
                 details={"form_type": form_type, "plan_year": window.plan_year})
    return submission


def submission_save_draft(*, submission: Submission, actor, data: dict, expected_version,
                          keys=None, request=None) -> Submission:
    """Save part (or all) of a draft. Each value is checked (limits, formats); completeness
    waits for submission. Raises EditConflict when someone saved since `expected_version`."""
    spec = get_spec(submission.form_type)
    # Refused (and recorded) outside the transaction below, so the refusal stays in the trail.
    require_permission(actor, "submissions.work_on_submission", submission,
                       action="submission.save_draft", request=request,
                       message="You cannot change this form.")
    cleaned, errors = clean_values(spec, data, keys)
    _raise_invalid(errors)
    try:
        expected = int(expected_version)
    except (TypeError, ValueError):
        raise ValidationError({"version": "Give the version of the draft you are "
                                          "saving."}) from None
    with transaction.atomic():
        locked = Submission.objects.select_for_update(of=("self",)).select_related(
            "last_saved_by").get(pk=submission.pk)
        if locked.status != Submission.Status.DRAFT:
            raise WorkflowConflict(
                f"This form is {locked.get_status_display().lower()}; a filed form cannot "
                "be changed.", current_state=locked.status)
        if not actor.has_perm("submissions.change_submission", locked):
            raise PermissionDenied("You cannot change this form.")
        if expected != locked.version:
            raise EditConflict(locked, expected)
        changed = sorted(key for key, value in cleaned.items() if locked.data.get(key) != value)
        locked.data = {**locked.data, **cleaned}
        locked.version += 1
        locked.last_saved_by = actor
        locked.save(update_fields=["data", "version", "last_saved_by", "updated_at"])
        audit_record(action="submission.save_draft", actor=actor, target=locked,
                     request=request, details={"version": locked.version, "changed": changed})
    return locked
