"""Values the Progress Report restates from the Implementation Plan on file (seed 000, Part C:
"Please make sure to correctly restate the values ... from the most recent Implementation Plan
on file"), and the "target achieved?" proposal (16g, 16n, 16u, 16bb).
"""

from dataclasses import dataclass
from decimal import Decimal

from submissions.elements.progress_report import MEASURES, PROGRESS_REPORT, RESTATED_KEYS
from submissions.validators.common import result_kind
from submissions.validators.fields import display_value, is_blank, parse_decimal

LOWER_IS_BETTER = "lower"
HIGHER_IS_BETTER = "higher"
DIRECTIONS = ((HIGHER_IS_BETTER, "Higher is better"), (LOWER_IS_BETTER, "Lower is better"))


@dataclass(frozen=True)
class Discrepancy:
    key: str
    element: str
    on_file: str
    restated: str


@dataclass(frozen=True)
class TargetProposal:
    measure: str
    key: str  # the "target achieved?" element
    element: str
    proposed: str  # "yes" / "no"
    reason: str
    answered: str  # what the form says now ("" when unanswered)

    @property
    def differs(self) -> bool:
        return bool(self.answered) and self.answered != self.proposed


def _same(element, left, right) -> bool:
    if is_blank(left) and is_blank(right):
        return True
    if is_blank(left) or is_blank(right):
        return False
    if element.kind in ("decimal", "percent", "count"):
        try:
            return parse_decimal(left) == parse_decimal(right)
        except ArithmeticError:
            return str(left) == str(right)
    return " ".join(str(left).split()).casefold() == " ".join(str(right).split()).casefold()


def plan_discrepancies(data: dict, plan_data: dict | None) -> list[Discrepancy]:
    """Every restated value that differs from the plan on file, in the form's order."""
    if not plan_data:
        return []
    found = []
    for key in RESTATED_KEYS:
        element = PROGRESS_REPORT.elements[key]
        if not _same(element, data.get(key), plan_data.get(key)):
            found.append(Discrepancy(key, element.code, display_value(element, plan_data.get(key)),
                                     display_value(element, data.get(key))))
    return found


def target_proposals(data: dict, plan_data: dict | None) -> list[TargetProposal]:
    """Propose "target achieved?" from the progress result and the target, in the measure's
    direction: lower is better for the NTSV C-section rate (seed 002: 23.9 % or lower)."""
    proposals = []
    plan_data = plan_data or {}
    groups = {group.prefix: group for group in PROGRESS_REPORT.results}
    for measure in MEASURES:
        p = f"m{measure}"
        target = data.get(f"{p}_target")
        group = groups[f"{p}_progress"]
        kind = result_kind(data, group)
        if is_blank(target) or kind not in ("rate", "data_point"):
            continue
        value = data.get(group.keys[0] if kind == "rate" else group.keys[3])
        try:
            result, goal = parse_decimal(value), parse_decimal(target)
        except ArithmeticError:
            continue
        direction = plan_data.get(f"{p}_direction") or HIGHER_IS_BETTER
        achieved = result <= goal if direction == LOWER_IS_BETTER else result >= goal
        unit = " %" if kind == "rate" else ""
        word = "at or below" if direction == LOWER_IS_BETTER else "at or above"
        reason = (f"Progress result {_fmt(result)}{unit} is {'' if achieved else 'not '}{word} "
                  f"the target {_fmt(goal)}{unit} ({dict(DIRECTIONS)[direction].lower()}).")
        key = f"{p}_target_achieved"
        proposals.append(TargetProposal(
            measure, key, PROGRESS_REPORT.elements[key].code, "yes" if achieved else "no",
            reason, data.get(key) or ""))
    return proposals


def _fmt(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text
