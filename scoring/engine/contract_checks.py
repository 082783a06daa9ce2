"""The input's shape is checked against ``INPUT_SCHEMA`` (``jsonschema_rs``, a compiled JSON
Schema validator: the national run checks every entity, so the check costs microseconds, not
the milliseconds of a pure-Python validator); the rules a schema cannot state are checked here.
Both report ``(field path, message)`` pairs, every problem at once.

A rule is checked only on fields that passed the schema (``Fields.get`` returns None for a
field with a schema error), so one bad value is reported once, under its own path.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import jsonschema_rs

from . import constants as c
from . import types as t
from .contract_schema import INPUT_SCHEMA, SUBMISSION_SCHEMA
from .measure_set import summary_parent
from .reference import Reference

_INPUT = jsonschema_rs.Draft202012Validator(INPUT_SCHEMA)
_SUBMISSION = jsonschema_rs.Draft202012Validator(SUBMISSION_SCHEMA)
_TYPE_NAMES = {"string": "a string", "boolean": "a boolean", "integer": "an integer",
               "number": "a number", "object": "an object", "array": "an array", "null": "null"}
_CMS_CALCULATED = (c.ADMIN_CLAIMS, c.SURVEY)


def join(path: str, key: Any) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return str(key) if path in ("", "$") else f"{path}.{key}"


def _path(parts, root: str) -> str:
    path = root
    for part in parts:
        path = join(path, part)
    return path


def _message(kind) -> str:
    name, value = kind.name, kind.value
    if name == "type":
        kinds = [value] if isinstance(value, str) else [k for k in value if k != "null"]
        return "must be " + " or ".join(_TYPE_NAMES.get(k, k) for k in kinds)
    if name == "minimum":
        return f"must be at least {value:g}"
    if name == "maximum":
        return f"must be at most {value:g}"
    if name == "pattern":
        return "must not be empty" if value == "\\S" else f"must match {value}"
    if name == "enum":
        return "must be one of " + ", ".join(str(v) for v in value)
    if name == "const":
        return f"must be {value}"
    if name == "uniqueItems":
        return "has duplicate items"
    return f"breaks the schema's {name} rule"


def schema_errors(data: Any, *, submission_only: bool = False, root: str = "$"
                  ) -> list[tuple[str, str]]:
    """Every place ``data`` breaks the schema, as ``(path, message)``."""
    validator = _SUBMISSION if submission_only else _INPUT
    if validator.is_valid(data):  # the common case; NaN and infinity are never valid
        return []
    non_finite = list(_non_finite(data, root))
    skip = {path for path, _ in non_finite}
    out: list[tuple[str, str]] = []
    for error in validator.iter_errors(data):
        here, kind = _path(error.instance_path, root), error.kind
        if kind.name == "required":
            out.append((join(here, kind.property), "required"))
        elif kind.name == "additionalProperties":
            out.extend((join(here, key), "unknown field") for key in kind.unexpected)
        elif here not in skip:
            out.append((here, _message(kind)))
    return out + non_finite


def _non_finite(value: Any, path: str):
    """NaN and infinity are no number the standard knows (and NaN passes numeric bounds)."""
    if isinstance(value, float) and not math.isfinite(value):
        yield path, "must be a finite number"
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _non_finite(item, join(path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _non_finite(item, join(path, index))


class Fields:
    """One object's values, hiding any field the schema already refused."""

    def __init__(self, data: Mapping, path: str, bad: set[str]) -> None:
        self.data, self.path, self.bad = data, path, bad

    def at(self, key: str) -> str:
        return join(self.path, key)

    def get(self, key: str) -> Any:
        # Without any schema error (the national run's common case) no path is built.
        return None if self.bad and self.at(key) in self.bad else self.data.get(key)

    def refused(self, key: str) -> bool:
        return bool(self.bad) and self.at(key) in self.bad


def submission_rules(f: Fields, participants: Mapping[str, t.Participant],
                     reference: Reference) -> list[tuple[str, str]]:
    """The cross-field rules of one submission object."""
    errs: list[tuple[str, str]] = []
    add = errs.append
    level, tin, npi = f.get("level"), f.get("tin"), f.get("npi")
    mid, method = f.get("measure_id"), f.get("submission_method")
    num, den, rate = f.get("numerator"), f.get("denominator"), f.get("performance_rate")
    compl, ext, ssms = f.get("data_completeness"), f.get("external_points"), f.get(
        "summary_measures")
    wi_rep, wi_n = f.get("wi_reported_beneficiaries"), f.get("wi_sample_size")
    if level == t.ENTITY and (tin is not None or npi is not None):
        add((f.at("level"), "entity-level submissions carry no tin or npi"))
    if level in (t.TIN, t.NPI) and tin is not None and tin not in participants:
        add((f.at("tin"), f"TIN {tin} is not on the participation list"))
    if level in (t.TIN, t.NPI) and tin is None and not f.refused("tin"):
        add((f.at("tin"), f"required for level {level}"))
    if level == t.TIN and npi is not None:
        add((f.at("npi"), "TIN-level submissions carry no npi"))
    if level == t.NPI and npi is None and not f.refused("npi"):
        add((f.at("npi"), "required for level npi"))
    if level == t.NPI and npi is not None and tin in participants and (
            npi not in participants[tin].npis):
        add((f.at("npi"), f"NPI {npi} is not listed under TIN {tin}"))
    measure = reference.measure(mid) if mid else None
    if mid is not None and measure is None:
        add((f.at("measure_id"), f"unknown {c.PERFORMANCE_YEAR} quality measure {mid}"))
    if measure and method and method not in measure.submission_methods:
        add((f.at("submission_method"), f"measure {mid} cannot be submitted by {method} "
                                        f"(allowed: {', '.join(measure.submission_methods)})"))
    if num is not None and den is not None and num > den:
        add((f.at("numerator"), "greater than the denominator"))
    if rate is not None and (measure.is_proportion if measure else True) and not 0 <= rate <= 100:
        add((f.at("performance_rate"), "must be a percent between 0 and 100"))
    if rate is not None and num is not None and den and abs(rate - num * 100 / den) > 0.01:
        add((f.at("performance_rate"), "does not match numerator / denominator x 100"))
    if (num is None) != (den is None) and not (f.refused("numerator") or f.refused("denominator")):
        add((f.path, "numerator and denominator come together"))
    if level == t.NPI and method in (c.WEB_INTERFACE, *_CMS_CALCULATED):
        add((f.at("submission_method"), f"{method} is reported by groups and entities, not by "
                                        "an individual clinician"))
    if ext is not None and method not in _CMS_CALCULATED:
        add((f.at("external_points"), "allowed only for CMS-calculated measures "
                                      "(certifiedSurveyVendor, administrativeClaims)"))
    if method in _CMS_CALCULATED and f.get("eligible_population") is None and den is None \
            and not (f.refused("eligible_population") or f.refused("denominator")):
        add((f.at("eligible_population"), "required for a CMS-calculated measure without a "
                                          "denominator: its case count decides the case "
                                          "minimum (§4.2.2)"))
    errs.extend(_summary_rules(f, mid, method, ext, ssms, reference))
    if ext is None and rate is None and den is None and not ssms and not any(
            f.refused(k) for k in ("external_points", "performance_rate", "denominator",
                                   "summary_measures")):
        add((f.path, "performance data missing: give numerator and denominator, "
                     "performance_rate, summary_measures or external_points"))
    if (wi_rep is not None or wi_n is not None) and method != c.WEB_INTERFACE:
        add((f.path, "wi_reported_beneficiaries and wi_sample_size are for the Web Interface"))
    if method == c.WEB_INTERFACE and compl is None and (wi_rep is None or wi_n is None) and not \
            f.refused("data_completeness"):
        add((f.at("data_completeness"), "required (or wi_reported_beneficiaries and "
                                        "wi_sample_size)"))
    elif method in (c.CLAIMS, c.REGISTRY, c.EHR) and compl is None and not f.refused(
            "data_completeness"):
        add((f.at("data_completeness"), f"required for submission method {method}"))
    return errs


def _summary_rules(f: Fields, mid, method, ext, ssms, reference: Reference):
    if not ssms:
        return
    if method != c.SURVEY or mid not in ("321", "ACO321"):
        yield f.at("summary_measures"), "only for the CAHPS surveys 321 and ACO321"
        return
    if ext is not None:
        yield f.at("summary_measures"), "give either external_points or summary_measures"
    seen = set()
    for i, ssm in enumerate(ssms):
        ssm_id = ssm.get("measure_id") if isinstance(ssm, Mapping) else None
        where = join(join(f.at("summary_measures"), i), "measure_id")
        if not isinstance(ssm_id, str) or where in f.bad:
            continue
        if summary_parent(ssm_id) != mid or reference.measure(ssm_id) is None:
            yield where, f"{ssm_id} is not a summary survey measure of {mid}"
        elif ssm_id in seen:
            yield where, f"duplicate summary measure {ssm_id}"
        seen.add(ssm_id)
