"""Rounding used everywhere in the engine: half up, to four decimals.

The seed's tables express scores "to the fourth decimal place" (Tables 3-5, note h). Measure
points are rounded half up to four decimals once, right after the partial-point arithmetic; the
sums and percentages built from them are exact decimals, rounded half up to four decimals at
each displayed step, so the figures in an explanation add up the way a reader checks them.
"""

from decimal import ROUND_HALF_UP, Decimal

FOUR_PLACES = Decimal("0.0001")
_SCALE = 10000.0
# A float that should be exactly x.xxxx5 can arrive as x.xxxx4999999; the nudge (1e-10 in
# points) lets such halves round up without moving any genuinely lower value.
_NUDGE = 0.500001


def round_points(value: float) -> float:
    """Round a non-negative float half up to four decimals (hot path, no Decimal)."""
    return int(value * _SCALE + _NUDGE) / _SCALE


def q4(value: Decimal | int | float) -> Decimal:
    """Quantize to four decimals, half up; floats go through their shortest repr."""
    if isinstance(value, float):
        value = Decimal(repr(value))
    return Decimal(value).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


def to_decimal(value: float | int | Decimal) -> Decimal:
    """Exact decimal of a four-decimal point value produced by :func:`round_points`."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(f"{value:.4f}")
