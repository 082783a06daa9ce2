"""The portal's national scoring run, timed at national scale in PostgreSQL.

Builds synthetic 2020 data in its own database (default ``qis_bench``; see
``scoring_bench_data.py``): about 10,000 APM Entities, 1,000,000 clinicians and 6.5 million
measure rows at ``--scale 1``, in the portal's own tables. Then, in one run, it prints:

* a plain ``COPY (SELECT <the run's input columns> FROM scoring_qualitysubmission) TO STDOUT``
  of every measure row into a sink that drops it (best of 3, before and after the runs);
* for each ``--workers`` count (default 1 and 2): the run a COR starts in the portal
  (``scoring_run_start``, the service behind the page's "Start" button and ``POST
  /api/scoring/runs/``), executed by real Celery worker processes (``celery worker -c N``,
  Redis broker) that take its chunks (``score_run`` plans, one ``score_chunk`` task per
  chunk: full ``evaluate()``, the stored, explained ``EntityScore`` rows the pages and API
  read), timed from the start until the run is finished, and its ratio to the plain COPY;
* a check: every entity has a result in every run, the runs' stored results are identical,
  and each equals scoring that entity alone (``entity_evaluate``) on ``--check`` entities.

Run: ``nice -n 19 .venv/bin/python bench/bench_scoring.py`` (``--scale 0.01`` for a quick run;
``--reuse`` keeps data of the same scale and seed). Needs PostgreSQL on 127.0.0.1:5432, user
postgres (``--dsn``), and Redis (``--broker``). It never touches the portal's own database.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_db import server_sql  # noqa: E402  (bench/ is on the path from here)

INPUT_SQL = ("SELECT entity_id, level, tin, npi, measure_id, submission_method, numerator, "
             "denominator, performance_rate, eligible_population, data_completeness, "
             "end_to_end, external_points, summary_measures, wi_reported_beneficiaries, "
             "wi_sample_size FROM scoring_qualitysubmission")
META = "bench_scoring_meta"


def use_database(args) -> str:
    """Point this process (and the workers it starts) at the bench database and broker."""
    params = dict(item.split("=", 1) for item in args.dsn.split())
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "scoring_bench_settings",
        "BENCH_DATABASE_URL": (f"postgres://{params.get('user', 'postgres')}@"
                               f"{params.get('host', '127.0.0.1')}:{params.get('port', '5432')}"
                               f"/{args.database}"),
        "BENCH_BROKER_URL": args.broker,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
    })
    import django

    django.setup()
    return f"{args.dsn} dbname={args.database}"


def read_meta(dsn: str) -> dict | None:
    try:
        conn = psycopg2.connect(dsn)
    except psycopg2.OperationalError:
        return None
    with conn, conn.cursor() as cur:
        cur.execute("SELECT to_regclass(%s) IS NOT NULL", (META,))
        if not cur.fetchone()[0]:
            return None
        cur.execute(f"SELECT scale, seed, entities, clinicians, rows FROM {META}")
        row = cur.fetchone()
    conn.close()
    return dict(zip(("scale", "seed", "entities", "clinicians", "rows"), row, strict=True)
                ) if row else None


def prepare(args, dsn: str) -> tuple[dict, str]:
    """The data of ``--scale`` and ``--seed``: reused when asked and present, else rebuilt in
    a new database (the portal's migrations, its demo organizations and users, the data)."""
    meta = read_meta(dsn) if args.reuse else None
    if meta and (meta["scale"], meta["seed"]) == (args.scale, args.seed):
        return meta, "reused from an earlier run"
    from django.core.management import call_command
    from django.db import connection, connections
    from scoring_bench_data import generate

    from qis_portal.demo import seed_organizations, seed_users
    from scoring.services.reference import get_reference

    connections.close_all()
    server_sql(args.dsn, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)',
               f'CREATE DATABASE "{args.database}"')
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    seed_users(seed_organizations())
    meta = generate(scale=args.scale, seed=args.seed, reference=get_reference())
    with connection.cursor() as cur:
        cur.execute(f"CREATE TABLE {META} (scale float8, seed int, entities int, "
                    "clinicians int, rows bigint)")
        cur.execute(f"INSERT INTO {META} VALUES (%s, %s, %s, %s, %s)",
                    [meta[k] for k in ("scale", "seed", "entities", "clinicians", "rows")])
        cur.execute("VACUUM ANALYZE")
    return meta, f"generated and loaded in {time.perf_counter() - t0:.0f} s"


class _NullSink:
    write = staticmethod(len)


def plain_copy_seconds(dsn: str, repeat: int = 3) -> float:
    """Best of ``repeat`` plain COPY TO STDOUT of every input row, dropped on arrival."""
    conn = psycopg2.connect(dsn)
    best = float("inf")
    with conn.cursor() as cur:
        for _ in range(repeat):
            t0 = time.perf_counter()
            cur.copy_expert(f"COPY ({INPUT_SQL}) TO STDOUT", _NullSink())
            best = min(best, time.perf_counter() - t0)
    conn.close()
    return best


def start_workers(count: int, log_path: Path) -> subprocess.Popen:
    """``celery worker -c count`` on the bench queue; returns once every process answers."""
    from qis_portal.celery import app

    app.control.purge()
    command = [str(ROOT / ".venv" / "bin" / "celery"), "-A", "qis_portal", "worker",
               "--pool", "prefork", "-c", str(count), "-l", "WARNING", "-n",
               f"scoring-bench-{count}-{os.getpid()}@%h", "--without-gossip",
               "--without-mingle", "--without-heartbeat"]
    with open(log_path, "w") as log:
        worker = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                  env=os.environ.copy(), start_new_session=True)
    for _ in range(240):
        replies = app.control.ping(timeout=0.5)
        if any(f"scoring-bench-{count}-{os.getpid()}@" in name for r in replies for name in r):
            return worker
        if worker.poll() is not None:
            raise RuntimeError(f"the worker stopped; see {log_path}")
    raise RuntimeError(f"no worker answered; see {log_path}")


def stop_workers(worker: subprocess.Popen) -> None:
    os.killpg(worker.pid, signal.SIGTERM)
    try:
        worker.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()


def timed_run(workers: int, log_path: Path):
    """The COR starts the run in the portal; the workers score it; seconds until finished."""
    from django.db import transaction

    from qis_portal.models import User
    from scoring.models import ScoringRun
    from scoring.services.runs import scoring_run_start

    cor = User.objects.get(email="cor@cms.demo")
    worker = start_workers(workers, log_path)
    try:
        t0 = time.perf_counter()
        with transaction.atomic():
            run = scoring_run_start(actor=cor)  # the task is sent when this commits
        shown = t0
        while ScoringRun.objects.filter(pk=run.pk, status__in=ScoringRun.ACTIVE).exists():
            time.sleep(0.2)
            if time.perf_counter() - shown >= 60:
                shown = time.perf_counter()
                now = ScoringRun.objects.get(pk=run.pk)
                print(f"  ... {now.done:,} of {now.total:,} entities after "
                      f"{shown - t0:.0f} s", flush=True)
        elapsed = time.perf_counter() - t0
    finally:
        stop_workers(worker)
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ScoringRun.objects.get(pk=run.pk), elapsed, cpu.ru_utime + cpu.ru_stime


def differing_entities(first, second) -> int:
    """Entities whose stored result differs between two runs (compared in the database)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM (SELECT * FROM scoring_entityscore WHERE run_id = %s) a "
                    "FULL JOIN (SELECT * FROM scoring_entityscore WHERE run_id = %s) b "
                    "USING (entity_id) WHERE a.id IS NULL OR b.id IS NULL OR a.status <> "
                    "b.status OR a.output IS DISTINCT FROM b.output OR a.errors <> b.errors",
                    [first.pk, second.pk])
        return cur.fetchone()[0]


def alone_mismatches(runs, sample: int) -> tuple[int, int]:
    """(entities checked, mismatches): each stored result against scoring the entity alone."""
    from scoring.engine import ContractError
    from scoring.models import ApmEntity, EntityScore
    from scoring.services.contract import entity_evaluate

    pks = list(ApmEntity.objects.order_by("pk").values_list("pk", flat=True))
    step = max(1, len(pks) // sample)
    checked = pks[::step][:sample]
    mismatches = 0
    for entity in ApmEntity.objects.filter(pk__in=checked):
        try:
            alone, errors = entity_evaluate(entity), None
        except ContractError as exc:
            alone, errors = None, [{"path": p, "message": m} for p, m in exc.errors]
        for run in runs:
            stored = EntityScore.objects.get(run=run, entity=entity)
            mismatches += stored.output != alone or (errors is not None
                                                     and stored.errors != errors)
    return len(checked), mismatches


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="1 = 10,000 entities, 1,000,000 clinicians, ~6.5M measure rows")
    parser.add_argument("--workers", default="1,2", help="worker process counts, in order")
    parser.add_argument("--check", type=int, default=100,
                        help="entities compared with scoring each alone")
    parser.add_argument("--dsn", default="host=127.0.0.1 port=5432 user=postgres")
    parser.add_argument("--database", default="qis_bench")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--reuse", action="store_true",
                        help="keep the data of an earlier run with the same scale and seed")
    args = parser.parse_args(argv)

    dsn = use_database(args)
    meta, made = prepare(args, dsn)
    rows = meta["rows"]
    print(f"Database {args.database}: {meta['entities']:,} APM Entities, "
          f"{meta['clinicians']:,} clinicians, {rows:,} measure rows ({made}).", flush=True)
    copies = [plain_copy_seconds(dsn)]
    print(f"Plain COPY ({INPUT_SQL}) TO STDOUT: {copies[0]:.2f} s.", flush=True)

    from django.db import connection

    from scoring.models import EntityScore

    with connection.cursor() as cur:  # the bench database's earlier runs, finished or not
        cur.execute("TRUNCATE scoring_entityscore, scoring_scoringchunk, scoring_scoringrun")
    runs, ok, cpu_before = [], True, 0.0
    for workers in (int(w) for w in args.workers.split(",")):
        run, elapsed, cpu = timed_run(workers, Path(f"/tmp/bench-scoring-worker-{workers}.log"))
        cpu, cpu_before = cpu - cpu_before, cpu
        runs.append(run)
        stored = EntityScore.objects.filter(run=run).count()
        ok &= run.status == "finished" and stored == run.total == meta["entities"]
        print(f"Portal run #{run.pk}, {workers} worker process(es), "
              f"{run.chunks.count()} chunks: {run.status}, {run.done:,} of {run.total:,} "
              f"entities ({run.invalid:,} refused), {stored:,} stored results, "
              f"{elapsed:.1f} s ({rows / elapsed:,.0f} measure rows/second); "
              f"ratio to the plain COPY: {elapsed / copies[0]:.1f} (target <= 3).", flush=True)
        print(f"  Worker CPU {cpu:.1f} s ({cpu * 1e6 / rows:.0f} microseconds per measure "
              f"row, PostgreSQL's own not counted); load average {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} CPUs.", flush=True)
    copies.append(plain_copy_seconds(dsn))
    print(f"Plain COPY again after the runs: {copies[1]:.2f} s.")
    for first, second in zip(runs, runs[1:], strict=False):
        differ = differing_entities(first, second)
        ok &= differ == 0
        print(f"Check: runs #{first.pk} and #{second.pk} differ on {differ} entities.")
    checked, mismatches = alone_mismatches(runs, args.check)
    ok &= mismatches == 0
    print(f"Check: {checked} entities scored alone (entity_evaluate) match every run's stored "
          f"result ({mismatches} mismatches).")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
