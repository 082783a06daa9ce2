"""Final MIPS score of an APM Entity (seed §2.4-§2.5).

Weights: quality 50 %, cost 0 %, improvement activities 20 %, promoting interoperability 30 %.
PI reweighted to 0 -> quality 80 %, IA 20 %. Quality reweighted to 0 -> PI 75 %, IA 25 %.
A category passed as None is reweighted to zero. Fewer than two scored categories -> the final
score equals the performance threshold (45 points for 2020), with no bonus. Otherwise
final = sum(category percent / 100 x weight) x 100 + complex patient bonus (at most 5),
capped at 100, computed exactly and rounded half up to four decimals once (the contributions
are shown rounded, but the total is not a sum of rounded contributions). The complex patient
bonus is added only "If the APM Entity submits data for at least one MIPS performance category"
(§2.5); otherwise it is 0 and the explanation says why.

The seed gives no weights for the case where only improvement activities is reweighted while
quality and PI are scored; the engine refuses that input rather than invent weights.
"""

from __future__ import annotations

from decimal import Decimal

from . import constants as c
from . import types as t
from .rounding import q4

_NAMES = {"quality": "quality", "cost": "cost", "ia": "improvement activities",
          "pi": "promoting interoperability"}


class WeightingError(ValueError):
    """The combination of reweighted categories has no weights in the seed."""


def category_weights(scores: t.CategoryScores) -> tuple[dict[str, Decimal], str]:
    q, ia, pi = scores.quality, scores.improvement_activities, scores.promoting_interoperability
    if q is not None and ia is not None and pi is not None:
        return dict(c.WEIGHTS_DEFAULT), "default weights"
    if q is not None and ia is not None and pi is None:
        return dict(c.WEIGHTS_PI_REWEIGHTED), "promoting interoperability reweighted to 0"
    if q is None and ia is not None and pi is not None:
        return dict(c.WEIGHTS_QUALITY_REWEIGHTED), "quality reweighted to 0"
    if q is not None and pi is not None and ia is None:
        raise WeightingError("the seed defines no weights when only improvement activities is "
                             "reweighted")
    return {k: Decimal(0) for k in c.WEIGHTS_DEFAULT}, "fewer than two categories scored"


def final_score(
    scores: t.CategoryScores,
    complex_patient_bonus: Decimal | float = 0,
    *,
    performance_threshold: Decimal = c.PERFORMANCE_THRESHOLD,
    submitted_categories: tuple[str, ...] | None = None,
) -> t.FinalScoreResult:
    """Weighted final score with the complex patient bonus and the 100-point cap.

    ``submitted_categories`` names the performance categories the entity submitted data for;
    None means "not known" and keeps the bonus as given (the engine's callers that know, such
    as :func:`~scoring.engine.json_contract.evaluate`, always pass it).
    """
    scored = sum(
        v is not None
        for v in (scores.quality, scores.improvement_activities, scores.promoting_interoperability)
    )
    weights, why = category_weights(scores)
    if scored < 2:
        return t.FinalScoreResult(
            weights=weights, contributions={k: Decimal(0) for k in weights},
            categories_scored=scored, complex_patient_bonus=Decimal(0),
            final_score=q4(performance_threshold), caps=(),
            sentence=(f"Only {scored} performance categor{'y' if scored == 1 else 'ies'} "
                      f"scored: the final score equals the performance threshold, "
                      f"{q4(performance_threshold)} points."),
            rule="performance_threshold",
        )
    bonus = _exact(complex_patient_bonus)
    if bonus < 0:
        raise ValueError("the complex patient bonus cannot be negative")
    caps = []
    bonus_note = ""
    if bonus > c.COMPLEX_PATIENT_BONUS_MAX:
        caps.append(f"complex patient bonus {q4(bonus)} capped at "
                    f"{c.COMPLEX_PATIENT_BONUS_MAX}")
        bonus = c.COMPLEX_PATIENT_BONUS_MAX
    if bonus and submitted_categories is not None and not submitted_categories:
        bonus_note = (f" No complex patient bonus (would be {q4(bonus)}): it is added only \"If "
                      "the APM Entity submits data for at least one MIPS performance "
                      "category\" (§2.5), and this entity submitted none.")
        bonus = Decimal(0)
    elif bonus and submitted_categories:
        bonus_note = (" The complex patient bonus applies: the entity submitted data for "
                      + ", ".join(name.replace("_", " ") for name in submitted_categories)
                      + " (§2.5).")
    values = {"quality": scores.quality, "cost": scores.cost,
              "ia": scores.improvement_activities, "pi": scores.promoting_interoperability}
    contributions = {
        k: (values[k] or Decimal(0)) / 100 * weights[k] * 100 for k in weights
    }
    total = sum(contributions.values(), Decimal(0)) + bonus
    if total > c.FINAL_SCORE_CAP:
        caps.append(f"final score {q4(total)} capped at 100")
        total = c.FINAL_SCORE_CAP
    parts = " + ".join(f"{_NAMES[k]} {q4(values[k] or 0)} % x {weights[k]} = "
                       f"{q4(contributions[k])}" for k in weights if weights[k])
    sentence = (f"Final score ({why}): {parts}; plus complex patient bonus {q4(bonus)} = "
                f"{q4(total)} points" + (" (capped at 100)." if total == 100 and caps else ".")
                + bonus_note)
    return t.FinalScoreResult(weights=weights, contributions=contributions,
                              categories_scored=scored, complex_patient_bonus=bonus,
                              final_score=q4(total), caps=tuple(caps), sentence=sentence)


def _exact(value: Decimal | float | int) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
