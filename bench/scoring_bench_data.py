"""Synthetic national-scale data for bench/bench_scoring.py, loaded with COPY.

About 10,000 APM Entities, 1,000,000 clinicians (TIN/NPIs) and 6.5 million measure rows at
scale 1. A quarter of the entities are small practices; their rows come first (lowest ids), so
that every batch of rows is all small or all not (``score_batch`` takes the flag per batch).
Each entity's rows have consecutive ids, recorded as ``first_row`` / ``last_row``.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from scoring.engine import constants as c
from scoring.engine.batch import STATUS_NAMES

ENTITIES, CLINICIANS, MEASURES_PER_CLINICIAN = 10_000, 1_000_000, 6.5
# Collection types a clinician or group reports itself (seed §4.1.1); the Web Interface,
# CAHPS and administrative claims are entity-level or CMS-calculated.
METHODS = (c.CLAIMS, c.REGISTRY, c.EHR)


@dataclass
class Sizes:
    entities: int
    clinicians: int


def sizes_for(scale: float) -> Sizes:
    return Sizes(max(2, round(ENTITIES * scale)), max(40, round(CLINICIANS * scale)))


def measure_keys(reference) -> list[tuple[str, str]]:
    """Every (measure, method) a clinician can report, with or without a 2020 benchmark."""
    return sorted((m.measure_id, method) for m in reference.measures.values()
                  for method in m.submission_methods if method in METHODS)

SCHEMA = """
DROP VIEW IF EXISTS bench_measure_result_row;
DROP TABLE IF EXISTS bench_meta, bench_entity, bench_clinician, bench_measure_key,
    bench_measure_row, bench_measure_result, bench_entity_result, bench_status;
CREATE TABLE bench_meta (scale float8, seed int, entities int, clinicians int, rows bigint,
                         small_last_id bigint);
CREATE TABLE bench_entity (entity_id int PRIMARY KEY, name text NOT NULL,
                           clinicians int NOT NULL, small_practice bool NOT NULL,
                           first_row bigint NOT NULL, last_row bigint NOT NULL);
CREATE TABLE bench_clinician (entity_id int NOT NULL, tin char(9) NOT NULL,
                              npi char(10) NOT NULL);
CREATE TABLE bench_measure_key (code smallint PRIMARY KEY, measure_id text NOT NULL,
                                submission_method text NOT NULL);
CREATE TABLE bench_status (status smallint PRIMARY KEY, name text NOT NULL);
CREATE TABLE bench_measure_row (id bigint NOT NULL, entity_id int NOT NULL,
    tin char(9) NOT NULL, npi char(10) NOT NULL, code smallint NOT NULL,
    numerator int NOT NULL, denominator int NOT NULL, eligible_population int NOT NULL,
    data_completeness real NOT NULL);
CREATE TABLE bench_measure_result (id bigint NOT NULL, points real, decile smallint,
                                   status smallint NOT NULL);
-- One row per APM Entity (like the portal's EntityScore): its measure results as parallel
-- arrays in row-id order from first_row (an entity's rows have consecutive ids), stored
-- uncompressed out of line (EXTERNAL) so that writing costs no compression.
CREATE TABLE bench_entity_result (entity_id int NOT NULL, first_row bigint NOT NULL,
                                  points real[] NOT NULL, deciles smallint[] NOT NULL,
                                  statuses smallint[] NOT NULL);
ALTER TABLE bench_entity_result ALTER points SET STORAGE EXTERNAL,
    ALTER deciles SET STORAGE EXTERNAL, ALTER statuses SET STORAGE EXTERNAL;
CREATE VIEW bench_measure_result_row AS
    SELECT r.entity_id, r.first_row + u.n - 1 AS id, u.points, u.decile, u.status
    FROM bench_entity_result r, unnest(r.points, r.deciles, r.statuses)
         WITH ORDINALITY AS u(points, decile, status, n);
"""


def _entity_sizes(rng: random.Random, sizes: Sizes) -> list[int]:
    """A quarter of the entities are small practices (2-15 clinicians, seed §4.3.3); the
    others share the remaining clinicians, at least 16 each."""
    small = [rng.randint(2, c.SMALL_PRACTICE_MAX_CLINICIANS) for _ in range(sizes.entities // 4)]
    large_count = sizes.entities - len(small)
    remaining = sizes.clinicians - sum(small)
    weights = [rng.lognormvariate(0, 0.8) for _ in range(large_count)]
    total = sum(weights)
    large = [max(16, int(remaining * w / total)) for w in weights]
    large[-1] = max(16, large[-1] + remaining - sum(large))
    return small + large


def _value_pool(rng: random.Random, count: int = 50_000) -> list[str]:
    """Measure results: about 8 % under the 20-case minimum, about 15 % under 70 % complete."""
    pool = []
    for _ in range(count):
        den = rng.randint(0, 19) if rng.random() < 0.08 else rng.randint(20, 400)
        num = round(den * rng.betavariate(5, 2))
        eligible = den + rng.randint(0, 40)
        complete = rng.choice((45.0, 60.0, 65.5)) if rng.random() < 0.15 else rng.choice(
            (70.0, 75.5, 82.0, 90.0, 96.5, 100.0))
        pool.append(f"{num}\t{den}\t{eligible}\t{complete}")
    return pool


def _copy_in(cur, table: str, lines: list[str]) -> None:
    cur.copy_expert(f"COPY {table} FROM STDIN", io.StringIO("".join(lines)))


def generate(conn, *, scale: float, seed: int, keys: list[tuple[str, str]]) -> dict:
    rng = random.Random(seed)
    sizes = sizes_for(scale)
    entity_sizes = _entity_sizes(rng, sizes)
    pool = _value_pool(rng)
    cur = conn.cursor()
    cur.execute(SCHEMA)
    _copy_in(cur, "bench_measure_key", [f"{i}\t{m}\t{s}\n" for i, (m, s) in enumerate(keys)])
    _copy_in(cur, "bench_status", [f"{i}\t{name}\n" for i, name in enumerate(STATUS_NAMES)])
    codes = range(len(keys))
    row_id = tin_no = npi_no = 0
    small_last_id = 0
    entity_lines, clinician_lines, row_lines = [], [], []
    for entity_id, size in enumerate(entity_sizes, start=1):
        small = size <= c.SMALL_PRACTICE_MAX_CLINICIANS
        first_row = row_id + 1
        tins = [f"{100000000 + tin_no + t}" for t in range(max(1, size // 40))]
        tin_no += len(tins)
        for n in range(size):
            tin, npi = tins[n % len(tins)], f"{1000000000 + npi_no}"
            npi_no += 1
            clinician_lines.append(f"{entity_id}\t{tin}\t{npi}\n")
            prefix = f"\t{entity_id}\t{tin}\t{npi}\t"
            count = 6 + (rng.random() < MEASURES_PER_CLINICIAN - 6)
            for code in rng.sample(codes, count):
                row_id += 1
                row_lines.append(f"{row_id}{prefix}{code}\t{pool[rng.randrange(50_000)]}\n")
        if small:
            small_last_id = row_id
        flag = "t" if small else "f"
        entity_lines.append(f"{entity_id}\tEntity {entity_id:05d}\t{size}\t{flag}\t"
                            f"{first_row}\t{row_id}\n")
        if len(row_lines) >= 400_000:
            _copy_in(cur, "bench_measure_row", row_lines)
            row_lines.clear()
    _copy_in(cur, "bench_measure_row", row_lines)
    _copy_in(cur, "bench_entity", entity_lines)
    _copy_in(cur, "bench_clinician", clinician_lines)
    cur.execute("ALTER TABLE bench_measure_row ADD PRIMARY KEY (id)")
    cur.execute("INSERT INTO bench_meta VALUES (%s, %s, %s, %s, %s, %s)",
                (scale, seed, len(entity_sizes), npi_no, row_id, small_last_id))
    conn.commit()
    return read_meta(conn)


def read_meta(conn) -> dict | None:
    cur = conn.cursor()
    cur.execute("SELECT to_regclass('bench_meta') IS NOT NULL")
    if not cur.fetchone()[0]:
        return None
    cur.execute("SELECT scale, seed, entities, clinicians, rows, small_last_id FROM bench_meta")
    row = cur.fetchone()
    conn.commit()
    if row is None:
        return None
    return dict(zip(("scale", "seed", "entities", "clinicians", "rows", "small_last_id"), row,
                    strict=True))


