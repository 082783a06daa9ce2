"""QIS form validation and rendering throughput, in one process, without a database.

Validates, compares with the plan on file, and renders (as the print view and PDF do) a batch
of synthetic Progress Reports and Covered California Work Plans built from the seeds' numbers,
then prints forms per second for each step. The validators are the ones the forms, the API and
the submit service share, so this is the cost of one "Check and submit".

Run: ``.venv/bin/python bench/bench_submissions.py`` (``--forms 2000`` to change the batch).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qis_portal.settings.test")

import django  # noqa: E402

django.setup()

from submissions.presentation import render_form  # noqa: E402
from submissions.validators import SubmitContext, submit_errors  # noqa: E402
from submissions.validators.restated import plan_discrepancies, target_proposals  # noqa: E402
from tests.submissions.conftest import (  # noqa: E402
    PLAN_DATA,
    PROGRESS_ANSWERS,
    WORK_PLAN_ANSWERS,
)


def progress_report(i: int) -> dict:
    numerator = 1000 + i % 400
    return {**PLAN_DATA, **PROGRESS_ANSWERS, "qis_title": f"QIS {i}",
            "issuer_legal_name": f"Issuer {i}", "hios_issuer_id": f"{10000 + i % 89999:05d}",
            "issuer_state": "CA", "exchange_start_date": "2014-01-01",
            "m1a_progress_numerator": numerator,
            "m1a_progress_rate": f"{numerator * 100 / 5000:.2f}"}


def timed(label: str, count: int, func) -> None:
    start = time.perf_counter()
    func()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {count / seconds:>10,.0f} forms/s  ({seconds:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=2000)
    count = parser.parse_args().forms
    reports = [progress_report(i) for i in range(count)]
    plans = [{**WORK_PLAN_ANSWERS, "m1a_name": "NTSV", "m1a_target": "23.9",
              "start_date": "2025-01-01", "milestone_1_date": "2025-06-30"}
             for _ in range(count)]
    context = SubmitContext(plan_year=2025, plan_data=PLAN_DATA)
    failures = sum(bool(submit_errors("progress_report", r, context)) for r in reports[:10])
    assert failures == 0, "the synthetic Progress Reports should be valid"
    timed("Progress Report submit rules", count,
          lambda: [submit_errors("progress_report", r, context) for r in reports])
    timed("Work Plan submit rules", count,
          lambda: [submit_errors("work_plan", p) for p in plans])
    timed("plan comparison and target proposals", count,
          lambda: [(plan_discrepancies(r, PLAN_DATA), target_proposals(r, PLAN_DATA))
                   for r in reports])
    timed("render as filed (print view, PDF, CSV)", count,
          lambda: [render_form("progress_report", r) for r in reports])


if __name__ == "__main__":
    main()
