"""JSON Schemas (draft 2020-12) of the engine's JSON input and output.

Re-exported by :mod:`scoring.engine.json_contract` as ``INPUT_SCHEMA`` and ``OUTPUT_SCHEMA``.
``INPUT_SCHEMA`` is the one statement of the input's shape: the contract validates input with
it (the ``jsonschema`` package) and the API publishes it. Only what a schema cannot express (a
TIN/NPI on the participation list, a known measure and submission method, numerator <=
denominator, ...) is checked in :mod:`scoring.engine.contract_checks`.
"""

from . import constants as c

# Larger than any count or rate in the standard; beyond 2**53 a float loses integers.
LARGEST = 1e15
_NUMBER = {"type": ["number", "null"], "minimum": -LARGEST, "maximum": LARGEST}
_PERCENT = {"type": "number", "minimum": 0, "maximum": 100}
_NULLABLE_PERCENT = {"type": ["number", "null"], "minimum": 0, "maximum": 100}
_COUNT = {"type": ["integer", "null"], "minimum": 0, "maximum": LARGEST}
_NON_NEGATIVE = {"type": ["number", "null"], "minimum": 0, "maximum": LARGEST}
_TEXT = {"type": "string", "pattern": "\\S"}
_TIN = {"type": ["string", "null"], "pattern": "^[0-9]{9}$"}
_NPI = {"type": ["string", "null"], "pattern": "^[0-9]{10}$"}

SUMMARY_MEASURE_SCHEMA = {
    "type": "object",
    "required": ["measure_id", "performance_rate"],
    "additionalProperties": False,
    "properties": {
        "measure_id": {"type": "string", "pattern": "^CAHPS_",
                       "description": "summary survey measure, e.g. CAHPS_1 (321) or "
                                      "CAHPS_ACO_1 (ACO321)"},
        "performance_rate": {**_PERCENT, "description": "the summary measure's score"},
    },
}

PRIOR_YEAR_SCHEMA = {
    "type": ["object", "null"],
    "required": ["identifier"],
    "additionalProperties": False,
    "description": "§4.2.4 data sufficiency: the prior-year score of the same identifier, or "
                   "else the average of the individuals' prior-year scores",
    "properties": {
        "identifier": {**_TEXT, "description": "the identifier that submitted last year"},
        "achievement_percent": {**_NULLABLE_PERCENT,
                                "description": "that identifier's 2019 achievement percent"},
        "individuals": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["npi", "achievement_percent"],
                "additionalProperties": False,
                "properties": {
                    "tin": _TIN, "npi": {"type": "string", "pattern": "^[0-9]{10}$"},
                    "achievement_percent": {
                        **_PERCENT, "description": "the achievement percent score behind "
                                                   "the clinician's 2019 final score"},
                },
            },
        },
    },
}

SUBMISSION_SCHEMA = {
    "type": "object",
    "required": ["level", "measure_id", "submission_method"],
    "additionalProperties": False,
    "properties": {
        "level": {"enum": ["entity", "tin", "npi"],
                  "description": "who reported: the APM Entity, a TIN as a group, or one "
                                 "TIN/NPI individually"},
        "tin": {**_TIN, "description": "required for level tin and npi"},
        "npi": {**_NPI, "description": "required for level npi"},
        "measure_id": {**_TEXT,
                       "description": "measureId of measures/2020/measures-data.json"},
        "submission_method": {"enum": list(c.SUBMISSION_METHODS)},
        "numerator": _NON_NEGATIVE,
        "denominator": {**_NON_NEGATIVE,
                        "description": "performance denominator; numerator/denominator x 100 "
                                       "is the rate"},
        "performance_rate": {**_NUMBER,
                             "description": "percent 0-100 for proportion measures, the "
                                            "measure's own unit otherwise"},
        "eligible_population": {**_COUNT, "description": "cases, for the case minimum; "
                                                         "defaults to the denominator; required "
                                                         "for CMS-calculated measures "
                                                         "(administrativeClaims, "
                                                         "certifiedSurveyVendor)"},
        "data_completeness": {**_NULLABLE_PERCENT,
                              "description": "percent of eligible patients reported (70 % "
                                             "needed); Web Interface: percent of "
                                             "min(248, sample) (100 % needed)"},
        "wi_reported_beneficiaries": {**_COUNT, "description": "Web Interface: consecutively "
                                                               "ranked beneficiaries reported"},
        "wi_sample_size": {**_COUNT, "description": "Web Interface: assigned sample size"},
        "end_to_end": {"type": "boolean", "default": False,
                       "description": "reported end to end through CEHRT"},
        "external_points": {"type": ["number", "null"], "minimum": 0, "maximum": 10,
                            "description": "achievement points CMS calculated outside the "
                                           "benchmark file (CAHPS for ACOs, administrative "
                                           "claims); survey and administrative claims only"},
        "summary_measures": {"type": "array", "items": SUMMARY_MEASURE_SCHEMA,
                             "description": "CAHPS 321 / ACO321: the summary survey measure "
                                            "scores; the survey is one measure worth their "
                                            "average points"},
    },
}

INPUT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:qis-portal:scoring:mips-apm-quality-input:2020",
    "title": "MIPS APM quality scoring input, performance year 2020",
    "type": "object",
    "required": ["performance_year", "entity", "participants", "submissions"],
    "additionalProperties": False,
    "properties": {
        "performance_year": {"const": c.PERFORMANCE_YEAR},
        "entity": {
            "type": "object",
            "required": ["id", "apm_requires_mips_quality_reporting",
                         "improvement_activities_score", "promoting_interoperability_score"],
            "additionalProperties": False,
            "properties": {
                "id": {**_TEXT, "description": "APM Entity id"},
                "apm_requires_mips_quality_reporting": {
                    "type": "boolean",
                    "description": "true for Shared Savings Program / NGACO (no credit); "
                                   "false earns the 50 % APM Quality Reporting Credit"},
                "clinician_count": {**_COUNT, "description": "defaults to the number of "
                                                             "TIN/NPIs listed"},
                "small_practice": {"type": ["boolean", "null"],
                                   "description": "defaults to clinician_count <= 15"},
                "complex_patient_bonus": {"type": "number", "minimum": 0, "maximum": 5,
                                          "default": 0},
                "prior_year_quality_achievement_percent": {
                    **_NULLABLE_PERCENT,
                    "description": "2019 achievement percent (no bonus) of this same "
                                   "identifier; null: no improvement score"},
                "prior_year": PRIOR_YEAR_SCHEMA,
                "improvement_score": {
                    "type": ["number", "null"], "minimum": 0, "maximum": 10,
                    "description": "the improvement score as CMS provides it (percentage "
                                   "points); used instead of prior-year scores"},
                "quality_reweighted": {"type": "boolean", "default": False},
                "improvement_activities_score": {
                    **_NULLABLE_PERCENT, "description": "percent; null = reweighted to 0"},
                "promoting_interoperability_score": {
                    **_NULLABLE_PERCENT, "description": "percent; null = reweighted to 0"},
                "cost_score": {**_NULLABLE_PERCENT, "description": "weight 0 for MIPS APMs"},
            },
        },
        "participants": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tin", "npis"],
                "additionalProperties": False,
                "properties": {
                    "tin": {"type": "string", "pattern": "^[0-9]{9}$"},
                    "npis": {"type": "array", "uniqueItems": True,
                             "items": {"type": "string", "pattern": "^[0-9]{10}$"}},
                    "clinician_count": {**_COUNT, "description": "defaults to len(npis)"},
                },
            },
        },
        "submissions": {"type": "array", "items": SUBMISSION_SCHEMA},
    },
}

_NUM = {"type": "number"}
_NULLABLE_NUM = {"type": ["number", "null"]}
_STRINGS = {"type": "array", "items": {"type": "string"}}

MEASURE_OUTPUT_SCHEMA = {
    "type": "object",
    "required": ["measure_id", "submission_method", "status", "counted", "decile", "points",
                 "available_points", "caps", "bonus", "reason", "sentence"],
    "properties": {
        "measure_id": {"type": "string"}, "title": {"type": "string"},
        "submission_method": {"type": "string"},
        "status": {"enum": ["scored", "no_benchmark_floor", "case_minimum_floor",
                            "incomplete_zero", "incomplete_small_practice",
                            "excluded_no_benchmark", "excluded_case_minimum", "external_points",
                            "not_reported", "not_needed", "superseded", "not_applicable"]},
        "counted": {"type": "boolean"},
        "decile": {"type": ["integer", "null"], "minimum": 1, "maximum": 10},
        "points": _NULLABLE_NUM, "raw_points": _NULLABLE_NUM,
        "available_points": {"enum": [0, 10]},
        "performance_rate": _NULLABLE_NUM,
        "case_count": {"type": ["integer", "null"]},
        "case_minimum": {"type": ["integer", "null"]},
        "data_completeness_met": {"type": ["boolean", "null"]},
        "caps": _STRINGS, "benchmark_warnings": _STRINGS,
        "bonus": {"type": "object", "required": ["high_priority", "cehrt", "reasons"],
                  "properties": {"high_priority": {"type": "integer"},
                                 "cehrt": {"type": "integer"}, "reasons": _STRINGS}},
        "reason": {"type": "string"}, "sentence": {"type": "string"},
    },
}

UNIT_OUTPUT_SCHEMA = {
    "type": "object",
    "required": ["level", "unit_id", "measure_set", "achievement_points", "available_points",
                 "bonus", "achievement_percent", "percent_score", "measures", "sentence"],
    "properties": {
        "level": {"enum": ["entity", "tin", "npi"]}, "unit_id": {"type": "string"},
        "clinician_count": {"type": "integer"}, "small_practice": {"type": "boolean"},
        "measure_set": {"enum": ["web_interface", "other_mechanisms"]},
        "achievement_points": _NUM, "available_points": {"type": "integer"},
        "bonus": {"type": "object", "additionalProperties": {"type": "integer"}},
        "achievement_percent": _NUM, "percent_score": _NUM,
        "caps": _STRINGS, "notes": _STRINGS,
        "measures": {"type": "array", "items": MEASURE_OUTPUT_SCHEMA},
        "sentence": {"type": "string"},
    },
}

OUTPUT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:qis-portal:scoring:mips-apm-quality-output:2020",
    "title": "MIPS APM quality scoring result and explanation, performance year 2020",
    "type": "object",
    "required": ["performance_year", "entity_id", "quality", "final", "explanation"],
    "properties": {
        "performance_year": {"const": c.PERFORMANCE_YEAR},
        "entity_id": {"type": "string"},
        "quality": {
            "type": ["object", "null"],
            "description": "null when the quality category is reweighted to 0",
            "required": ["reporting_level", "achievement_score", "improvement",
                         "quality_reporting_credit", "percent_score", "units", "sentence"],
            "properties": {
                "reporting_level": {"enum": ["entity", "tin_npi"]},
                "achievement_score": _NUM,
                "improvement": {"type": "object"},
                "quality_reporting_credit": _NUM,
                "percent_score": {"type": "number", "minimum": 0, "maximum": 100},
                "caps": _STRINGS, "notes": _STRINGS,
                "units": {"type": "array", "items": UNIT_OUTPUT_SCHEMA},
                "clinicians": {"type": "array", "items": {"type": "object"}},
                "sentence": {"type": "string"},
            },
        },
        "final": {
            "type": "object",
            "required": ["weights", "contributions", "final_score", "sentence"],
            "properties": {
                "rule": {"enum": ["weighted", "performance_threshold"]},
                "weights": {"type": "object", "additionalProperties": _NUM},
                "contributions": {"type": "object", "additionalProperties": _NUM},
                "categories_scored": {"type": "integer"},
                "complex_patient_bonus": _NUM,
                "category_scores": {
                    "type": "object", "additionalProperties": _NULLABLE_NUM,
                    "description": "percent score of each category; null = reweighted to 0"},
                "final_score": {"type": "number", "minimum": 0, "maximum": 100},
                "caps": _STRINGS, "sentence": {"type": "string"},
            },
        },
        "explanation": _STRINGS,
        "reference": {"type": "object"},
    },
}
