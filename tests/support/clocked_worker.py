"""Run a Celery worker on the suite's clock: `python -m tests.support.clocked_worker <args>`.

A worker started by a test would otherwise read the real date while the suite's own process
reads SUITE_NOW (tests/support/clock.py); the worker's claim times and the suite's sweep would
then disagree. The test passes how far its clock is from the real one (`worker_env()`), and the
worker keeps the same distance, with the clock ticking as the suite's does.
"""

import os
import sys
import time
from datetime import UTC, datetime

import time_machine
from time_machine import escape_hatch

OFFSET = "WORKER_CLOCK_OFFSET"


def worker_env() -> dict:
    """In the test process (travelling): the offset of its clock from the real one."""
    return {OFFSET: repr(time.time() - escape_hatch.time.time())}


def main() -> None:
    start = datetime.fromtimestamp(time.time() + float(os.environ[OFFSET]), UTC)
    with time_machine.travel(start, tick=True):
        from celery.__main__ import main as celery_main

        sys.argv = ["celery", *sys.argv[1:]]
        celery_main()


if __name__ == "__main__":
    main()
