"""Implementation Plans on file: the baseline QIS a Progress Report restates (seed 000)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from qis_portal.services.audit import audit_record
from submissions.elements.progress_report import MEASURES, PROGRESS_REPORT, RESTATED_KEYS
from submissions.models import ImplementationPlan
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


def _clean(raw: dict) -> dict:
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


def _title(qis_title: str) -> str:
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
    title = _title(qis_title)
    cleaned = _clean(data)
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


@transaction.atomic
def implementation_plan_update(*, plan: ImplementationPlan, actor, qis_title: str, data: dict,
                               request=None) -> ImplementationPlan:
    """A modification of the plan on file (what a Modification Summary Supplement records)."""
    locked = ImplementationPlan.objects.select_for_update().get(pk=plan.pk)
    if not actor.has_perm("submissions.change_implementationplan", locked):
        raise PermissionDenied("You cannot change this Implementation Plan.")
    title = _title(qis_title)
    cleaned = _clean(data)
    changed = sorted(key for key in {*cleaned, *locked.data}
                     if cleaned.get(key) != locked.data.get(key))
    if title != locked.qis_title:
        changed.insert(0, "qis_title")
    locked.qis_title = title
    locked.data = cleaned
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError:
        raise ValidationError({"qis_title": "Another plan of the same year has this title."}) \
            from None
    audit_record(action="implementationplan.modify", actor=actor, target=locked,
                 request=request, details={"changed": changed})
    return locked
