"""MIPS APM quality scoring engine, performance year 2020 (seed 003, the APM Scoring Standard).

Pure Python over plain frozen dataclasses; nothing here imports Django, and the arithmetic
uses the standard library only (the JSON contract's shape check uses the compiled
``jsonschema_rs`` validator). Entry points:

* :func:`load_reference` / :func:`load_reference_from_package` - measures and benchmarks.
* :func:`score_submission`, :func:`score_batch`, :func:`score_rate_batch` - measure points.
* :func:`score_unit` - one reporting unit (entity, TIN or TIN/NPI) with bonus and caps.
* :func:`score_entity_quality` - the Quality performance category percent score.
* :func:`final_score` - weights, reweighting, complex patient bonus, caps.
* :func:`evaluate` - the JSON contract (``INPUT_SCHEMA`` / ``OUTPUT_SCHEMA``).
"""

from .achievement import ScoringTable, score_submission, web_interface_completeness
from .batch import BatchResult, score_batch, score_rate_batch
from .entity import (
    attribute_clinicians,
    average_clinician_score,
    quality_percent_score,
    reporting_credit,
    score_entity_quality,
)
from .final_score import WeightingError, category_weights, final_score
from .improvement import improvement_score
from .json_contract import (
    INPUT_SCHEMA,
    OUTPUT_SCHEMA,
    ContractError,
    check_submission,
    evaluate,
    parse_input,
)
from .measure_set import score_unit
from .reference import Benchmark, Measure, Reference, load_reference, load_reference_from_package
from .types import (
    CategoryScores,
    EntityQualityInput,
    LeveledSubmission,
    MeasureSubmission,
    Participant,
    PriorYear,
    UnitContext,
)

__all__ = [
    "INPUT_SCHEMA",
    "OUTPUT_SCHEMA",
    "BatchResult",
    "Benchmark",
    "CategoryScores",
    "ContractError",
    "EntityQualityInput",
    "LeveledSubmission",
    "Measure",
    "MeasureSubmission",
    "Participant",
    "PriorYear",
    "Reference",
    "ScoringTable",
    "UnitContext",
    "WeightingError",
    "attribute_clinicians",
    "average_clinician_score",
    "category_weights",
    "check_submission",
    "evaluate",
    "final_score",
    "improvement_score",
    "load_reference",
    "load_reference_from_package",
    "parse_input",
    "quality_percent_score",
    "reporting_credit",
    "score_batch",
    "score_entity_quality",
    "score_rate_batch",
    "score_submission",
    "score_unit",
    "web_interface_completeness",
]
