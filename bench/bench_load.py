"""The portal under load over HTTP, each page beside Django admin's changelist of its model.

Builds its own PostgreSQL database (default ``qis_bench_load``): the demo organizations and
users from ``seed_demo``, then (``load_bench_data.py``, bulk_create) 100,000 providers, 50,000
work-basket tasks, 10,000 QIS submissions and 2,000 FQS requests with their activations and
referrals at ``--scale 1``. Then, in one run:

1. serves the portal with gunicorn on 127.0.0.1 (settings ``load_bench_settings.py``: DEBUG
   off, plain HTTP, burst limits lifted, MFA waived as outside production) and signs in 16
   clients per user through the login form;
2. for the work basket, the General Directory, the QIS submission list, the FQS dashboard and
   the API lists of providers, tasks, submissions and FQS referrals: ``--requests`` GETs from
   16 concurrent clients, alternating in ``--rounds`` with as many GETs of Django admin's
   changelist of the same model (as the superuser), and prints p50 and p95 latency of both and
   the ratio admin / ours (above 1: ours is faster);
3. walks every page of ``/api/submissions/`` (cursor pagination) as a CMS reader, and every
   page of a default DRF ``ModelViewSet`` with ``PageNumberPagination`` over the same rows
   (``load_bench_urls.py``), best of ``--pulls``, and prints the ratio;
4. imports one 50,000-row SPL file of the Northeast with the portal's own SPL import
   (``spl_upload_create`` + ``spl_upload_process``: checked whole, then all or nothing, a new
   version), and the same file into the same row model (``SplEntry``) with django-import-export
   (``import_data(dry_run=False)`` in one transaction), and prints the ratio.

Run: ``.venv/bin/python bench/bench_load.py`` (``--scale 0.01`` for a quick run, ``--reuse`` to
keep the data of an earlier run of the same scale and seed, ``--drop`` to drop the database at
the end). Needs PostgreSQL on 127.0.0.1:5432, user postgres (``--dsn``); it never touches any
other database.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg2
import requests

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path[:0] = [str(ROOT), str(BENCH)]

from bench_db import server_sql  # noqa: E402  (bench/ is on the path from here)

DEMO_PASSWORD = "demo-portal-2026"  # qis_portal.demo.DEMO_PASSWORD, every demo user's
ASSOCIATE, QIS_REVIEWER, FQS_REVIEWER = ("associate@northeast.demo", "qis.reviewer@cms.demo",
                                         "fqs.reviewer@cms.demo")
CMS_READER, COR, SUPERUSER = "readonly@cms.demo", "cor@cms.demo", "admin@cms.demo"


# --- the database -------------------------------------------------------------------------

def use_database(dsn: str, name: str, media: str, conn_max_age: int) -> None:
    """Point this process (and the server it starts) at the bench database, then set Django up.

    Only host, port and user are taken from ``dsn``. The database is created when missing;
    what it holds is decided by ``prepare``."""
    params = dict(item.split("=", 1) for item in dsn.split())
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "load_bench_settings",
        "BENCH_DATABASE_URL": (f"postgres://{params.get('user', 'postgres')}@"
                               f"{params.get('host', '127.0.0.1')}:{params.get('port', '5432')}"
                               f"/{name}"),
        "BENCH_MEDIA_ROOT": media,
        "DB_CONN_MAX_AGE": str(conn_max_age),
    })
    with psycopg2.connect(f"{dsn} dbname=postgres") as probe, probe.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        missing = cur.fetchone() is None
    probe.close()
    if missing:
        server_sql(dsn, f'CREATE DATABASE "{name}"')
    import django

    django.setup()


def prepare(args) -> tuple[dict, str]:
    """The data of ``--scale`` and ``--seed``: reused when asked and present, else rebuilt
    in a new, empty database."""
    from django.core.management import call_command
    from django.db import connection
    from load_bench_data import build, read_meta

    meta = read_meta() if args.reuse else None
    if meta and (meta["scale"], meta["seed"]) == (args.scale, args.seed):
        return meta, "reused from an earlier run"
    name = args.database
    server_sql(args.dsn, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
               f'CREATE DATABASE "{name}"')
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    meta = build(args.scale, args.seed)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    return meta, f"built in {time.perf_counter() - t0:.0f} s"


# --- the server ---------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(workers: int, log_path: Path):
    """The portal under gunicorn (sync workers) on a free loopback port; stopped on exit,
    whatever happens."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "gunicorn", "qis_portal.wsgi:application",
               "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
               "--worker-class", "sync", "--timeout", "120", "--chdir", str(ROOT),
               "--pythonpath", f"{ROOT},{BENCH}", "--log-level", "warning"]
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                  env=os.environ.copy(), start_new_session=True)
    try:
        wait_until_up(base, server, log_path)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_up(base: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({server.returncode}):\n"
                               f"{log_path.read_text()[-3000:]}")
        try:
            # 503 is the portal answering that no Celery worker is there: the bench runs
            # without one (its jobs go to an in-memory broker), the pages are served.
            if requests.get(f"{base}/health/", timeout=10).status_code in (200, 503):
                return
        except requests.RequestException:  # not listening yet, or workers still booting
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /health/ in 60 s:\n"
                       f"{log_path.read_text()[-3000:]}")


# --- clients ------------------------------------------------------------------------------

def sign_in(base: str, email: str) -> requests.Session:
    """A client signed in through the login form (CSRF cookie and token, like a browser)."""
    session = requests.Session()
    session.get(f"{base}/accounts/login/", timeout=30).raise_for_status()
    answer = session.post(f"{base}/accounts/login/", timeout=60, allow_redirects=False, data={
        "csrfmiddlewaretoken": session.cookies["csrftoken"], "username": email,
        "password": DEMO_PASSWORD})
    if answer.status_code != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"sign-in of {email} failed: HTTP {answer.status_code}")
    if "/accounts/mfa/" in answer.headers.get("Location", ""):
        raise RuntimeError(f"sign-in of {email} asks for MFA; the bench settings waive it")
    return session


def sign_in_all(base: str, emails: list[str], clients: int) -> dict[str, list]:
    """``clients`` sessions per user, each its own sign-in (so its own session row)."""
    wanted = [email for email in emails for _ in range(clients)]
    with ThreadPoolExecutor(clients) as pool:
        sessions = list(pool.map(lambda email: sign_in(base, email), wanted))
    return {email: sessions[i * clients:(i + 1) * clients] for i, email in enumerate(emails)}


# --- latency ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    label: str
    ours: str
    user: str
    admin: str
    check: Callable[[requests.Response], str]  # "" when the answer is what we expect


def html_with(marker: str) -> Callable[[requests.Response], str]:
    def check(response: requests.Response) -> str:
        text = response.text
        if "Sign in" in text and 'name="password"' in text:
            return "the login page"
        return "" if marker in text else f"no {marker!r} in the page"
    return check


def api_rows(response: requests.Response) -> str:
    try:
        rows = response.json()["results"]
    except (ValueError, KeyError):
        return "not a paginated JSON list"
    return "" if rows else "an empty list"


ADMIN_ROWS = html_with('id="result_list"')
TARGETS = [
    Target("Work basket (My Tasks)", "/qio/tasks/", ASSOCIATE, "/admin/qio_program/task/",
           html_with('href="/qio/tasks/')),
    Target("General Directory", "/qio/directory/", ASSOCIATE, "/admin/qio_program/provider/",
           html_with('href="/qio/providers/')),
    Target("QIS submission list", "/submissions/", QIS_REVIEWER,
           "/admin/submissions/submission/", html_with('href="/submissions/')),
    Target("FQS dashboard", "/fqs/", FQS_REVIEWER, "/admin/fqs/referral/",
           html_with('href="/fqs/referrals/')),
    Target("API providers", "/api/qio/providers/", ASSOCIATE, "/admin/qio_program/provider/",
           api_rows),
    Target("API tasks", "/api/qio/tasks/", ASSOCIATE, "/admin/qio_program/task/", api_rows),
    Target("API submissions", "/api/submissions/", QIS_REVIEWER,
           "/admin/submissions/submission/", api_rows),
    Target("API FQS referrals", "/api/fqs/referrals/", FQS_REVIEWER, "/admin/fqs/referral/",
           api_rows),
]


def fetch(session: requests.Session, url: str) -> requests.Response:
    return session.get(url, timeout=120, allow_redirects=False)


def check_answer(session: requests.Session, url: str, check) -> int:
    """Fail loudly unless ``url`` answers 200 with the content expected; returns its size."""
    response = fetch(session, url)
    problem = (f"HTTP {response.status_code}" if response.status_code != 200
               else "an empty body" if not response.content else check(response))
    if problem:
        raise RuntimeError(f"GET {url} answered {problem}; nothing was timed")
    return len(response.content)


def hammer(sessions: list, url: str, count: int) -> list[float]:
    """``count`` GETs of ``url`` from all sessions at once; each latency, in seconds."""
    tickets = itertools.count()  # next() on a count is atomic under the GIL
    failures: list[str] = []
    stop = threading.Event()  # set when the main thread leaves early (an error, SIGTERM)

    def client(session) -> list[float]:
        seen = []
        while not stop.is_set() and next(tickets) < count:
            t0 = time.perf_counter()
            response = fetch(session, url)
            seen.append(time.perf_counter() - t0)
            if response.status_code != 200 or not response.content:
                failures.append(f"HTTP {response.status_code}")
        return seen

    with ThreadPoolExecutor(len(sessions)) as pool:
        try:
            latencies = [x for part in pool.map(client, sessions) for x in part]
        finally:
            stop.set()
    if failures:
        raise RuntimeError(f"GET {url} under load: {len(failures)} of {count} failed "
                           f"({', '.join(sorted(set(failures)))})")
    return latencies


def p50_p95(latencies: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(latencies, n=20, method="inclusive")
    return cuts[9] * 1000, cuts[18] * 1000


def measure(target: Target, base: str, sessions: dict, args) -> tuple[tuple, tuple, int, int]:
    """Ours and admin's latencies for one target, in alternating rounds after a warm-up."""
    ours, admin = sessions[target.user], sessions[SUPERUSER]
    ours_url, admin_url = base + target.ours, base + target.admin
    ours_bytes = check_answer(ours[0], ours_url, target.check)
    admin_bytes = check_answer(admin[0], admin_url, ADMIN_ROWS)
    hammer(ours, ours_url, args.warmup)
    hammer(admin, admin_url, args.warmup)
    mine, theirs = [], []
    per_round = max(1, args.requests // args.rounds)
    for _ in range(args.rounds):
        mine += hammer(ours, ours_url, per_round)
        theirs += hammer(admin, admin_url, per_round)
    return p50_p95(mine), p50_p95(theirs), ours_bytes, admin_bytes


def latency_table(base: str, sessions: dict, args) -> None:
    print(f"\n{'target':<26} {'ours p50':>9} {'p95':>8} {'admin p50':>10} {'p95':>8} "
          f"{'admin/ours p50':>15} {'p95':>6}   bytes ours / admin  (ms; admin changelist of "
          "the same model)")
    for target in TARGETS:
        (o50, o95), (a50, a95), ob, ab = measure(target, base, sessions, args)
        print(f"{target.label:<26} {o50:>9.1f} {o95:>8.1f} {a50:>10.1f} {a95:>8.1f} "
              f"{a50 / o50:>15.2f} {a95 / o95:>6.2f}   {ob:>8,} / {ab:,}", flush=True)


# --- the full API pull --------------------------------------------------------------------

def walk(session: requests.Session, url: str) -> tuple[float, int, int]:
    """Follow ``next`` from ``url`` to the last page: (seconds, rows, pages)."""
    rows = pages = 0
    t0 = time.perf_counter()
    while url:
        response = session.get(url, timeout=120)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered HTTP {response.status_code}")
        body = response.json()
        rows, pages, url = rows + len(body["results"]), pages + 1, body["next"]
    return time.perf_counter() - t0, rows, pages


PULLS = [  # (what, our list, plain list key, who pulls)
    ("submissions", "/api/submissions/", "submissions", CMS_READER),
    ("providers", "/api/qio/providers/", "providers", CMS_READER),
    ("tasks", "/api/qio/tasks/", "tasks", ASSOCIATE),
    ("FQS referrals", "/api/fqs/referrals/", "referrals", CMS_READER),
]


def export_pull(session: requests.Session, url: str) -> tuple[float, int]:
    """The whole list as one streamed NDJSON download: (seconds, rows)."""
    t0 = time.perf_counter()
    with session.get(url, timeout=600, stream=True) as response:
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered HTTP {response.status_code}")
        rows = sum(chunk.count(b"\n") for chunk in response.iter_content(1 << 16))
    return time.perf_counter() - t0, rows


def api_pull(base: str, sessions: dict, pulls: int) -> None:
    """Each full pull page by page with ``page_size=1000`` beside the stock viewset, best of
    ``pulls`` (alternating, so both see the same machine), and the streamed export."""
    from load_bench_urls import PLAIN

    print(f"\nFull API pulls, best of {pulls} (ours: cursor pages of 1,000; default: DRF "
          "ModelViewSet + PageNumberPagination of 50):")
    for what, ours_path, plain_key, user in PULLS:
        session = sessions[user][0]
        best = {"ours": (float("inf"), 0, 0), "plain": (float("inf"), 0, 0),
                "export": (float("inf"), 0)}
        for _ in range(pulls):
            best["ours"] = min(best["ours"], walk(session, f"{base}{ours_path}?page_size=1000"))
            best["plain"] = min(best["plain"], walk(session, f"{base}/{PLAIN[plain_key]}"))
            best["export"] = min(best["export"],
                                 export_pull(session, f"{base}{ours_path}export/"))
        (ours, rows, pages), (plain, plain_rows, plain_pages) = best["ours"], best["plain"]
        export, export_rows = best["export"]
        if not rows or len({rows, plain_rows, export_rows}) != 1:
            raise RuntimeError(f"the {what} pulls disagree: ours {rows}, default {plain_rows}, "
                               f"export {export_rows} rows")
        print(f"  {what:<14} {rows:>7,} rows as {user}: ours {ours:.2f} s ({pages} pages), "
              f"default {plain:.2f} s ({plain_pages} pages), ratio default / ours "
              f"{plain / ours:.2f}; NDJSON export {export:.2f} s, ratio {plain / export:.2f}",
              flush=True)


# --- the SPL upload -----------------------------------------------------------------------

def spl_upload(meta: dict, folder: Path, seed: int) -> None:
    from django.contrib.auth import get_user_model
    from load_bench_data import SPL_REGION, write_spl_csv

    path = folder / "spl-northeast.csv"
    rows = write_spl_csv(path, SPL_REGION, meta["spl_rows"], random.Random(seed))
    cor = get_user_model().objects.get(email=COR)
    ours = portal_spl_import(path, cor, SPL_REGION, rows)
    theirs = import_export_spl(path, cor, SPL_REGION, rows)
    print(f"\nSPL upload of {rows:,} rows ({path.stat().st_size / 1e6:.1f} MB, "
          f"{SPL_REGION.label}): the portal's import (check every row, then one transaction: "
          f"new version, entries, on_spl) {ours:.2f} s; django-import-export import_data into "
          f"SplEntry in one transaction {theirs:.2f} s; ratio import-export / ours "
          f"{theirs / ours:.2f}.")


def portal_spl_import(path: Path, cor, region, rows: int) -> float:
    from django.core.files import File

    from qio_program.models import SplUploadStatus
    from qio_program.services.spl import spl_upload_create, spl_upload_process

    t0 = time.perf_counter()
    with open(path, "rb") as handle:
        upload = spl_upload_create(actor=cor, region=region,
                                   upload=File(handle, name=path.name))
    upload = spl_upload_process(upload_id=upload.pk)
    seconds = time.perf_counter() - t0
    if upload.status != SplUploadStatus.IMPORTED or upload.version.entry_count != rows:
        problems = list(upload.errors.values_list("row_number", "column", "rule")[:5])
        raise RuntimeError(f"the portal's SPL import did not import {rows} rows: "
                           f"{upload.status} {problems}")
    return seconds


def import_export_spl(path: Path, cor, region, rows: int) -> float:
    """The same file with django-import-export, into a new (not current) version."""
    import tablib
    from django.db.models import Max
    from load_bench_data import SplEntryResource

    from qio_program.models import SplEntry, SplUpload, SplUploadStatus, SplVersion

    t0 = time.perf_counter()
    upload = SplUpload.objects.create(region=region, file="bench/import-export.csv",
                                      original_name=path.name, uploaded_by=cor,
                                      status=SplUploadStatus.IMPORTED)
    number = SplVersion.objects.filter(region=region).aggregate(n=Max("number"))["n"] + 1
    version = SplVersion.objects.create(region=region, number=number, upload=upload,
                                        created_by=cor, is_current=False, entry_count=rows)
    dataset = tablib.Dataset().load(path.read_text(encoding="utf-8"), format="csv")
    result = SplEntryResource(version).import_data(dataset, dry_run=False,
                                                   use_transactions=True)
    seconds = time.perf_counter() - t0
    stored = SplEntry.objects.filter(version=version).count()
    if result.has_errors() or result.has_validation_errors() or stored != rows:
        raise RuntimeError(f"django-import-export stored {stored} of {rows} rows: "
                           f"{[e.error for _, errs in result.row_errors()[:3] for e in errs]}")
    return seconds


# --- main ---------------------------------------------------------------------------------

def _stop_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)  # so the finally blocks stop gunicorn


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="1 = 100,000 providers, 50,000 tasks, 10,000 submissions")
    parser.add_argument("--requests", type=int, default=400, help="timed GETs per side")
    parser.add_argument("--warmup", type=int, default=32, help="untimed GETs per side first")
    parser.add_argument("--rounds", type=int, default=4,
                        help="ours and admin alternate in this many rounds")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1,
                        help="gunicorn sync workers (default 2 x CPUs + 1)")
    parser.add_argument("--conn-max-age", type=int, default=0,
                        help="DB_CONN_MAX_AGE of the server (0, as docker-compose.yml runs)")
    parser.add_argument("--pulls", type=int, default=3)
    parser.add_argument("--dsn", default="host=127.0.0.1 port=5432 user=postgres")
    parser.add_argument("--database", default="qis_bench_load")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reuse", action="store_true",
                        help="keep the data of an earlier run with the same scale and seed")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument("--skip-pages", action="store_true",
                        help="leave out the latency table (pulls and SPL only)")
    parser.add_argument("--skip-spl", action="store_true", help="leave out the SPL upload")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)

    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        folder = Path(tmp)
        use_database(args.dsn, args.database, str(folder / "media"), args.conn_max_age)
        try:
            run(args, folder)
        finally:
            if args.drop:
                server_sql(args.dsn, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
    return 0


def run(args, folder: Path) -> None:
    meta, made = prepare(args)
    print(f"Database {args.database}: {meta['providers']:,} providers, {meta['tasks']:,} "
          f"tasks, {meta['submissions']:,} submissions, {meta['fqs_requests']:,} FQS requests "
          f"and {meta['referrals']:,} referrals ({made}).")
    with gunicorn(args.workers, folder / "gunicorn.log") as base:
        print(f"Server: gunicorn, {args.workers} sync workers x 1 thread on {base} "
              f"({os.cpu_count()} CPUs), DEBUG off, DB_CONN_MAX_AGE={args.conn_max_age}; "
              f"{args.clients} concurrent clients, {args.requests} timed GETs per side after "
              f"{args.warmup} untimed, in {args.rounds} alternating rounds.", flush=True)
        users = sorted({t.user for t in TARGETS} | {SUPERUSER, CMS_READER})
        sessions = sign_in_all(base, users, args.clients)
        if not args.skip_pages:
            latency_table(base, sessions, args)
        api_pull(base, sessions, args.pulls)
    if not args.skip_spl:
        spl_upload(meta, folder, args.seed)
    print(f"Load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs at the end.")


if __name__ == "__main__":
    raise SystemExit(main())
