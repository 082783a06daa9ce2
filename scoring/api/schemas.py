"""The engine's JSON Schemas (draft 2020-12) as OpenAPI 3.0 schema objects.

OpenAPI 3.0 has no type lists, ``const`` or ``$schema``: ``["number", "null"]`` becomes
``type: number, nullable: true``, ``const: x`` becomes ``enum: [x]``. The content is otherwise
the engine's own INPUT_SCHEMA / OUTPUT_SCHEMA, so the document cannot drift from the code.
"""

from typing import Any

from scoring.engine import INPUT_SCHEMA, OUTPUT_SCHEMA

_DROP = {"$schema", "$id"}


def to_openapi30(schema: Any) -> Any:
    if isinstance(schema, list):
        return [to_openapi30(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict = {}
    for key, value in schema.items():
        if key in _DROP:
            continue
        if key == "const":
            out["enum"] = [value]
        elif key == "type" and isinstance(value, list):
            kinds = [kind for kind in value if kind != "null"]
            out["type"] = kinds[0]
            if "null" in value:
                out["nullable"] = True
        elif key in ("properties",):
            out[key] = {name: to_openapi30(sub) for name, sub in value.items()}
        else:
            out[key] = to_openapi30(value)
    if "enum" in out and "type" not in out:
        values = out["enum"]
        if all(isinstance(v, bool) for v in values):
            out["type"] = "boolean"
        elif all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            out["type"] = "integer"
        elif all(isinstance(v, str) for v in values):
            out["type"] = "string"
    return out


SCORING_INPUT = to_openapi30(INPUT_SCHEMA)
SCORING_OUTPUT = to_openapi30(OUTPUT_SCHEMA)
ERROR_BODY = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["code", "message", "fields"],
        "properties": {
            "code": {"type": "string", "example": "invalid"},
            "message": {"type": "string"},
            "fields": {"type": "object", "description": "Each bad field path with its "
                                                        "messages, e.g. submissions[0].numerator",
                       "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        },
    }},
}

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
