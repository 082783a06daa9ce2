"""An e-mail backend for the worker-failure test: marks the start of a send, waits, then
records the message, so a test can kill the worker in the middle of a task."""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class SlowMarkerBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(os.environ["SLOW_EMAIL_DIR"])
        delay = float(os.environ.get("SLOW_EMAIL_SECONDS", "3"))
        for message in email_messages:
            tag = message.subject.rsplit(" ", 1)[-1]
            (folder / f"started-{tag}-{time.time_ns()}").touch()
            time.sleep(delay)
            (folder / f"sent-{tag}-{time.time_ns()}").touch()
        return len(email_messages)
