"""Quality improvement score (seed §4.2.4).

improvement = (current achievement % - prior achievement %) / prior achievement % x 10 %,
in percentage points, between 0 and 10. Achievement percents exclude bonus points. A prior
score of 30 % or less is compared as 30 %. Without a comparable prior score, or when nothing
was submitted this year (Table 5, minimum scenario), no improvement score applies. The score is
computed from the exact current and prior percents and rounded only when shown.

Which prior score is comparable (data sufficiency): the prior-year score of the same identifier;
when the identifier differs, "the average of the Quality performance category achievement
percent scores ... for each of the individuals in the APM Entity" (:func:`comparable_prior`).
When CMS provides the improvement score itself (Table 3's hypothetical assumes one), it is
used as given (:func:`provided_improvement`).
"""

from __future__ import annotations

from decimal import Decimal

from . import constants as c
from . import types as t
from .explain import improvement_sentence
from .rounding import q4

_SAME_ID = ('"comparable when submissions are received from the same identifier for two '
            'consecutive performance periods" (§4.2.4)')
_AVERAGE = ('"If the identifier is not the same ... the comparable Quality performance '
            'category achievement percent score is the average of the Quality performance '
            'category achievement percent scores ... for each of the individuals in the APM '
            'Entity" (§4.2.4)')


def comparable_prior(entity_id: str, prior: t.PriorYear) -> tuple[Decimal | None, str]:
    """The comparable prior-year achievement percent and the rule that chose it."""
    if prior.identifier == entity_id:
        if prior.achievement_percent is None:
            return None, (f"the identifier {entity_id} has no prior-year achievement percent "
                          f"score")
        return _exact(prior.achievement_percent), (
            f"prior-year score {q4(_exact(prior.achievement_percent))} % of the same identifier"
            f" {entity_id}: {_SAME_ID}")
    if not prior.individual_percents:
        return None, (f"last year's identifier {prior.identifier} is not {entity_id} and no "
                      f"individual prior-year scores were given: {_AVERAGE}")
    scores = [_exact(p) for p in prior.individual_percents]
    average = sum(scores, Decimal(0)) / len(scores)
    return average, (f"last year's identifier {prior.identifier} is not {entity_id}, so the "
                     f"average of {len(scores)} individuals' prior-year scores, {q4(average)} "
                     f"%: {_AVERAGE}")


def provided_improvement(score: Decimal | float, *, submitted: bool = True
                         ) -> t.ImprovementResult:
    """The improvement score as CMS provides it (0-10 percentage points)."""
    if not submitted:
        return improvement_score(None, None, submitted=False)
    value = _exact(score)
    sentence = (f"Improvement score {q4(value)} percentage points, as provided by CMS "
                f"(§4.2.4); not recomputed.")
    return t.ImprovementResult(True, value, None, None, None, (), sentence)


def improvement_score(
    current_percent: Decimal | None,
    prior_percent: Decimal | float | None,
    *,
    submitted: bool = True,
    basis: str = "",
) -> t.ImprovementResult:
    """Improvement score from this year's and last year's achievement percent scores.

    ``basis`` says which prior score was used and why; it starts the explanation."""
    if prior_percent is None or current_percent is None or not submitted:
        if not submitted:
            reason = "no quality measures submitted this year"
        elif prior_percent is None:
            reason = basis or "no comparable prior-year achievement percent score"
        else:
            reason = "no current achievement percent score"
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
    res = _with_sentence(t.ImprovementResult(True, raw, current_percent, prior, prior_used,
                                             tuple(caps), ""), "")
    if basis:
        res = t.ImprovementResult(res.applied, res.score, res.current_percent,
                                  res.prior_percent, res.prior_used, res.caps,
                                  f"{res.sentence[:-1]}; {basis}.")
    return res


def _exact(value: Decimal | float | int) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _with_sentence(res: t.ImprovementResult, reason: str) -> t.ImprovementResult:
    return t.ImprovementResult(res.applied, res.score, res.current_percent, res.prior_percent,
                               res.prior_used, res.caps, improvement_sentence(res, reason))
