"""The QPP Submissions API's submission JSON (CMSgov/qpp-submissions-docs), quality category.

A submission names its performer (``entityType`` "individual" with ``taxpayerIdentificationNumber``
and ``nationalProviderIdentifier``, "group" with the TIN, or "apm" with ``entityId``) and holds
``measurementSets``; each set of ``category`` "quality" has a ``submissionMethod`` and
``measurements``, each with a ``measureId`` and a ``value``: a single performance rate
(``performanceMet``, ``performanceNotMet``, ``eligiblePopulation``,
``eligiblePopulationExclusion``, ``eligiblePopulationException``, ``reportingRate``,
``isEndToEndReported``) or strata of them, of which the "overall" stratum is the measure's.
Sets of other categories (ia, pi) are not quality data and are skipped. Values the engine has
no field for (proportions, CAHPS scores, readmission details) are refused with their path.
"""

import json
from decimal import Decimal, InvalidOperation

from scoring.choices import PERFORMANCE_YEAR
from scoring.formats.common import LEVELS, METHODS, Measurement, Problems, count

MAX_MEASUREMENTS = 5000


def _reporting_rate(problems: Problems, value, path: str, number: int) -> Decimal | None:
    if value is None:
        return None
    try:
        rate = Decimal(str(value)) if not isinstance(value, bool) else None
    except InvalidOperation:
        rate = None
    if rate is None or not rate.is_finite() or not 0 <= rate <= 100:
        problems.add(path, "must be a percentage from 0 to 100", value, number)
        return None
    return rate


def _counts_of(value: dict, path: str, problems: Problems, number: int):
    """The counts object of a measurement: the value itself, or its "overall" stratum."""
    strata = value.get("strata")
    if strata is None:
        return value, path
    if not isinstance(strata, list):
        problems.add(f"{path}.strata", "must be a list of strata", type(strata).__name__, number)
        return None, path
    for i, stratum in enumerate(strata):
        if isinstance(stratum, dict) and stratum.get("stratum") == "overall":
            return stratum, f"{path}.strata[{i}]"
    problems.add(f"{path}.strata", 'has no "overall" stratum; the engine scores one '
                                   "performance rate per measure", "", number)
    return None, path


def _measurement(raw, path: str, number: int, performer: dict, method: tuple[str, str],
                 problems: Problems) -> Measurement | None:
    """One measurement of a quality set; ``method`` is (submission method, its path)."""
    if not isinstance(raw, dict):
        problems.add(path, "must be an object", type(raw).__name__, number)
        return None
    measure_id = raw.get("measureId")
    if not isinstance(measure_id, str) or not measure_id.strip():
        problems.add(f"{path}.measureId", "is required (a quality measure ID)", measure_id,
                     number)
    value = raw.get("value")
    if not isinstance(value, dict) or "performanceMet" not in value and "strata" not in value:
        problems.add(f"{path}.value", "must be a performance-rate measurement "
                                      "(performanceMet, performanceNotMet, eligiblePopulation)",
                     json.dumps(value)[:200] if value is not None else "", number)
        return None
    counts, at = _counts_of(value, f"{path}.value", problems, number)
    if counts is None:
        return None
    met = count(problems, counts.get("performanceMet"), f"{at}.performanceMet", number)
    not_met = count(problems, counts.get("performanceNotMet", 0), f"{at}.performanceNotMet",
                    number)
    excluded = count(problems, counts.get("eligiblePopulationExclusion", 0),
                     f"{at}.eligiblePopulationExclusion", number)
    excepted = count(problems, counts.get("eligiblePopulationException", 0),
                     f"{at}.eligiblePopulationException", number)
    eligible = count(problems, counts.get("eligiblePopulation"), f"{at}.eligiblePopulation",
                     number)
    rate = _reporting_rate(problems, value.get("reportingRate"),
                           f"{path}.value.reportingRate", number)
    end_to_end = value.get("isEndToEndReported", False)
    if not isinstance(end_to_end, bool):
        problems.add(f"{path}.value.isEndToEndReported", "must be true or false", end_to_end,
                     number)
    if None in (met, not_met, excluded, excepted, eligible) or not isinstance(measure_id, str):
        return None
    if met + not_met + excluded + excepted > eligible:
        problems.add(f"{at}.eligiblePopulation", "is smaller than performanceMet + "
                     "performanceNotMet + exclusions + exceptions", eligible, number)
        return None
    return Measurement(
        number=number, path=path, measure_id=measure_id.strip(), submission_method=method[0],
        performance_met=met, performance_not_met=not_met, exclusions=excluded,
        exceptions=excepted, eligible_population=eligible, reporting_rate=rate,
        end_to_end=end_to_end is True, **performer,
        paths={"measure_id": f"{path}.measureId", "numerator": f"{at}.performanceMet",
               "denominator": f"{at}.performanceNotMet",
               "eligible_population": f"{at}.eligiblePopulation",
               "data_completeness": f"{path}.value.reportingRate",
               "submission_method": method[1]})


def _performer(doc: dict, problems: Problems) -> dict | None:
    kind = doc.get("entityType")
    level = LEVELS.get(kind) if isinstance(kind, str) else None
    if level is None:
        problems.add("entityType", f"must be one of {', '.join(sorted(LEVELS))}", kind)
        return None
    tin = doc.get("taxpayerIdentificationNumber", "") if level != "entity" else ""
    npi = doc.get("nationalProviderIdentifier", "") if level == "npi" else ""
    for name, value, digits in (("taxpayerIdentificationNumber", tin, 9),
                                ("nationalProviderIdentifier", npi, 10)):
        needed = (level in ("tin", "npi")) if digits == 9 else level == "npi"
        if needed and not (isinstance(value, str) and value.isdigit() and len(value) == digits):
            problems.add(name, f"must be {digits} digits for entityType {kind}", value)
            return None
    return {"level": level, "tin": tin, "npi": npi}


def parse(data: bytes) -> tuple[list[Measurement], Problems, str]:
    """(measurements, problems, the APM Entity ID the file names or "")."""
    problems = Problems()
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.add("$", f"is not JSON: {exc}")
        return [], problems, ""
    if not isinstance(doc, dict):
        problems.add("$", "must be a submission object", type(doc).__name__)
        return [], problems, ""
    year = doc.get("performanceYear")
    if year != PERFORMANCE_YEAR or isinstance(year, bool):
        problems.add("performanceYear", f"must be {PERFORMANCE_YEAR}", year)
    performer = _performer(doc, problems)
    sets = doc.get("measurementSets")
    if not isinstance(sets, list):
        problems.add("measurementSets", "must be a list", type(sets).__name__)
        return [], problems, ""
    measurements, number = [], 0
    for s, mset in enumerate(sets):
        at = f"measurementSets[{s}]"
        if not isinstance(mset, dict):
            problems.add(at, "must be an object", type(mset).__name__)
            continue
        if mset.get("category") != "quality":
            continue
        method = mset.get("submissionMethod")
        if method not in METHODS:
            problems.add(f"{at}.submissionMethod", f"must be one of {', '.join(METHODS)}",
                         method)
        items = mset.get("measurements")
        if not isinstance(items, list):
            problems.add(f"{at}.measurements", "must be a list", type(items).__name__)
            continue
        for m, raw in enumerate(items):
            number += 1
            if number > MAX_MEASUREMENTS:
                problems.add(at, f"more than {MAX_MEASUREMENTS} measurements in one file")
                return [], problems, ""
            if performer is None or method not in METHODS:
                continue
            found = _measurement(raw, f"{at}.measurements[{m}]", number, performer,
                                 (method, f"{at}.submissionMethod"), problems)
            if found is not None:
                measurements.append(found)
    if not number and not problems:
        problems.add("measurementSets", 'has no measurement of category "quality"')
    named = doc.get("entityId") if performer and performer["level"] == "entity" else ""
    return measurements, problems, named if isinstance(named, str) else ""
