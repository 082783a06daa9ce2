"""Run the portal the embedded way: web server plus a Celery worker with beat, no Redis.

The worker uses the same broker settings as everything else; with no REDIS_URL that is a
SQLite file (kombu's SQLAlchemy transport), so background jobs run with no server to install.
"""

import contextlib
import os
import signal
import subprocess
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start the web server and the background worker (with beat) together."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args, host, port, **options):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get(
            "DJANGO_SETTINGS_MODULE", "qis_portal.settings.local")}
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "qis_portal", "worker", "--beat",
             "--pool=solo", "--loglevel=INFO"],
            env=env,
        )
        web = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"{host}:{port}", "--noreload"], env=env,
        )
        self.stdout.write(self.style.SUCCESS(
            f"Portal on http://{host}:{port}/ — background worker and scheduler running "
            "(Ctrl-C stops both)."))
        try:
            while True:
                for proc, name in ((web, "web server"), (worker, "worker")):
                    if proc.poll() is not None:
                        self.stderr.write(f"The {name} stopped (exit {proc.returncode}).")
                        return
                with contextlib.suppress(subprocess.TimeoutExpired):
                    web.wait(timeout=1)
        except KeyboardInterrupt:
            pass
        finally:
            for proc in (web, worker):
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
            for proc in (web, worker):
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
