"""The engine's JSON contract: parse and validate an input dict, evaluate, render the result.

Input (see ``INPUT_SCHEMA``)::

    {"performance_year": 2020,
     "entity": {"id", "apm_requires_mips_quality_reporting", "clinician_count"?,
                "small_practice"?, "complex_patient_bonus"?,
                "prior_year_quality_achievement_percent"?, "quality_reweighted"?,
                "improvement_activities_score", "promoting_interoperability_score",
                "cost_score"?},
     "participants": [{"tin", "npis": [...], "clinician_count"?}],
     "submissions": [{"level": "entity"|"tin"|"npi", "tin"?, "npi"?, "measure_id",
                      "submission_method", "numerator"?, "denominator"?,
                      "performance_rate"?, "eligible_population"?, "data_completeness"?,
                      "wi_reported_beneficiaries"?, "wi_sample_size"?, "end_to_end"?,
                      "external_points"?}]}

Output (see ``OUTPUT_SCHEMA``): ``quality`` (reporting level, achievement score, improvement,
credit, percent score, caps, per-unit results with every measure explained, per-clinician
attributions), ``final`` (weights, contributions, complex patient bonus, final score, caps)
and ``explanation`` (the sentences in reading order).

Invalid input raises :class:`ContractError` (a ValueError) listing every bad field path.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from . import constants as c
from . import types as t
from .achievement import web_interface_completeness
from .contract_schema import INPUT_SCHEMA, OUTPUT_SCHEMA
from .entity import score_entity_quality
from .explain import _num, final_to_dict, quality_to_dict
from .final_score import WeightingError, category_weights, final_score
from .reference import Reference
from .validation import Validator

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


def parse_input(data: Any, reference: Reference) -> tuple[t.EntityQualityInput, dict]:
    """Validate ``data``; return the engine input and the category fields of the entity."""
    v = Validator()
    root = v.obj(data, "$")
    if root is None:
        raise ContractError(v.errors)
    v.known_keys(root, "$", INPUT_SCHEMA["properties"])
    year = root.get("performance_year")
    if year != c.PERFORMANCE_YEAR or isinstance(year, bool):
        v.add("performance_year", f"must be {c.PERFORMANCE_YEAR}")
    ent = v.obj(root.get("entity"), "entity") or {}
    v.known_keys(ent, "entity", INPUT_SCHEMA["properties"]["entity"]["properties"])
    entity_id = v.field(ent, "id", "entity", "str", required=True)
    requires = v.field(ent, "apm_requires_mips_quality_reporting", "entity", "bool",
                       required=True)
    count = v.field(ent, "clinician_count", "entity", "int", lo=0)
    small = v.field(ent, "small_practice", "entity", "bool")
    cpb = v.field(ent, "complex_patient_bonus", "entity", "num", lo=0, hi=5, default=0)
    prior = v.field(ent, "prior_year_quality_achievement_percent", "entity", "num", lo=0, hi=100)
    reweighted = v.field(ent, "quality_reweighted", "entity", "bool", default=False)
    ia = v.field(ent, "improvement_activities_score", "entity", "num", lo=0, hi=100,
                 present=True)
    pi = v.field(ent, "promoting_interoperability_score", "entity", "num", lo=0, hi=100,
                 present=True)
    cost = v.field(ent, "cost_score", "entity", "num", lo=0, hi=100)
    try:
        category_weights(t.CategoryScores(None if reweighted else Decimal(0), _dec(ia), _dec(pi)))
    except WeightingError as exc:
        v.add("entity.improvement_activities_score", str(exc))
    participants = _participants(v, root.get("participants"))
    submissions = _submissions(v, root.get("submissions"), participants, reference)
    if v.errors:
        raise ContractError(v.errors)
    inp = t.EntityQualityInput(
        entity_id=entity_id, apm_requires_mips_quality_reporting=requires,
        participants=tuple(participants.values()), submissions=tuple(submissions),
        clinician_count=count, small_practice=small, prior_achievement_percent=_dec(prior),
    )
    categories = {"quality_reweighted": reweighted, "ia": _dec(ia), "pi": _dec(pi),
                  "cost": _dec(cost), "complex_patient_bonus": _dec(cpb)}
    return inp, categories


def _participants(v: Validator, raw) -> dict[str, t.Participant]:
    out: dict[str, t.Participant] = {}
    item_props = INPUT_SCHEMA["properties"]["participants"]["items"]["properties"]
    for i, item in enumerate(v.array(raw, "participants")):
        path = f"participants[{i}]"
        d = v.obj(item, path)
        if d is None:
            continue
        v.known_keys(d, path, item_props)
        tin = v.field(d, "tin", path, "str", required=True, pattern=r"[0-9]{9}")
        count = v.field(d, "clinician_count", path, "int", lo=0)
        npis = []
        for j, npi in enumerate(v.array(d.get("npis"), f"{path}.npis", required=True)):
            npi_path = f"{path}.npis[{j}]"
            if v.check(npi, npi_path, "str", pattern=r"[0-9]{10}"):
                if npi in npis:
                    v.add(npi_path, f"duplicate NPI {npi}")
                npis.append(npi)
        if tin is not None:
            if tin in out:
                v.add(f"{path}.tin", f"duplicate TIN {tin}")
            out[tin] = t.Participant(tin, tuple(npis), count)
    return out


def _submissions(v, raw, participants, reference) -> list[t.LeveledSubmission]:
    out = []
    seen = set()
    props = INPUT_SCHEMA["properties"]["submissions"]["items"]["properties"]
    for i, item in enumerate(v.array(raw, "submissions")):
        path = f"submissions[{i}]"
        d = v.obj(item, path)
        if d is None:
            continue
        v.known_keys(d, path, props)
        sub = _submission(v, d, path, participants, reference)
        if sub is None:
            continue
        key = (sub.level, sub.tin, sub.npi, sub.submission.measure_id,
               sub.submission.submission_method)
        if key in seen:
            v.add(path, "duplicate submission of this measure by this reporter and method")
        seen.add(key)
        out.append(sub)
    return out


def _submission(v, d, path, participants, reference) -> t.LeveledSubmission | None:
    errors_before = len(v.errors)
    level = v.field(d, "level", path, "enum", required=True, choices=t.LEVELS)
    tin = v.field(d, "tin", path, "str", pattern=r"[0-9]{9}")
    npi = v.field(d, "npi", path, "str", pattern=r"[0-9]{10}")
    mid = v.field(d, "measure_id", path, "str", required=True)
    method = v.field(d, "submission_method", path, "enum", required=True,
                     choices=c.SUBMISSION_METHODS)
    num = v.field(d, "numerator", path, "num", lo=0)
    den = v.field(d, "denominator", path, "num", lo=0)
    rate = v.field(d, "performance_rate", path, "num")
    elig = v.field(d, "eligible_population", path, "int", lo=0)
    compl = v.field(d, "data_completeness", path, "num", lo=0, hi=100)
    wi_rep = v.field(d, "wi_reported_beneficiaries", path, "int", lo=0)
    wi_n = v.field(d, "wi_sample_size", path, "int", lo=0)
    e2e = v.field(d, "end_to_end", path, "bool", default=False)
    ext = v.field(d, "external_points", path, "num", lo=0, hi=10)
    if level == t.ENTITY and (tin is not None or npi is not None):
        v.add(f"{path}.level", "entity-level submissions carry no tin or npi")
    if level in (t.TIN, t.NPI) and tin is not None and tin not in participants:
        v.add(f"{path}.tin", f"TIN {tin} is not on the participation list")
    if level in (t.TIN, t.NPI) and tin is None:
        v.add(f"{path}.tin", f"required for level {level}")
    if level == t.TIN and npi is not None:
        v.add(f"{path}.npi", "TIN-level submissions carry no npi")
    if level == t.NPI:
        if npi is None:
            v.add(f"{path}.npi", "required for level npi")
        elif tin in participants and npi not in participants[tin].npis:
            v.add(f"{path}.npi", f"NPI {npi} is not listed under TIN {tin}")
    measure = reference.measure(mid) if mid else None
    if mid is not None and measure is None:
        v.add(f"{path}.measure_id", f"unknown {c.PERFORMANCE_YEAR} quality measure {mid}")
    if measure and method and method not in measure.submission_methods:
        v.add(f"{path}.submission_method",
              f"measure {mid} cannot be submitted by {method} "
              f"(allowed: {', '.join(measure.submission_methods)})")
    if num is not None and den is not None and num > den:
        v.add(f"{path}.numerator", "greater than the denominator")
    proportion = measure.is_proportion if measure else True
    if rate is not None and proportion and not 0 <= rate <= 100:
        v.add(f"{path}.performance_rate", "must be a percent between 0 and 100")
    if rate is not None and num is not None and den and abs(rate - num * 100 / den) > 0.01:
        v.add(f"{path}.performance_rate", "does not match numerator / denominator x 100")
    if (num is None) != (den is None):
        v.add(path, "numerator and denominator come together")
    if level == t.NPI and method in (c.WEB_INTERFACE, c.SURVEY, c.ADMIN_CLAIMS):
        v.add(f"{path}.submission_method", f"{method} is reported by groups and entities, "
                                           "not by an individual clinician")
    if ext is not None and method not in (c.SURVEY, c.ADMIN_CLAIMS):
        v.add(f"{path}.external_points", "allowed only for CMS-calculated measures "
                                         "(certifiedSurveyVendor, administrativeClaims)")
    if ext is None and rate is None and den is None:
        v.add(path, "performance data missing: give numerator and denominator, "
                    "performance_rate, or external_points")
    if (wi_rep is not None or wi_n is not None) and method != c.WEB_INTERFACE:
        v.add(path, "wi_reported_beneficiaries and wi_sample_size are for the Web Interface")
    if method == c.WEB_INTERFACE and compl is None:
        if wi_rep is None or wi_n is None:
            v.add(f"{path}.data_completeness", "required (or wi_reported_beneficiaries "
                                               "and wi_sample_size)")
        else:
            compl = web_interface_completeness(wi_rep, wi_n)
    elif method in (c.CLAIMS, c.REGISTRY, c.EHR) and compl is None:
        v.add(f"{path}.data_completeness", f"required for submission method {method}")
    if len(v.errors) > errors_before:
        return None
    sub = t.MeasureSubmission(
        measure_id=mid, submission_method=method, numerator=num, denominator=den,
        performance_rate=rate, eligible_population=elig, data_completeness=compl,
        end_to_end=bool(e2e), external_points=ext,
    )
    return t.LeveledSubmission(level=level, submission=sub, tin=tin, npi=npi)


def check_submission(data: Any, participants: Mapping[str, t.Participant],
                     reference: Reference) -> list[tuple[str, str]]:
    """Check one submission object exactly as :func:`parse_input` would, for data entry.

    ``participants`` maps each TIN of the participation list to its :class:`Participant`.
    Returns ``(field, message)`` pairs; the field is "" for a rule about the whole row.
    """
    v = Validator()
    d = v.obj(data, "$")
    if d is not None:
        v.known_keys(d, "$", INPUT_SCHEMA["properties"]["submissions"]["items"]["properties"])
        _submission(v, d, "$", participants, reference)
    return [("" if path == "$" else path.removeprefix("$."), msg) for path, msg in v.errors]


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
