"""Submit rules of the QIS Progress Report (seed 000), beyond each value's own limits."""

from decimal import Decimal

from submissions.elements.progress_report import (
    CLOSEOUT,
    MEASURES,
    PAYMENT_KEYS,
    PAYMENT_TOTAL_RANGE,
    PROGRESS_REPORT,
    WITH_MODIFICATIONS,
)
from submissions.validators.common import (
    Errors,
    check_period,
    check_result,
    check_target,
    measure_started,
    require,
)
from submissions.validators.fields import format_decimal, is_blank, parse_decimal

SPEC = PROGRESS_REPORT
PART_B_REQUIRED = (
    "issuer_legal_name", "company_legal_name", "hios_issuer_id", "issuer_state",
    "primary_first_name", "primary_last_name", "primary_title", "primary_phone",
    "primary_email", "secondary_first_name", "secondary_last_name", "secondary_title",
    "secondary_phone", "secondary_email", "exchange_start_date",
)


def submit_errors(data: dict, context) -> Errors:
    errors = Errors()
    if not data.get("reviewed_plan"):
        errors.add("reviewed_plan", f"{SPEC.elements['reviewed_plan'].code}: confirm you have "
                                    "reviewed your baseline QIS Implementation Plan.")
    require(errors, SPEC, data, "submission_type", "qis_title", *PART_B_REQUIRED)
    closeout = data.get("submission_type") == CLOSEOUT
    if closeout and not context.new_plan_on_file:
        errors.add("submission_type", (
            f"{SPEC.elements['submission_type'].code}: a Progress Report Closeout Form requires "
            f"a new Implementation Plan on file for the {context.plan_year} plan year; file the "
            "new QIS's Implementation Plan first."))
    if data.get("submission_type") == WITH_MODIFICATIONS and not context.supplement_on_file:
        errors.add("submission_type", (
            f"{SPEC.elements['submission_type'].code}: continuing with modifications requires "
            "a Modification Summary Supplement on the Implementation Plan, accepted by CMS or "
            "awaiting it; file the supplement first, or choose continuing without "
            "modifications."))
    _payment_models(errors, data)
    _measures(errors, data, context.plan_data or {})
    require(errors, SPEC, data, "progress_summary", "barriers", "timeline_problems")
    rationale = SPEC.elements["closeout_rationale"].code
    if closeout and is_blank(data.get("closeout_rationale")):
        errors.add("closeout_rationale", f"{rationale}: required when element 1 is Progress "
                                         "Report Closeout Form.")
    if not closeout and not is_blank(data.get("closeout_rationale")):
        errors.add("closeout_rationale", f"{rationale}: only for a Progress Report Closeout "
                                         "Form; leave it blank for a Progress Report.")
    if context.correction_required and is_blank(data.get("correction_changes")):
        errors.add("correction_changes", (
            f"{SPEC.elements['correction_changes'].code}: required, because the previous plan "
            f"year's determination was Interim Meets (deficient elements: "
            f"{', '.join(context.deficient_elements) or 'see the Correction Report'})."))
    for answer, description in (("barriers", "barriers_description"),
                                ("timeline_problems", "timeline_description")):
        if data.get(answer) == "yes" and is_blank(data.get(description)):
            errors.add(description, f"{SPEC.elements[description].code}: required when the "
                                    "answer is Yes.")
    return errors


def payment_total(data: dict) -> Decimal:
    return sum((parse_decimal(data[key]) for key in PAYMENT_KEYS.values()
                if not is_blank(data.get(key))), Decimal(0))


def _payment_models(errors: Errors, data: dict) -> None:
    selected = data.get("payment_models") or []
    code = SPEC.elements["payment_models"].code
    if not selected:
        errors.add("payment_models", f"{code}: select at least one payment model category.")
    for category, key in PAYMENT_KEYS.items():
        element = SPEC.elements[key]
        given = not is_blank(data.get(key))
        if category in selected and not given:
            errors.add(key, f"15 {element.subject}: give the percentage for a selected "
                            "category.")
        if category not in selected and given and parse_decimal(data[key]) != 0:
            errors.add(key, f"15 {element.subject}: select this category or clear its "
                            "percentage.")
    if selected:
        total = payment_total(data)
        low, high = (Decimal(v) for v in PAYMENT_TOTAL_RANGE)
        if not low <= total <= high:
            errors.add("payment_models", (
                f"{code}: the percentages total {format_decimal(total)} %; the total must equal "
                f"approximately 100 % ({low}–{high} %)."))


def required_measures(data: dict, plan_data: dict) -> list[str]:
    """1a always; another measure when the plan on file has it or the form has begun it."""
    needed = ["1a"]
    for measure in MEASURES[1:]:
        if measure_started(data, measure) or not is_blank(plan_data.get(f"m{measure}_name")):
            needed.append(measure)
    if not is_blank(data.get("goal_2")) and "2a" not in needed:
        needed.append("2a")
    return needed


def _measures(errors: Errors, data: dict, plan_data: dict) -> None:
    require(errors, SPEC, data, "goal_1")
    needed = required_measures(data, plan_data)
    if ("2a" in needed or "2b" in needed or not is_blank(plan_data.get("goal_2"))):
        require(errors, SPEC, data, "goal_2",
                why=" when the plan on file or this report has Goal 2 measures")
    results = {group.prefix: group for group in SPEC.results}
    periods = {period.start: period for period in SPEC.periods}
    for measure in MEASURES:
        required = measure in needed
        p = f"m{measure}"
        if required:
            require(errors, SPEC, data, f"{p}_name", f"{p}_target", f"{p}_target_achieved")
        groups = [results[f"{p}_baseline"], results[f"{p}_progress"]]
        for group in groups:
            check_result(errors, data, group, required=required)
        for phase in ("baseline", "progress"):
            check_period(errors, data, periods[f"{p}_{phase}_start"], required=required)
        check_target(errors, data, SPEC, measure, groups)
