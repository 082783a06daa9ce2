"""The engine's JSON Schemas (draft 2020-12) as schema objects of the OpenAPI 3.1 document.

OpenAPI 3.1 schema objects are JSON Schema 2020-12 (SPECTACULAR_SETTINGS["OAS_VERSION"]), so
the engine's own INPUT_SCHEMA / OUTPUT_SCHEMA are used as they are, minus the two document-level
keywords (`$schema`, `$id`) that would make a schema embedded in the API document a separate
resource; the document cannot drift from the code.
"""

from scoring.engine import INPUT_SCHEMA, OUTPUT_SCHEMA

_DOCUMENT_KEYWORDS = {"$schema", "$id"}


def embedded(schema: dict) -> dict:
    return {key: value for key, value in schema.items() if key not in _DOCUMENT_KEYWORDS}


SCORING_INPUT = embedded(INPUT_SCHEMA)
SCORING_OUTPUT = embedded(OUTPUT_SCHEMA)
EXAMPLE_INPUT = {
    "performance_year": 2020,
    "entity": {"id": "OCM-0001", "apm_requires_mips_quality_reporting": False,
               "complex_patient_bonus": 1.5,
               "prior_year": {"identifier": "OCM-0001", "achievement_percent": 40.0},
               "improvement_activities_score": 100.0,
               "promoting_interoperability_score": 80.0},
    "participants": [{"tin": "123456789", "npis": ["1000000001", "1000000002"]}],
    "submissions": [
        {"level": "entity", "measure_id": "047", "submission_method": "registry",
         "numerator": 120, "denominator": 156, "eligible_population": 160,
         "data_completeness": 85.0},
        {"level": "entity", "measure_id": "236", "submission_method": "electronicHealthRecord",
         "performance_rate": 72.5, "eligible_population": 300, "data_completeness": 90.0,
         "end_to_end": True},
    ],
}
