"""Implementation Plans on file: the baseline QIS a Progress Report restates (seed 000). The
issuer files it, CMS accepts it (version 1) or returns it; after that only a Modification
Summary Supplement changes it (services/supplements.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.validation import require_text
from qis_portal.workflow import run_transition
from submissions import selectors
from submissions.elements.progress_report import MEASURES, PROGRESS_REPORT, RESTATED_KEYS
from submissions.models import ImplementationPlan, PlanVersion
from submissions.validators import clean_values
from submissions.validators.common import Errors, check_period, check_result, require
from submissions.validators.fields import is_blank
from submissions.validators.restated import DIRECTIONS, HIGHER_IS_BETTER

PLAN_KEYS = tuple(key for key in RESTATED_KEYS if key != "qis_title")
DIRECTION_KEYS = tuple(f"m{m}_direction" for m in MEASURES)


def plan_errors(data: dict) -> Errors:
    """A plan on file must itself be complete and consistent: Goal 1 with Measure 1a at least;
    every measure given in full, with results that calculate and periods in order."""
    errors = Errors()
    require(errors, PROGRESS_REPORT, data, "goal_1", why="")
    results = {group.prefix: group for group in PROGRESS_REPORT.results}
    periods = {period.start: period for period in PROGRESS_REPORT.periods}
    for measure in MEASURES:
        p = f"m{measure}"
        started = any(not is_blank(data.get(key)) for key in PLAN_KEYS if key.startswith(p))
        if measure != "1a" and not started:
            continue
        require(errors, PROGRESS_REPORT, data, f"{p}_name", f"{p}_target", why="")
        check_result(errors, data, results[f"{p}_baseline"], required=True)
        check_period(errors, data, periods[f"{p}_baseline_start"], required=True)
    if any(not is_blank(data.get(key)) for key in PLAN_KEYS if key.startswith("m2")):
        require(errors, PROGRESS_REPORT, data, "goal_2", why=" when Goal 2 has measures")
    return errors


def clean_plan_data(raw: dict) -> dict:
    values = {key: value for key, value in raw.items() if key not in DIRECTION_KEYS}
    cleaned, errors = clean_values(PROGRESS_REPORT, values, PLAN_KEYS)
    for key in values:
        if key not in PLAN_KEYS and key in PROGRESS_REPORT.elements:
            errors.add(key, f"“{key}” is not part of an Implementation Plan.")
    for key in DIRECTION_KEYS:
        direction = raw.get(key) or HIGHER_IS_BETTER
        if direction not in dict(DIRECTIONS):
            errors.add(key, f"Measure {key[1:3]} direction: choose higher or lower.")
        if not is_blank(cleaned.get(f"{key[:3]}_name")):
            cleaned[key] = direction
    for key, messages in plan_errors(cleaned).items():
        for message in messages:
            errors.add(key, message)
    if errors:
        raise ValidationError({key: list(msgs) for key, msgs in errors.items()})
    return {key: value for key, value in cleaned.items() if not is_blank(value)}


def clean_plan_title(qis_title: str) -> str:
    title = (qis_title or "").strip()
    if not title:
        raise ValidationError({"qis_title": "QIS Title: required."})
    if len(title) > 200:
        raise ValidationError({"qis_title": f"QIS Title: {len(title):,} characters; the limit "
                                            "is 200 characters."})
    return title


def implementation_plan_file(*, actor, qis_title: str, plan_year: int, data: dict,
                             request=None) -> ImplementationPlan:
    if not actor.has_perm("submissions.add_implementationplan"):
        raise PermissionDenied("Only issuer users file Implementation Plans.")
    title = clean_plan_title(qis_title)
    cleaned = clean_plan_data(data)
    try:
        with transaction.atomic():
            plan = ImplementationPlan.objects.create(
                issuer=actor.organization, qis_title=title, plan_year=plan_year,
                data=cleaned, filed_by=actor)
    except IntegrityError:
        raise ValidationError({"qis_title": f"An Implementation Plan “{title}” for "
                                            f"{plan_year} is already on file."}) from None
    audit_record(action="implementationplan.file", actor=actor, target=plan, request=request,
                 details={"plan_year": plan_year})
    return plan


def implementation_plan_accept(*, actor, plan: ImplementationPlan, note: str = "",
                               request=None) -> ImplementationPlan:
    """CMS accepts the baseline: it is version 1 on file, in force from the plan's own plan
    year."""

    def before(locked: ImplementationPlan) -> None:
        locked.decision_note = note.strip()
        PlanVersion.objects.create(plan=locked, number=1, qis_title=locked.qis_title,
                                   data=dict(locked.data), effective_year=locked.plan_year,
                                   accepted_by=actor if getattr(actor, "pk", None) else None,
                                   accepted_at=timezone.now())

    def after(accepted: ImplementationPlan) -> None:
        notify_on_commit(recipients=selectors.issuer_users(accepted.issuer_id),
                         kind="submissions.plan_decided",
                         title=f"CMS accepted your Implementation Plan “{accepted.qis_title}”",
                         url=accepted.get_absolute_url())

    return run_transition(obj=plan, transition="accept", actor=actor,
                          permission="submissions.decide_implementationplan", note=note,
                          request=request, before=before, after=after)


def implementation_plan_return(*, actor, plan: ImplementationPlan, note: str,
                               request=None) -> ImplementationPlan:
    """CMS returns the baseline to the issuer, saying what to correct."""
    reason = require_text(note, "note", "Say what the issuer must correct.", max_length=2000)

    def before(locked: ImplementationPlan) -> None:
        locked.decision_note = reason

    def after(returned: ImplementationPlan) -> None:
        notify_on_commit(recipients=selectors.issuer_users(returned.issuer_id),
                         kind="submissions.plan_decided",
                         title=f"CMS returned your Implementation Plan “{returned.qis_title}”",
                         body=reason, url=returned.get_absolute_url())

    return run_transition(obj=plan, transition="return_plan", actor=actor,
                          permission="submissions.decide_implementationplan", note=reason,
                          request=request, before=before, after=after)


def implementation_plan_refile(*, actor, plan: ImplementationPlan, qis_title: str, data: dict,
                               request=None) -> ImplementationPlan:
    """The issuer corrects a returned baseline and files it again (never once it is on file:
    then only a Modification Summary Supplement changes it)."""
    title = clean_plan_title(qis_title)
    cleaned = clean_plan_data(data)

    def before(locked: ImplementationPlan) -> None:
        locked.qis_title, locked.data = title, cleaned

    return run_transition(obj=plan, transition="refile", actor=actor,
                          permission="submissions.refile_implementationplan", request=request,
                          before=before, note="Corrected baseline filed again")
