"""Submit rules of the Covered California QIS 2 Work Plan (seed 002)."""

from decimal import Decimal

from submissions.elements.work_plan import (
    INCENTIVE_DESCRIPTIONS,
    MEASURES,
    MILESTONES,
    NTSV_TARGET,
    WORK_PLAN,
)
from submissions.validators.common import (
    Errors,
    check_period,
    check_result,
    check_target,
    measure_started,
    require,
    result_kind,
)
from submissions.validators.fields import is_blank, parse_decimal

SPEC = WORK_PLAN


def submit_errors(data: dict, context) -> Errors:
    errors = Errors()
    for key, what in (("product_types", "product type"), ("data_sources", "data source"),
                      ("incentives", "market-based incentive")):
        if not data.get(key):
            errors.add(key, f"{SPEC.elements[key].code}: check at least one {what}.")
    _checked_needs_text(errors, data, "data_sources", "census", "census_type", "Census data")
    _checked_needs_text(errors, data, "data_sources", "other", "data_source_other", "Other")
    for choice, key in INCENTIVE_DESCRIPTIONS.items():
        label = dict(SPEC.elements["incentives"].choices)[choice]
        _checked_needs_text(errors, data, "incentives", choice, key, label)
    require(errors, SPEC, data, "description", "goal_1", "goal_2", "rationale", "activities",
            "activities_incentives", "start_date")
    for key in ("attachment_j_goal1", "attachment_j_goal2"):
        if not data.get(key):
            errors.add(key, f"{SPEC.elements[key].code}: confirm the Attachment J questions are "
                            "answered.")
    _measures(errors, data)
    _milestones(errors, data)
    _risk(errors, data)
    return errors


def _checked_needs_text(errors: Errors, data: dict, multi: str, choice: str, key: str,
                        label: str) -> None:
    checked = choice in (data.get(multi) or [])
    code = SPEC.elements[key].code
    if checked and is_blank(data.get(key)):
        errors.add(key, f"{code}: required when “{label}” is checked.")
    if not checked and not is_blank(data.get(key)):
        errors.add(key, f"{code}: check “{label}” or leave this blank.")


def _measures(errors: Errors, data: dict) -> None:
    results = {group.prefix: group for group in SPEC.results}
    periods = {period.start: period for period in SPEC.periods}
    for measure in MEASURES:
        required = measure in ("1a", "2a") or measure_started(data, measure)
        p = f"m{measure}"
        if required:
            require(errors, SPEC, data, f"{p}_name", f"{p}_supports", f"{p}_target")
        group = results[f"{p}_baseline"]
        check_result(errors, data, group, required=required)
        check_period(errors, data, periods[f"{p}_baseline_start"], required=required)
        check_target(errors, data, SPEC, measure, [group])
    _ntsv_target(errors, data, results["m1a_baseline"])


def _ntsv_target(errors: Errors, data: dict, baseline) -> None:
    """Seed 002's 23.9 % is a rate: it caps Measure 1a's target when Measure 1a is a rate. A
    Measure 1a counted as a data point states its own target; the prefilled 23.9 % rate target
    does not carry over to a count."""
    target = data.get("m1a_target")
    if is_blank(target):
        return
    code = SPEC.elements["m1a_target"].code
    kind = result_kind(data, baseline)
    if kind == "rate" and parse_decimal(target) > Decimal(NTSV_TARGET):
        errors.add("m1a_target", f"{code}: Goal 1 is an NTSV C-section rate of {NTSV_TARGET} % "
                                 f"or lower; the target {target} % is higher.")
    if kind == "data_point" and parse_decimal(target) == Decimal(NTSV_TARGET):
        errors.add("m1a_target", f"{code}: Measure 1a is a data point, not a rate, so the "
                                 f"{NTSV_TARGET} % rate target does not apply; give the data "
                                 "point this QIS intends to achieve.")


def _milestones(errors: Errors, data: dict) -> None:
    given = 0
    for n in MILESTONES:
        text, when = data.get(f"milestone_{n}"), data.get(f"milestone_{n}_date")
        if not is_blank(text):
            given += 1
            if is_blank(when):
                errors.add(f"milestone_{n}_date", f"10b Milestone {n}: give the date for this "
                                                  "milestone.")
        elif not is_blank(when):
            errors.add(f"milestone_{n}", f"10b Milestone {n}: describe the milestone for this "
                                         "date, or clear the date.")
    if not given:
        errors.add("milestone_1", "10b Milestones: at least one milestone is required, each "
                                  "with a date.")


def _risk(errors: Errors, data: dict) -> None:
    barriers = not is_blank(data.get("barriers"))
    assessed = not is_blank(data.get("risk_assessment"))
    if barriers == assessed:
        errors.add("barriers", (
            "11a Risk Assessment: list the known or anticipated barriers, or — if no barriers "
            "were identified — describe how you assessed risk; exactly one of the two."))
    if barriers and is_blank(data.get("mitigation")):
        errors.add("mitigation", "11b Mitigation activities: required when barriers are listed "
                                 "in 11a.")
    if not barriers and not is_blank(data.get("mitigation")):
        errors.add("mitigation", "11b Mitigation activities: leave blank when no barriers were "
                                 "identified in 11a.")
