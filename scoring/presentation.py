"""The engine's output dict laid out like the seed's Tables 3-5 for the result pages.

Adds per measure what the tables show beside the points (high priority and its bonus, CEHRT
eligibility, benchmark available) from the same reference the engine used; the API returns
the engine's dict itself, so both carry the same explanation.
"""

from scoring.engine import Reference
from scoring.engine import constants as c

STATUS_LABELS = {
    "scored": "Yes",
    "no_benchmark_floor": "Yes: 3-point floor (no benchmark)",
    "case_minimum_floor": "Yes: 3-point floor (case minimum not met)",
    "incomplete_zero": "Yes: 0 points (data completeness not met)",
    "incomplete_small_practice": "Yes: 3 points (incomplete, small practice)",
    "excluded_no_benchmark": "No: excluded (no benchmark)",
    "excluded_case_minimum": "No: excluded (case minimum not met)",
    "external_points": "Yes: points calculated by CMS",
    "not_reported": "Did not submit",
    "not_needed": "Not needed (outside the best six)",
    "superseded": "Not used (another collection type scored higher)",
    "not_applicable": "No: not applicable",
}
LEVEL_LABELS = {"entity": "APM Entity", "tin": "TIN reporting as a group",
                "npi": "Individual clinician (TIN/NPI)"}
SET_LABELS = {"web_interface": "CMS Web Interface set",
              "other_mechanisms": "Other MIPS submission mechanisms"}
CATEGORY_LABELS = {"quality": "Quality", "cost": "Cost", "ia": "Improvement activities",
                   "pi": "Promoting interoperability"}


def _high_priority(measure) -> str:
    if measure is None or not measure.is_high_priority:
        return "No"
    if measure.measure_type in c.OUTCOME_TYPES:
        return "Yes (outcome, 2 points)"
    if measure.measure_type in c.PATIENT_EXPERIENCE_TYPES:
        return "Yes (patient experience, 2 points)"
    return "Yes (1 point)"


def _measure_rows(unit: dict, reference: Reference) -> list[dict]:
    rows = []
    for m in unit["measures"]:
        measure = reference.measure(m["measure_id"])
        bench = reference.benchmark(m["measure_id"], m["submission_method"])
        bonus = m["bonus"]
        rows.append({
            **m,
            "title": m.get("title") or (measure.title if measure else ""),
            "high_priority": _high_priority(measure),
            "cehrt_eligible": m["submission_method"] in c.CEHRT_METHODS,
            "benchmark_available": bench is not None,
            "topped_out": bool(bench and bench.is_topped_out),
            "scored_label": STATUS_LABELS.get(m["status"], m["status"]),
            "bonus_total": bonus["high_priority"] + bonus["cehrt"],
        })
    return rows


def _unit_view(unit: dict, reference: Reference) -> dict:
    bonus = unit["bonus"]
    earned = unit["achievement_points"] + bonus["total"]
    return {
        **unit,
        "level_label": LEVEL_LABELS.get(unit["level"], unit["level"]),
        "set_label": SET_LABELS.get(unit["measure_set"], unit["measure_set"]),
        "rows": _measure_rows(unit, reference),
        "earned_total": earned,
        "hp_capped": bonus["high_priority_raw"] != bonus["high_priority"],
        "cehrt_capped": bonus["cehrt_raw"] != bonus["cehrt"],
    }


def explanation(output: dict, reference: Reference) -> dict:
    """Everything the result template needs, in the seed tables' order."""
    quality = output.get("quality")
    final = output["final"]
    view = {"output": output, "final": final, "quality": None, "units": [],
            "categories": [
                {"key": key, "label": CATEGORY_LABELS[key],
                 "score": final.get("category_scores", {}).get(key),
                 "unscored": "Weight 0 for MIPS APMs" if key == "cost" else "Reweighted to 0",
                 "weight": final["weights"].get(key, 0),
                 "contribution": final["contributions"].get(key, 0)}
                for key in ("quality", "cost", "ia", "pi")
            ]}
    if quality is not None:
        view["quality"] = quality
        view["units"] = [_unit_view(u, reference) for u in quality["units"]]
        view["quality_weight"] = final["weights"].get("quality", 0)
        view["quality_contribution"] = final["contributions"].get("quality", 0)
    return view
