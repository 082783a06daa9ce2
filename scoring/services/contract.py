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
                     "data_completeness", "end_to_end", "external_points")


def _json_number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def submission_dict(values: Mapping) -> dict:
    """One submission as the contract spells it (blank TIN/NPI and empty values left out)."""
    out = {}
    for name in SUBMISSION_FIELDS:
        value = values.get(name)
        if value is None or value == "":
            continue
        out[name] = _json_number(value)
    out["end_to_end"] = bool(values.get("end_to_end"))
    return out


def engine_participants(pairs: Iterable[tuple[str, str]]) -> dict[str, EngineParticipant]:
    by_tin: dict[str, list[str]] = {}
    for tin, npi in pairs:
        by_tin.setdefault(tin, []).append(npi)
    return {tin: EngineParticipant(tin, tuple(sorted(npis))) for tin, npis in by_tin.items()}


def submission_problems(values: Mapping, participant_pairs: Iterable[tuple[str, str]]
                        ) -> list[tuple[str, str]]:
    """Every rule the engine would refuse this submission for, as (field, message)."""
    return check_submission(submission_dict(values), engine_participants(participant_pairs),
                            get_reference())


def entity_contract(entity: ApmEntity, participant_pairs: Iterable[tuple[str, str]],
                    submissions: Iterable) -> dict:
    """The engine input of one entity from its rows (participants as (TIN, NPI) pairs)."""
    ent = {
        "id": entity.entity_id,
        "apm_requires_mips_quality_reporting": entity.requires_mips_quality_reporting,
        "complex_patient_bonus": _json_number(entity.complex_patient_bonus or Decimal(0)),
        "quality_reweighted": entity.quality_reweighted,
        "improvement_activities_score": _json_number(entity.improvement_activities_score),
        "promoting_interoperability_score": _json_number(
            entity.promoting_interoperability_score),
        "prior_year_quality_achievement_percent": _json_number(
            entity.prior_year_quality_achievement_percent),
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
        "submissions": [submission_dict({f: getattr(s, f) for f in SUBMISSION_FIELDS})
                        for s in submissions],
    }


def entity_input(entity: ApmEntity) -> dict:
    return entity_contract(entity, entity.participants.values_list("tin", "npi"),
                           entity.submissions.all())


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
