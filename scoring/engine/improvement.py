"""Quality improvement score (seed §4.2.4).

improvement = (current achievement % - prior achievement %) / prior achievement % x 10 %,
in percentage points, between 0 and 10. Achievement percents exclude bonus points. A prior
score of 30 % or less is compared as 30 %. Without a comparable prior score, or when nothing
was submitted this year (Table 5, minimum scenario), no improvement score applies. The score is
computed from the exact current and prior percents and rounded only when shown.
"""

from __future__ import annotations

from decimal import Decimal

from . import constants as c
from . import types as t
from .explain import improvement_sentence
from .rounding import q4


def improvement_score(
    current_percent: Decimal | None,
    prior_percent: Decimal | float | None,
    *,
    submitted: bool = True,
) -> t.ImprovementResult:
    """Improvement score from this year's and last year's achievement percent scores."""
    if prior_percent is None or current_percent is None or not submitted:
        reason = ("no comparable prior-year achievement percent score" if prior_percent is None
                  else "no quality measures submitted this year")
        res = t.ImprovementResult(False, Decimal(0), current_percent,
                                  None if prior_percent is None else _exact(prior_percent),
                                  None, (), "")
        return _with_sentence(res, reason)
    prior = _exact(prior_percent)
    prior_used = max(prior, c.IMPROVEMENT_PRIOR_FLOOR)
    raw = (current_percent - prior_used) / prior_used * 10
    caps = []
    if raw > c.IMPROVEMENT_MAX:
        caps.append(f"improvement {q4(raw)} capped at {c.IMPROVEMENT_MAX} percentage points")
        raw = c.IMPROVEMENT_MAX
    elif raw < 0:
        caps.append(f"improvement {q4(raw)} raised to 0 (it cannot be negative)")
        raw = Decimal(0)
    res = t.ImprovementResult(True, raw, current_percent, prior, prior_used, tuple(caps), "")
    return _with_sentence(res, "")


def _exact(value: Decimal | float | int) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _with_sentence(res: t.ImprovementResult, reason: str) -> t.ImprovementResult:
    return t.ImprovementResult(res.applied, res.score, res.current_percent, res.prior_percent,
                               res.prior_used, res.caps, improvement_sentence(res, reason))
