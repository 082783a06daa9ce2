"""Where the engine rounds: half up, to four decimals, once per figure.

The seed rounds in two places only: a measure's partial achievement points (measure 047 by
registry, 120/156: 5.87327 -> 5.8733, §4.2.2) and the percent scores, which "are expressed to
the fourth decimal place" (Tables 3-5, note h). So measure points are rounded once, right after
the partial-point arithmetic (:func:`round_points`), and every figure built from them (a unit's
percent score, the roll-up average, the improvement score, the quality percent score, the final
score) is computed from exact decimals and rounded only when it is shown (:func:`q4`): no
intermediate figure is rounded before it is used in the next step. A shown contribution may
therefore differ in its last place from the shown total minus the other shown contributions.
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
