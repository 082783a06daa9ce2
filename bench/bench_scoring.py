"""MIPS APM quality scoring at national scale in PostgreSQL.

Builds synthetic 2020 data in its own database (default ``qis_bench``, see
``scoring_bench_data.py``): about 10,000 APM Entities, 1,000,000 clinicians and 6.5 million
measure rows at ``--scale 1``, loaded with COPY. Then, in one run, it prints:

* the engine's throughput: ``score_batch`` over rows already in memory, in one process;
* a plain ``COPY (SELECT <input columns>) TO STDOUT`` of every input row into a null sink;
* the full run (read every row from PostgreSQL, score it, write its result) and the ratio of
  the full run to the plain COPY.

The full run gives ``--workers`` processes batches of whole entities. Each reads its rows with
``COPY ... TO STDOUT (FORMAT binary)`` (psycopg2 hands over one binary row per write; ``struct``
unpacks them in C), scores them with ``score_batch`` over a code-keyed scoring table, and
writes the results with ``COPY ... FROM STDIN (FORMAT binary)``:

* ``--results entity`` (default): one row per APM Entity, like the portal's ``EntityScore``,
  holding its measure results as parallel arrays (points, deciles, statuses) in row-id order
  from the entity's first row; the view ``bench_measure_result_row`` shows them one row per
  measure row, with its id;
* ``--results rows``: one ``bench_measure_result`` row per measure row.

Run: ``.venv/bin/python bench/bench_scoring.py`` (``--scale 0.01`` for a quick run; ``--reuse``
keeps data of the same scale and seed). Needs PostgreSQL on 127.0.0.1:5432, user postgres
(``--dsn``). It never touches the portal's own database.
"""

from __future__ import annotations

import argparse
import gc
import io
import itertools
import multiprocessing
import os
import struct
import sys
import time
from operator import itemgetter
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

# The engine is plain Python (no Django setup); the data module sits beside this script.
from scoring_bench_data import generate, measure_keys, read_meta  # noqa: E402

from scoring.engine import (  # noqa: E402
    load_reference_from_package,
    score_batch,
    score_submission,
)
from scoring.engine.batch import STATUS_NAMES  # noqa: E402
from scoring.engine.types import MeasureSubmission  # noqa: E402

PACKAGE = ROOT / "node_modules" / "qpp-measures-data"
INPUT_SQL = ("SELECT id, code, numerator, denominator, eligible_population, data_completeness "
             "FROM bench_measure_row")

# COPY binary: a 19-byte header, per row an int16 field count then (int32 length, data) per
# field, an int16 -1 trailer. Input rows are NOT NULL, so each is 52 bytes:
# count | id int8 | code int2 | numerator int4 | denominator int4 | eligible int4 | compl float4
HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)
TRAILER = b"\xff\xff"
NULL = b"\xff\xff\xff\xff"
INPUT_ROW = struct.Struct(">18xh4xi4xi4xi4xf")  # -> (code, num, den, eligible, completeness)
ID_FIELD = itemgetter(slice(2, 14))  # the id field as it stands: int32 length 8, int8 value
I8, I4 = struct.Struct(">iq"), struct.Struct(">ii")
I2, F4 = struct.Struct(">ih"), struct.Struct(">if")
FLOAT4_OID, INT2_OID = 700, 21


class _Packed(dict):
    """value -> its binary COPY field (or array element); few distinct values, packed once."""

    def __init__(self, pack, zero_is_null: bool = False) -> None:
        super().__init__()
        self.pack, self.zero_is_null = pack, zero_is_null

    def __missing__(self, value):
        packed = NULL if value is None or (self.zero_is_null and not value) else self.pack(value)
        self[value] = packed
        return packed


class _RowTails(dict):
    """(points, decile, status) -> points, decile and status fields plus the next row's field
    count, for ``--results rows`` (one output row per input row)."""

    def __missing__(self, key):
        points, decile, status = key
        packed = (NULL if points is None else F4.pack(4, points)) + (
            NULL if not decile else I2.pack(2, decile)) + I2.pack(2, status) + b"\x00\x04"
        self[key] = packed
        return packed


def _array(oid: int, elements: list) -> bytes:
    """A one-dimensional array field: int32 length, then the array's binary form."""
    body = b"".join(elements)
    head = struct.pack(">iiiii", 1, 0, oid, len(elements), 1)
    return struct.pack(">i", len(head) + len(body)) + head + body


def backend_cpu_seconds(cur) -> float:
    """CPU seconds used so far by this connection's PostgreSQL backend (from /proc; 0 when the
    server runs elsewhere)."""
    cur.execute("SELECT pg_backend_pid()")
    try:
        with open(f"/proc/{cur.fetchone()[0]}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class _Collect:
    """psycopg2 calls ``write`` once per COPY row: ``list.append`` keeps that in C."""

    def __init__(self, parts: list) -> None:
        self.write = parts.append


class _NullSink:
    write = staticmethod(len)


def read_rows(cur, where: str) -> list[bytes]:
    """Binary COPY of the input rows matching ``where``: one bytes object per row."""
    parts: list = []
    cur.copy_expert(f"COPY ({INPUT_SQL} {where}) TO STDOUT WITH (FORMAT binary)",
                    _Collect(parts))
    if parts:
        parts[0] = parts[0][len(HEADER):]
        parts.pop()  # the trailer
    return parts


# --- the full run: one batch of whole entities per task, in worker processes ----------------

_worker: dict = {}


def _worker_init(dsn: str, results: str) -> None:
    gc.disable()  # millions of short-lived tuples: the cycle collector would only cost time
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()
    cur.execute("SELECT measure_id, submission_method FROM bench_measure_key ORDER BY code")
    table = load_reference_from_package(PACKAGE).table.coded(cur.fetchall())
    conn.commit()
    _worker.update(conn=conn, cur=cur, table=table, results=results, tails=_RowTails(),
                   points=_Packed(lambda v: F4.pack(4, v)),
                   decile=[_Packed(lambda v: I2.pack(2, v), zero_is_null=True)[n]
                          for n in range(16)],
                   status=[I2.pack(2, n) for n in range(16)])


def _ready(_) -> int:
    return os.getpid()


def _entity_payload(entities, lo: int, result) -> bytes:
    """One row per entity: (entity_id, first_row, points[], deciles[], statuses[])."""
    w = _worker
    points = list(map(w["points"].__getitem__, result.points))
    deciles = list(map(w["decile"].__getitem__, result.deciles))
    statuses = list(map(w["status"].__getitem__, result.statuses))
    out = [HEADER]
    for entity_id, first, last in entities:
        a, b = first - lo, last - lo + 1
        out += (b"\x00\x05", I4.pack(4, entity_id), I8.pack(8, first),
                _array(FLOAT4_OID, points[a:b]), _array(INT2_OID, deciles[a:b]),
                _array(INT2_OID, statuses[a:b]))
    out.append(TRAILER)
    return b"".join(out)


def _row_payload(parts: list, result) -> bytes:
    triples = zip(result.points, result.deciles, result.statuses, strict=True)
    body = b"".join(itertools.chain.from_iterable(zip(
        map(ID_FIELD, parts), map(_worker["tails"].__getitem__, triples), strict=True)))
    return HEADER + b"\x00\x04" + body[:-2] + TRAILER


def score_chunk(task) -> tuple[int, float, float, float, float, float]:
    """Read the rows of a batch of entities, score them, write the results; return (rows,
    read, unpack-and-score, pack-and-write seconds, worker CPU and its backend's CPU seconds)."""
    entities, small = task
    lo, hi = entities[0][1], entities[-1][2]
    cur = _worker["cur"]
    cpu, server_cpu = time.process_time(), backend_cpu_seconds(cur)
    t0 = time.perf_counter()
    parts = read_rows(cur, f"WHERE id BETWEEN {lo:d} AND {hi:d} ORDER BY id")
    if len(parts) != hi - lo + 1:
        raise RuntimeError(f"rows {lo}-{hi}: expected consecutive ids, got {len(parts)} rows")
    t1 = time.perf_counter()
    result = score_batch(_worker["table"], map(INPUT_ROW.unpack, parts), small_practice=small)
    t2 = time.perf_counter()
    if _worker["results"] == "entity":
        payload, table = _entity_payload(entities, lo, result), "bench_entity_result"
    else:
        payload, table = _row_payload(parts, result), "bench_measure_result"
    cur.copy_expert(f"COPY {table} FROM STDIN WITH (FORMAT binary)", io.BytesIO(payload),
                    size=1 << 20)
    _worker["conn"].commit()
    return (len(parts), t1 - t0, t2 - t1, time.perf_counter() - t2,
            time.process_time() - cpu, backend_cpu_seconds(cur) - server_cpu)


def batches(conn, chunk_rows: int) -> list[tuple[list, bool]]:
    """Whole entities, about ``chunk_rows`` rows per batch, never mixing small practices."""
    cur = conn.cursor()
    cur.execute("SELECT entity_id, first_row, last_row, small_practice FROM bench_entity "
                "ORDER BY first_row")
    out, current, current_small, rows = [], [], None, 0
    for entity_id, first, last, small in cur.fetchall():
        if current and (small != current_small or rows >= chunk_rows):
            out.append((current, current_small))
            current, rows = [], 0
        current.append((entity_id, first, last))
        current_small, rows = small, rows + last - first + 1
    if current:
        out.append((current, current_small))
    conn.commit()
    return out


# --- measurements --------------------------------------------------------------------------

def plain_copy_seconds(conn, fmt: str, repeat: int = 3) -> tuple[float, float]:
    """Best of ``repeat`` plain COPY TO STDOUT of every input row into a sink that drops it:
    (seconds, CPU seconds of client and server for that copy)."""
    cur = conn.cursor()
    best, best_cpu = float("inf"), 0.0
    for _ in range(repeat):
        cpu, server = time.process_time(), backend_cpu_seconds(cur)
        t0 = time.perf_counter()
        cur.copy_expert(f"COPY ({INPUT_SQL}) TO STDOUT WITH (FORMAT {fmt})", _NullSink())
        elapsed = time.perf_counter() - t0
        if elapsed < best:
            best = elapsed
            best_cpu = time.process_time() - cpu + backend_cpu_seconds(cur) - server
    conn.commit()
    return best, best_cpu


def engine_throughput(conn, reference, rows: int, repeat: int = 5) -> tuple[float, int]:
    """score_batch over rows already unpacked in memory (best of ``repeat``), one process."""
    cur = conn.cursor()
    cur.execute("SELECT measure_id, submission_method FROM bench_measure_key ORDER BY code")
    table = reference.table.coded(cur.fetchall())
    batch = list(map(INPUT_ROW.unpack, read_rows(cur, f"ORDER BY id LIMIT {rows:d}")))
    conn.commit()
    best = float("inf")
    gc.disable()
    for _ in range(repeat):
        t0 = time.perf_counter()
        score_batch(table, batch, small_practice=False)
        best = min(best, time.perf_counter() - t0)
    gc.enable()
    return len(batch) / best, len(batch)


def stored_results(conn, results: str) -> int:
    cur = conn.cursor()
    cur.execute("SELECT coalesce(sum(cardinality(points)), 0) FROM bench_entity_result"
                if results == "entity" else "SELECT count(*) FROM bench_measure_result")
    count = cur.fetchone()[0]
    conn.commit()
    return count


def check_sample(conn, reference, meta: dict, results: str, sample: int = 2000) -> int:
    """Stored results equal the single-submission path (score_submission) on a sample."""
    source = "bench_measure_result_row" if results == "entity" else "bench_measure_result"
    cur = conn.cursor()
    cur.execute("SELECT k.measure_id, k.submission_method, r.numerator, r.denominator, "
                "r.eligible_population, r.data_completeness, r.id <= %s, s.points, s.decile, "
                f"s.status FROM bench_measure_row r JOIN bench_measure_key k USING (code) "
                f"JOIN {source} s USING (id) WHERE r.id %% 997 = 0 LIMIT %s",
                (meta["small_last_id"], sample))
    mismatches = 0
    for mid, method, num, den, elig, compl, small, points, decile, status in cur.fetchall():
        ach = score_submission(MeasureSubmission(
            mid, method, numerator=num, denominator=den, eligible_population=elig,
            data_completeness=compl), reference, small_practice=small)
        mismatches += not (STATUS_NAMES[status] == ach.status and decile == ach.decile
                           and (points is None) == (ach.points is None)
                           and (points is None or abs(points - ach.points) < 1e-4))
    conn.commit()
    return mismatches


def ensure_database(dsn: str, name: str) -> str:
    admin = psycopg2.connect(f"{dsn} dbname=postgres")
    admin.autocommit = True
    cur = admin.cursor()
    cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
    if cur.fetchone() is None:
        cur.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return f"{dsn} dbname={name}"


def prepare(conn, args, reference) -> tuple[dict, str]:
    meta = read_meta(conn) if args.reuse else None
    if meta and (meta["scale"], meta["seed"]) != (args.scale, args.seed):
        meta = None
    if meta is not None:
        return meta, "reused from an earlier run"
    t0 = time.perf_counter()
    meta = generate(conn, scale=args.scale, seed=args.seed, keys=measure_keys(reference))
    conn.autocommit = True
    conn.cursor().execute("VACUUM ANALYZE bench_measure_row")
    conn.autocommit = False
    return meta, f"generated and loaded with COPY in {time.perf_counter() - t0:.1f} s"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="1 = 10,000 entities, 1,000,000 clinicians, ~6.5M measure rows")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--chunk-rows", type=int, default=200_000)
    parser.add_argument("--results", choices=("entity", "rows"), default="entity",
                        help="one result row per entity (arrays) or per measure row")
    parser.add_argument("--dsn", default="host=127.0.0.1 port=5432 user=postgres")
    parser.add_argument("--database", default="qis_bench")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--reuse", action="store_true",
                        help="keep the data of an earlier run with the same scale and seed")
    args = parser.parse_args(argv)

    reference = load_reference_from_package(PACKAGE)
    dsn = ensure_database(args.dsn, args.database)
    conn = psycopg2.connect(dsn)
    meta, made = prepare(conn, args, reference)
    rows = meta["rows"]
    print(f"Database {args.database}: {meta['entities']:,} APM Entities, "
          f"{meta['clinicians']:,} clinicians, {rows:,} measure rows ({made}).")

    rate, sampled = engine_throughput(conn, reference, min(rows, 1_000_000))
    print(f"Engine: score_batch in one process over {sampled:,} rows in memory, best of 5: "
          f"{rate:,.0f} measures/second.")
    copies = [plain_copy_seconds(conn, "binary"), plain_copy_seconds(conn, "text")]

    cur = conn.cursor()
    cur.execute("TRUNCATE bench_entity_result, bench_measure_result")
    conn.commit()
    tasks = batches(conn, args.chunk_rows)
    pool = multiprocessing.get_context("fork").Pool(
        args.workers, initializer=_worker_init, initargs=(dsn, args.results))
    with pool:
        pool.map(_ready, range(args.workers * 4))  # every worker connected and warm
        t0 = time.perf_counter()
        stats = list(pool.imap_unordered(score_chunk, tasks))
        full = time.perf_counter() - t0
    done = sum(s[0] for s in stats)
    read, scored, written, cpu, server_cpu = (sum(s[i] for s in stats) for i in range(1, 6))
    stored = stored_results(conn, args.results)
    # Measured again after the run, so that both sides see the same machine; the fastest
    # plain COPY of all is the yardstick (the strictest ratio).
    copies += [plain_copy_seconds(conn, "binary"), plain_copy_seconds(conn, "text")]
    baseline, baseline_cpu = min(copies)
    print(f"Plain COPY ({INPUT_SQL}) TO STDOUT, best of 6 before and after the run: "
          f"binary {min(copies[0], copies[2])[0]:.2f} s, text "
          f"{min(copies[1], copies[3])[0]:.2f} s.")
    print(f"Full run, {args.workers} workers, {len(tasks)} batches, results per "
          f"{'entity (arrays)' if args.results == 'entity' else 'measure row'}: read {done:,} "
          f"rows, scored them, wrote {stored:,} results in {full:.2f} s "
          f"({done / full:,.0f} measures/second end to end).")
    print(f"  Worker seconds: read {read:.1f}, unpack and score {scored:.1f} "
          f"({done / scored:,.0f} measures/second), pack and write {written:.1f}; "
          f"Python CPU {cpu:.1f} s ({cpu * 1e6 / done:.2f} microseconds per measure row); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs.")
    print(f"Ratio full run / plain COPY TO: {full / baseline:.2f} (target <= 3).")
    total_cpu = cpu + server_cpu
    print(f"  CPU, which other load on the machine does not inflate: the run used {cpu:.1f} s "
          f"in its workers + {server_cpu:.1f} s in their PostgreSQL backends = "
          f"{total_cpu:.1f} CPU-seconds, {total_cpu / max(baseline_cpu, 1e-9):.2f} x the "
          f"plain COPY's {baseline_cpu:.1f} (client and server); spread over "
          f"{os.cpu_count()} CPUs that is at least {total_cpu / (os.cpu_count() or 1):.1f} s.")
    mismatches = check_sample(conn, reference, meta, args.results)
    print(f"Check: {'every row has a result' if stored == rows else 'RESULTS MISSING'}; "
          f"a sample of stored results matches score_submission ({mismatches} mismatches).")
    conn.close()
    return 0 if stored == rows and not mismatches else 1


if __name__ == "__main__":
    raise SystemExit(main())
