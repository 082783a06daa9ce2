"""Rules shared by both forms: results (rate or data point, exactly one), periods, required."""

from decimal import Decimal

from submissions.elements import FormSpec, Period, ResultGroup
from submissions.validators.fields import format_decimal, is_blank, month_key, parse_decimal

# Seed 000: "The numerator and denominator should calculate to the rate provided." A rate
# rounded to one decimal place is within 0.05 percentage points of the exact value.
RATE_TOLERANCE = Decimal("0.05")


class Errors(dict):
    """{key: [messages]}, added to in order."""

    def add(self, key: str, message: str) -> None:
        self.setdefault(key, [])
        if message not in self[key]:
            self[key].append(message)


def require(errors: Errors, spec: FormSpec, data: dict, *keys: str, why: str = "") -> None:
    for key in keys:
        if is_blank(data.get(key)):
            element = spec.elements[key]
            errors.add(key, f"{element.code}: required{why or ' before you submit'}.")


def result_kind(data: dict, group: ResultGroup) -> str:
    """'rate', 'data_point', 'both', 'partial' or '' (nothing given)."""
    rate, num, den, point = (data.get(key) for key in group.keys)
    rate_parts = [not is_blank(v) for v in (rate, num, den)]
    has_point = not is_blank(point)
    if any(rate_parts) and has_point:
        return "both"
    if has_point:
        return "data_point"
    if all(rate_parts):
        return "rate"
    return "partial" if any(rate_parts) else ""


def check_result(errors: Errors, data: dict, group: ResultGroup, *, required: bool) -> None:
    """Either a rate with numerator and denominator that calculate to it, or a data point."""
    rate_key, num_key, den_key, point_key = group.keys
    kind = result_kind(data, group)
    label = f"{group.number} {group.subject}"
    if kind == "":
        if required:
            errors.add(rate_key, f"{label}: give either the calculated rate with its numerator "
                                 "and denominator, or a data point.")
        return
    if kind == "both":
        errors.add(point_key, f"{label}: give either the calculated rate with its numerator "
                              "and denominator, or a data point — not both.")
        return
    if kind == "partial":
        missing = [name for name, key in (("calculated rate", rate_key),
                                          ("numerator", num_key), ("denominator", den_key))
                   if is_blank(data.get(key))]
        errors.add(missing and {"calculated rate": rate_key, "numerator": num_key,
                                "denominator": den_key}[missing[0]] or rate_key,
                   f"{label}: a rate needs the calculated rate, the numerator and the "
                   f"denominator; missing: {', '.join(missing)}.")
        return
    if kind == "rate":
        numerator, denominator = int(data[num_key]), int(data[den_key])
        rate = parse_decimal(data[rate_key])
        if denominator == 0:
            errors.add(den_key, f"{label}: the denominator must be greater than 0.")
            return
        if numerator > denominator:
            errors.add(num_key, f"{label}: the numerator ({numerator:,}) cannot be larger than "
                                f"the denominator ({denominator:,}).")
            return
        calculated = Decimal(numerator) * 100 / Decimal(denominator)
        if abs(calculated - rate) > RATE_TOLERANCE:
            errors.add(rate_key, (
                f"{label}: the numerator {numerator:,} and denominator {denominator:,} "
                f"calculate to {format_decimal(calculated.quantize(Decimal('0.01')))} %, not the "
                f"calculated rate {format_decimal(rate)} % (tolerance ±{RATE_TOLERANCE} "
                "percentage points)."))


def check_period(errors: Errors, data: dict, period: Period, *, required: bool) -> None:
    start, end = data.get(period.start), data.get(period.end)
    label = f"{period.number} {period.subject}"
    if is_blank(start) and is_blank(end):
        if required:
            errors.add(period.start, f"{label}: give the month and year data collection began "
                                     "and ended (MM/YYYY).")
        return
    if is_blank(start) or is_blank(end):
        missing = period.start if is_blank(start) else period.end
        errors.add(missing, f"{label}: give both the start and the end month (MM/YYYY).")
        return
    # One month (01/2024-01/2024) is a period: seed 000 asks when collection began and ended.
    if month_key(start) > month_key(end):
        errors.add(period.start, f"{label}: the start ({start}) cannot be after the end ({end}).")


def check_target(errors: Errors, data: dict, spec: FormSpec, measure: str,
                 groups: list[ResultGroup]) -> None:
    """A rate measure's target is a rate (0–100), consistent with its results."""
    key = f"m{measure}_target"
    if is_blank(data.get(key)):
        return
    kinds = {result_kind(data, group) for group in groups}
    if "rate" in kinds and parse_decimal(data[key]) > 100:
        errors.add(key, f"{spec.elements[key].code}: this measure is a rate, so its target is a "
                        "rate between 0 and 100 %.")
    if {"rate", "data_point"} <= kinds:
        errors.add(groups[-1].keys[0], f"{groups[-1].number} {groups[-1].subject}: report the "
                                       "measure the same way as its baseline (rate or data "
                                       "point).")


def measure_started(data: dict, measure: str) -> bool:
    prefix = f"m{measure}_"
    return any(not is_blank(value) for key, value in data.items() if key.startswith(prefix))
