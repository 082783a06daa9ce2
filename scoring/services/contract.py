"""Between the ORM and the engine's JSON contract: stored rows in, the output dict out.

The browser, the API, the batch run and ``manage.py score`` all score through
``scoring.engine.evaluate``, so every path gives the same numbers and the same explanation.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal

from scoring.engine import Participant as EngineParticipant
from scoring.engine import check_submission, evaluate
from scoring.models import ApmEntity
from scoring.services.reference import get_reference

SUBMISSION_FIELDS = ("level", "tin", "npi", "measure_id", "submission_method", "numerator",
                     "denominator", "performance_rate", "eligible_population",
                     "data_completeness", "end_to_end", "external_points",
                     "summary_measures", "wi_reported_beneficiaries", "wi_sample_size")


def _json_number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def summary_list(items) -> list[dict]:
    """CAHPS summary measure scores as the contract (and the JSON column) spell them."""
    return [{"measure_id": item["measure_id"],
             "performance_rate": _json_number(item["performance_rate"])} for item in items]


def stored_value(name: str, value):
    """A contract value as its column holds it: blank TIN/NPI, an empty summary list."""
    if name in ("tin", "npi"):
        return "" if value is None else value
    if name == "summary_measures":
        return summary_list(value or ())
    return value


def _contract_submission(items: Iterable[tuple[str, object]]) -> dict:
    """(field, stored value) pairs as the contract spells them: blank TIN/NPI and empty
    values left out, decimals as JSON numbers, ``end_to_end`` always given."""
    out = {}
    for name, value in items:
        kind = type(value)
        if value is None or (kind is str and not value) or (kind is list and not value):
            continue
        if name == "summary_measures":
            out[name] = summary_list(value)
        elif name == "end_to_end":
            out[name] = bool(value)
        else:
            out[name] = _json_number(value) if kind is Decimal else value
    out.setdefault("end_to_end", False)
    return out


def submission_dict(values: Mapping) -> dict:
    """One submission as the contract spells it (blank TIN/NPI and empty values left out)."""
    return _contract_submission((name, values.get(name)) for name in SUBMISSION_FIELDS)


def engine_participants(pairs: Iterable[tuple[str, str]]) -> dict[str, EngineParticipant]:
    by_tin: dict[str, list[str]] = {}
    for tin, npi in pairs:
        by_tin.setdefault(tin, []).append(npi)
    return {tin: EngineParticipant(tin, tuple(sorted(npis))) for tin, npis in by_tin.items()}


def field_of(path: str) -> str:
    """The submission field a contract path is under: summary_measures[1].measure_id ->
    summary_measures."""
    return path.split("[", 1)[0].split(".", 1)[0]


def submission_problems(values: Mapping, participant_pairs: Iterable[tuple[str, str]]
                        ) -> list[tuple[str, str]]:
    """Every rule the engine would refuse this submission for, as (field, message)."""
    return check_submission(submission_dict(values), engine_participants(participant_pairs),
                            get_reference())


def _prior_year(entity: ApmEntity, prior_individuals: Iterable[tuple[str, str, Decimal]]
                ) -> dict:
    """The 2019 data of §4.2.4 as the contract takes it.

    The improvement score CMS provides wins (the model refuses both). A 2019 identifier other
    than the entity's, or individual 2019 scores, go in ``prior_year``; the entity's own 2019
    score alone stays ``prior_year_quality_achievement_percent`` (the same identifier)."""
    if entity.improvement_score is not None:
        return {"improvement_score": _json_number(entity.improvement_score)}
    individuals = [{"tin": tin, "npi": npi, "achievement_percent": _json_number(percent)}
                   for tin, npi, percent in prior_individuals]
    percent = _json_number(entity.prior_year_quality_achievement_percent)
    identifier = entity.prior_year_identifier or entity.entity_id
    if identifier == entity.entity_id and not individuals:
        return {"prior_year_quality_achievement_percent": percent}
    return {"prior_year": {"identifier": identifier, "achievement_percent": percent,
                           "individuals": individuals}}


def entity_contract(entity: ApmEntity, participant_pairs: Iterable[tuple[str, str]],
                    submissions: Iterable,
                    prior_individuals: Iterable[tuple[str, str, Decimal]] = ()) -> dict:
    """The engine input of one entity from its rows (participants as (TIN, NPI) pairs; the
    ones with a 2019 achievement percent also as (TIN, NPI, percent))."""
    ent = {
        "id": entity.entity_id,
        "apm_requires_mips_quality_reporting": entity.requires_mips_quality_reporting,
        "complex_patient_bonus": _json_number(entity.complex_patient_bonus or Decimal(0)),
        "quality_reweighted": entity.quality_reweighted,
        "improvement_activities_score": _json_number(entity.improvement_activities_score),
        "promoting_interoperability_score": _json_number(
            entity.promoting_interoperability_score),
        **_prior_year(entity, prior_individuals),
    }
    if entity.clinician_count is not None:
        ent["clinician_count"] = entity.clinician_count
    if entity.small_practice is not None:
        ent["small_practice"] = entity.small_practice
    participants = engine_participants(participant_pairs)
    return {
        "performance_year": entity.performance_year,
        "entity": ent,
        "participants": [{"tin": p.tin, "npis": list(p.npis)} for p in participants.values()],
        "submissions": [_contract_submission((f, getattr(s, f)) for f in SUBMISSION_FIELDS)
                        for s in submissions],
    }


def entity_input(entity: ApmEntity) -> dict:
    return entity_contract(
        entity, entity.participants.values_list("tin", "npi"), entity.submissions.all(),
        entity.participants.filter(prior_year_achievement_percent__isnull=False)
        .values_list("tin", "npi", "prior_year_achievement_percent"))


def entity_evaluate(entity: ApmEntity) -> dict:
    """Score one stored entity now (read-only); raises ContractError when its data is bad."""
    return evaluate(entity_input(entity), get_reference())


def key_numbers(output: dict) -> dict:
    """The numbers the results list filters and sorts on."""
    quality = output.get("quality") or {}
    improvement = quality.get("improvement") or {}
    return {
        "final_score": output["final"]["final_score"],
        "quality_percent": quality.get("percent_score"),
        "achievement_score": quality.get("achievement_score"),
        "improvement_score": improvement.get("score") if improvement.get("applied") else None,
        "reporting_level": quality.get("reporting_level", "reweighted" if not quality else ""),
    }
