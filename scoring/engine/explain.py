"""Human sentences and plain-dict renderings of engine results.

Every result carries, per measure, whether it was scored or excluded and why, its decile, its
points, its bonus and each cap applied, both as structured data (the ``*_to_dict`` functions)
and as one sentence.
"""

from __future__ import annotations

from decimal import Decimal

from . import types as t
from .rounding import q4

_LEVEL_NAMES = {t.ENTITY: "APM Entity", t.TIN: "TIN reporting as a group",
                t.NPI: "individual clinician"}
_SET_NAMES = {t.WEB_INTERFACE_SET: "CMS Web Interface set",
              t.OTHER_SET: "other MIPS submission mechanisms"}


def _num(value):
    """JSON-able number: an exact Decimal is rounded here, once, to four decimals (see
    rounding.py) and becomes a float; other values are unchanged."""
    return float(q4(value)) if isinstance(value, Decimal) else value


def measure_sentence(measure_id, method, status, counted, points, reason, bonus) -> str:
    head = f"Measure {measure_id} via {method}"
    if counted:
        body = f"counts {points:.4f} of 10 achievement points"
    elif points is None or status == t.NOT_APPLICABLE:
        body = "is not scored"
    else:
        body = f"earns {points:.4f} points that do not count toward the total"
    text = f"{head} {body}: {reason}."
    if bonus.high_priority or bonus.cehrt:
        text += (f" Bonus before the unit caps: {bonus.high_priority} high-priority, "
                 f"{bonus.cehrt} CEHRT.")
    return text


def unit_sentence(unit: t.UnitResult) -> str:
    ctx = unit.context
    bonus_parts = [f"{unit.high_priority_bonus} high-priority", f"{unit.cehrt_bonus} CEHRT"]
    if unit.small_practice_bonus:
        bonus_parts.append(f"{unit.small_practice_bonus} small practice")
    text = (f"{_LEVEL_NAMES[ctx.level]} {ctx.unit_id} ({_SET_NAMES[unit.measure_set]}): "
            f"({q4(unit.achievement_points)} achievement + {unit.total_bonus} bonus points "
            f"[{', '.join(bonus_parts)}]) / {unit.available_points} available x 100 % = "
            f"{q4(unit.percent_score)} %; achievement alone {q4(unit.achievement_percent)} %.")
    if unit.caps:
        text += " Caps: " + "; ".join(unit.caps) + "."
    return text


def improvement_sentence(res: t.ImprovementResult, reason: str = "") -> str:
    if not res.applied:
        return f"No quality improvement score: {reason or 'not applicable'}."
    text = (f"Improvement score {q4(res.score)} percentage points: "
            f"({q4(res.current_percent)} - {q4(res.prior_used)}) / {q4(res.prior_used)} x 10 %")
    if res.prior_used != res.prior_percent:
        text += f" (prior {q4(res.prior_percent)} % counted as 30 %)"
    if res.caps:
        text += "; " + "; ".join(res.caps)
    return text + "."


def measure_to_dict(m: t.MeasureOutcome) -> dict:
    ach = m.achievement
    return {
        "measure_id": m.measure_id,
        "title": m.title,
        "submission_method": m.submission_method,
        "status": m.status,
        "counted": m.counted,
        "decile": m.decile,
        "points": m.points,
        "raw_points": ach.raw_points if ach else None,
        "available_points": m.available,
        "performance_rate": round(ach.performance_rate, 4) if ach and ach.performance_rate
        is not None else None,
        "case_count": ach.case_count if ach else None,
        "case_minimum": ach.case_minimum if ach else None,
        "data_completeness_met": ach.completeness_met if ach else None,
        "caps": list(m.caps),
        "benchmark_warnings": list(ach.benchmark_warnings) if ach else [],
        "bonus": {"high_priority": m.bonus.high_priority, "cehrt": m.bonus.cehrt,
                  "reasons": list(m.bonus.reasons)},
        "reason": m.reason,
        "sentence": m.sentence,
    }


def unit_to_dict(u: t.UnitResult) -> dict:
    return {
        "level": u.context.level,
        "unit_id": u.context.unit_id,
        "clinician_count": u.context.clinician_count,
        "small_practice": u.context.small_practice,
        "measure_set": u.measure_set,
        "achievement_points": _num(u.achievement_points),
        "available_points": u.available_points,
        "bonus": {
            "high_priority_raw": u.high_priority_bonus_raw,
            "high_priority": u.high_priority_bonus,
            "cehrt_raw": u.cehrt_bonus_raw,
            "cehrt": u.cehrt_bonus,
            "small_practice": u.small_practice_bonus,
            "total": u.total_bonus,
        },
        "achievement_percent": _num(u.achievement_percent),
        "percent_score": _num(u.percent_score),
        "caps": list(u.caps),
        "notes": list(u.notes),
        "measures": [measure_to_dict(m) for m in u.measures],
        "sentence": u.sentence,
    }


def quality_to_dict(q: t.QualityResult) -> dict:
    imp = q.improvement
    return {
        "reporting_level": q.reporting_level,
        "achievement_score": _num(q.achievement_score),
        "improvement": {
            "applied": imp.applied,
            "score": _num(imp.score),
            "current_achievement_percent": _num(imp.current_percent),
            "prior_achievement_percent": _num(imp.prior_percent),
            "prior_used": _num(imp.prior_used),
            "caps": list(imp.caps),
            "sentence": imp.sentence,
        },
        "quality_reporting_credit": _num(q.quality_reporting_credit),
        "percent_score": _num(q.percent_score),
        "caps": list(q.caps),
        "notes": list(q.notes),
        "units": [unit_to_dict(u) for u in q.units],
        "clinicians": [
            {"tin": cs.tin, "npi": cs.npi, "score": _num(cs.score),
             "achievement_percent": _num(cs.achievement_percent), "source": cs.source,
             "sentence": cs.sentence}
            for cs in q.clinicians
        ],
        "sentence": q.sentence,
    }


def final_to_dict(f: t.FinalScoreResult) -> dict:
    return {
        "rule": f.rule,
        "weights": {k: _num(v) for k, v in f.weights.items()},
        "contributions": {k: _num(v) for k, v in f.contributions.items()},
        "categories_scored": f.categories_scored,
        "complex_patient_bonus": _num(f.complex_patient_bonus),
        "final_score": _num(f.final_score),
        "caps": list(f.caps),
        "sentence": f.sentence,
    }
