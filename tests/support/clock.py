"""The suite's one clock: no test reads the real date or depends on how long the run takes.

Every test starts at SUITE_NOW, with the clock running (so durations inside a test are real);
session- and module-scoped fixtures start there too. A slow machine therefore cannot carry a
module past an idle limit, and a run in December sees the same dates as one in March. Set
`TEST_NOW` (ISO 8601 with a UTC offset) to run the whole suite at another instant, e.g.
`TEST_NOW=2026-12-31T23:30:00-05:00 make test`.
"""

import os
from datetime import datetime

import time_machine

DEFAULT_NOW = "2026-03-10T10:00:00-04:00"  # a Tuesday morning, Eastern daylight time


def _suite_now() -> datetime:
    moment = datetime.fromisoformat(os.environ.get("TEST_NOW") or DEFAULT_NOW)
    if moment.tzinfo is None:
        raise ValueError("TEST_NOW needs a UTC offset, e.g. 2026-12-02T11:00:00-05:00")
    return moment


SUITE_NOW = _suite_now()


def pinned_clock() -> time_machine.travel:
    """Travel to SUITE_NOW with the clock ticking from there."""
    return time_machine.travel(SUITE_NOW, tick=True)
