"""The engine's JSON contract: parse and validate an input dict, evaluate, render the result.

Input (see ``INPUT_SCHEMA``)::

    {"performance_year": 2020,
     "entity": {"id", "apm_requires_mips_quality_reporting", "clinician_count"?,
                "small_practice"?, "complex_patient_bonus"?,
                "prior_year_quality_achievement_percent"?  (the same identifier's 2019 score),
                "prior_year"? {"identifier", "achievement_percent"?,
                               "individuals"? [{"tin"?, "npi", "achievement_percent"}]},
                "improvement_score"?  (as CMS provides it), "quality_reweighted"?,
                "improvement_activities_score", "promoting_interoperability_score",
                "cost_score"?},
     "participants": [{"tin", "npis": [...], "clinician_count"?}],
     "submissions": [{"level": "entity"|"tin"|"npi", "tin"?, "npi"?, "measure_id",
                      "submission_method", "numerator"?, "denominator"?,
                      "performance_rate"?, "eligible_population"?, "data_completeness"?,
                      "wi_reported_beneficiaries"?, "wi_sample_size"?, "end_to_end"?,
                      "external_points"?, "summary_measures"? [{"measure_id",
                      "performance_rate"}]}]}

Output (see ``OUTPUT_SCHEMA``): ``quality`` (reporting level, achievement score, improvement,
credit, percent score, caps, per-unit results with every measure explained, per-clinician
attributions), ``final`` (weights, contributions, complex patient bonus, final score, caps)
and ``explanation`` (the sentences in reading order).

The shape is checked against ``INPUT_SCHEMA`` and the remaining rules in
:mod:`scoring.engine.contract_checks`; invalid input raises :class:`ContractError` (a
ValueError) listing every bad field path.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from . import constants as c
from . import types as t
from .achievement import web_interface_completeness
from .contract_checks import Fields, join, schema_errors, submission_rules
from .contract_schema import INPUT_SCHEMA, OUTPUT_SCHEMA
from .entity import score_entity_quality
from .explain import _num, final_to_dict, quality_to_dict
from .final_score import WeightingError, category_weights, final_score
from .reference import Reference

__all__ = ["INPUT_SCHEMA", "OUTPUT_SCHEMA", "ContractError", "check_submission", "evaluate",
           "parse_input"]


class ContractError(ValueError):
    """Invalid scoring input; ``errors`` lists ``(field path, message)`` for every problem."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = list(errors)
        super().__init__("invalid scoring input: "
                         + "; ".join(f"{path}: {msg}" for path, msg in self.errors))


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(repr(value) if isinstance(value, float)
                                               else str(value))


def _int(value) -> int | None:
    """The schema's integers may arrive as 30.0; the engine counts with ints."""
    return None if value is None else int(value)


def parse_input(data: Any, reference: Reference) -> tuple[t.EntityQualityInput, dict]:
    """Validate ``data``; return the engine input and the category fields of the entity."""
    errors = schema_errors(data)
    if not isinstance(data, Mapping):
        raise ContractError(errors)
    bad = {path for path, _ in errors}
    ent = data.get("entity") if isinstance(data.get("entity"), Mapping) else {}
    e = Fields(ent, "entity", bad)
    participants = _participants(data.get("participants"), bad, errors)
    errors += _entity_rules(e, participants)
    submissions = []
    seen: dict[tuple, int] = {}
    raw_subs = data.get("submissions") if isinstance(data.get("submissions"), list) else []
    for i, item in enumerate(raw_subs):
        if not isinstance(item, Mapping):
            continue
        f = Fields(item, f"submissions[{i}]", bad)
        problems = submission_rules(f, participants, reference)
        errors += problems
        if problems or any(path == f.path or path.startswith((f.path + ".", f.path + "["))
                           for path in bad):
            continue
        sub = _leveled(item)
        key = (sub.level, sub.tin, sub.npi, sub.submission.measure_id,
               sub.submission.submission_method)
        if key in seen:
            errors.append((f.path, f"duplicate submission of this measure by this reporter and "
                                   f"method (as submissions[{seen[key]}])"))
        seen.setdefault(key, i)
        submissions.append(sub)
    if errors:
        raise ContractError(errors)
    inp = t.EntityQualityInput(
        entity_id=ent["id"], apm_requires_mips_quality_reporting=ent[
            "apm_requires_mips_quality_reporting"],
        participants=tuple(participants.values()), submissions=tuple(submissions),
        clinician_count=_int(ent.get("clinician_count")), small_practice=ent.get(
            "small_practice"),
        prior_achievement_percent=_dec(ent.get("prior_year_quality_achievement_percent")),
        prior_year=_prior_year(ent.get("prior_year")),
        improvement_score=_dec(ent.get("improvement_score")),
    )
    categories = {"quality_reweighted": bool(ent.get("quality_reweighted")),
                  "ia": _dec(ent.get("improvement_activities_score")),
                  "pi": _dec(ent.get("promoting_interoperability_score")),
                  "cost": _dec(ent.get("cost_score")),
                  "complex_patient_bonus": _dec(ent.get("complex_patient_bonus") or 0)}
    return inp, categories


def _participants(raw, bad: set[str], errors: list) -> dict[str, t.Participant]:
    """The participation list by TIN; a TIN listed twice is an error."""
    out: dict[str, t.Participant] = {}
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        f = Fields(item, f"participants[{i}]", bad) if isinstance(item, Mapping) else None
        if f is None or f.get("tin") is None or not isinstance(f.get("npis"), list):
            continue
        if f.get("tin") in out:
            errors.append((f.at("tin"), f"duplicate TIN {f.get('tin')}"))
            continue
        npis = tuple(n for n in f.get("npis") if isinstance(n, str))
        out[f.get("tin")] = t.Participant(f.get("tin"), npis, _int(f.get("clinician_count")))
    return out


def _entity_rules(e: Fields, participants: Mapping[str, t.Participant]
                  ) -> list[tuple[str, str]]:
    errs = []
    ia, pi = e.get("improvement_activities_score"), e.get("promoting_interoperability_score")
    quality = None if e.get("quality_reweighted") else Decimal(0)
    if "improvement_activities_score" in e.data and not e.refused(
            "improvement_activities_score"):
        try:
            category_weights(t.CategoryScores(quality, _dec(ia), _dec(pi)))
        except WeightingError as exc:
            errs.append((e.at("improvement_activities_score"), str(exc)))
    prior_given = [k for k in ("prior_year_quality_achievement_percent", "prior_year")
                   if e.get(k) is not None]
    if e.get("improvement_score") is not None and prior_given:
        errs.append((e.at("improvement_score"), "give either the improvement score CMS "
                                                f"provides or {' / '.join(prior_given)}, "
                                                "not both"))
    elif len(prior_given) == 2:
        errs.append((e.at("prior_year"), "give either prior_year or "
                                         "prior_year_quality_achievement_percent, not both"))
    prior = e.get("prior_year")
    if isinstance(prior, Mapping):
        npis = {n for p in participants.values() for n in p.npis}
        for i, person in enumerate(prior.get("individuals") or []):
            where = join(join(e.at("prior_year"), "individuals"), i)
            if not isinstance(person, Mapping) or any(p.startswith(where) for p in e.bad):
                continue
            tin, npi = person.get("tin"), person["npi"]
            listed = npi in participants[tin].npis if tin in participants else (
                tin is None and npi in npis)
            if not listed:
                errs.append((join(where, "npi"), f"NPI {npi} is not on the participation list"
                             + (f" under TIN {tin}" if tin else "")))
    return errs


def _prior_year(raw) -> t.PriorYear | None:
    if raw is None:
        return None
    return t.PriorYear(identifier=raw["identifier"],
                       achievement_percent=_dec(raw.get("achievement_percent")),
                       individual_percents=tuple(_dec(p["achievement_percent"])
                                                 for p in raw.get("individuals") or []))


def _leveled(d: Mapping) -> t.LeveledSubmission:
    """An already checked submission object as the engine's input."""
    compl = d.get("data_completeness")
    if d["submission_method"] == c.WEB_INTERFACE and compl is None:
        compl = web_interface_completeness(d["wi_reported_beneficiaries"], d["wi_sample_size"])
    sub = t.MeasureSubmission(
        measure_id=d["measure_id"], submission_method=d["submission_method"],
        numerator=d.get("numerator"), denominator=d.get("denominator"),
        performance_rate=d.get("performance_rate"),
        eligible_population=_int(d.get("eligible_population")), data_completeness=compl,
        end_to_end=bool(d.get("end_to_end")), external_points=d.get("external_points"),
        summary_measures=tuple((s["measure_id"], s["performance_rate"])
                               for s in d.get("summary_measures") or ()),
    )
    return t.LeveledSubmission(level=d["level"], submission=sub, tin=d.get("tin"),
                               npi=d.get("npi"))


def check_submission(data: Any, participants: Mapping[str, t.Participant],
                     reference: Reference) -> list[tuple[str, str]]:
    """Check one submission object exactly as :func:`parse_input` would, for data entry.

    ``participants`` maps each TIN of the participation list to its :class:`Participant`.
    Returns ``(field, message)`` pairs; the field is "" for a rule about the whole row.
    """
    errors = schema_errors(data, submission_only=True, root="")
    if isinstance(data, Mapping):
        errors += submission_rules(Fields(data, "", {p for p, _ in errors}), participants,
                                   reference)
    return errors


ROUNDING_RULE = ("Rounding: measure points are rounded once, after the partial-point "
                 "arithmetic; every other figure is exact until shown and then rounded half up "
                 "once, as the seed's scores \"are expressed to the fourth decimal place\" "
                 "(Tables 3-5, note h).")


def submitted_categories(inp: t.EntityQualityInput, cat: Mapping) -> tuple[str, ...]:
    """The MIPS performance categories the entity submitted data for (complex patient bonus).

    Quality: any quality submission other than a CMS-calculated administrative-claims measure.
    Promoting interoperability: a PI score (it is scored only from submitted data). Improvement
    activities are credited by CMS to MIPS APM participants, so an IA score alone is not
    submitted data.
    """
    out = []
    if any(s.submission.submission_method != c.ADMIN_CLAIMS for s in inp.submissions):
        out.append("quality")
    if cat["pi"] is not None:
        out.append("promoting_interoperability")
    return tuple(out)


def evaluate(input_dict: Any, reference: Reference) -> dict:
    """Score one APM Entity from the JSON input; return the JSON-able result."""
    inp, cat = parse_input(input_dict, reference)
    quality = None if cat["quality_reweighted"] else score_entity_quality(inp, reference)
    scores = t.CategoryScores(
        quality=None if quality is None else quality.percent_score,
        improvement_activities=cat["ia"], promoting_interoperability=cat["pi"],
        cost=cat["cost"],
    )
    final = final_score(scores, cat["complex_patient_bonus"] or 0,
                        submitted_categories=submitted_categories(inp, cat))
    explanation = []
    if quality is None:
        explanation.append("The quality performance category is reweighted to 0.")
    else:
        explanation.append(quality.sentence)
        explanation.extend(quality.notes)
        for unit in quality.units:
            explanation.append(unit.sentence)
            explanation.extend(unit.notes)
            explanation.extend(m.sentence for m in unit.measures)
        explanation.extend(cs.sentence for cs in quality.clinicians)
        explanation.append(quality.improvement.sentence)
    explanation.append(final.sentence)
    explanation.append(ROUNDING_RULE)
    final_dict = final_to_dict(final)
    final_dict["category_scores"] = {
        "quality": _num(scores.quality), "cost": _num(scores.cost),
        "ia": _num(scores.improvement_activities),
        "pi": _num(scores.promoting_interoperability)}
    return {
        "performance_year": c.PERFORMANCE_YEAR,
        "entity_id": inp.entity_id,
        "quality": None if quality is None else quality_to_dict(quality),
        "final": final_dict,
        "explanation": explanation,
        "reference": {"performance_year": reference.performance_year,
                      "source": reference.source},
    }
