"""Synthetic national-scale scoring data for bench/bench_scoring.py, in the portal's own tables.

About 10,000 APM Entities, 1,000,000 clinicians (participation-list TIN/NPIs) and 6.5 million
clinician-level measure rows at scale 1, written into ``scoring_apmentity`` (the ORM),
``scoring_participant`` and ``scoring_qualitysubmission`` (COPY), so that the portal's run reads
them exactly as it reads data entered through its pages, uploads and API. A quarter of the
entities are small practices (2-15 clinicians, seed §4.3.3); each clinician reports 6 or 7
different measures, each by one of the collection types a clinician reports itself.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from scoring.engine import constants as c

ENTITIES, CLINICIANS, MEASURES_PER_CLINICIAN = 10_000, 1_000_000, 6.5
METHODS = (c.CLAIMS, c.REGISTRY, c.EHR)
APM_TYPES = ("mssp", "ngaco", "ocm", "cpc_plus")
SUBMISSION_COLUMNS = ("entity_id", "level", "tin", "npi", "measure_id", "submission_method",
                      "numerator", "denominator", "eligible_population", "data_completeness",
                      "end_to_end", "summary_measures", "created_at", "updated_at")


@dataclass
class Sizes:
    entities: int
    clinicians: int


def sizes_for(scale: float) -> Sizes:
    return Sizes(max(2, round(ENTITIES * scale)), max(40, round(CLINICIANS * scale)))


def measure_methods(reference) -> list[tuple[str, tuple[str, ...]]]:
    """Every measure a clinician can report, with the collection types it is reported by."""
    out = []
    for measure in sorted(reference.measures.values(), key=lambda m: m.measure_id):
        methods = tuple(m for m in measure.submission_methods if m in METHODS)
        if methods:
            out.append((measure.measure_id, methods))
    return out


def _entity_sizes(rng: random.Random, sizes: Sizes) -> list[int]:
    """A quarter small practices (2-15 clinicians); the rest share the other clinicians."""
    small = [rng.randint(2, c.SMALL_PRACTICE_MAX_CLINICIANS) for _ in range(sizes.entities // 4)]
    remaining = sizes.clinicians - sum(small)
    weights = [rng.lognormvariate(0, 0.8) for _ in range(sizes.entities - len(small))]
    total = sum(weights)
    large = [max(16, int(remaining * w / total)) for w in weights]
    large[-1] = max(16, large[-1] + remaining - sum(large))
    sized = small + large
    rng.shuffle(sized)
    return sized


def _value_pool(rng: random.Random, count: int = 50_000) -> list[str]:
    """Measure results: about 8 % under the 20-case minimum, about 15 % under 70 % complete."""
    pool = []
    for _ in range(count):
        den = rng.randint(0, 19) if rng.random() < 0.08 else rng.randint(20, 400)
        num = round(den * rng.betavariate(5, 2))
        complete = rng.choice((45.0, 60.0, 65.5)) if rng.random() < 0.15 else rng.choice(
            (70.0, 75.5, 82.0, 90.0, 96.5, 100.0))
        pool.append(f"{num}\t{den}\t{den + rng.randint(0, 40)}\t{complete}")
    return pool


def _copy_in(cur, table: str, columns: tuple[str, ...], lines: list[str]) -> None:
    cur.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN",
                    io.StringIO("".join(lines)))


def _entities(rng: random.Random, entity_sizes: list[int]) -> list[int]:
    """The entities through the ORM (10,000 rows: the model's own defaults apply)."""
    from scoring.models import ApmEntity

    made = ApmEntity.objects.bulk_create(
        [ApmEntity(entity_id=f"BENCH-{n:05d}", name=f"Bench entity {n:05d}",
                   apm_type=APM_TYPES[n % len(APM_TYPES)], clinician_count=size,
                   complex_patient_bonus=rng.choice((0, 0, 1.5, 3.25)),
                   improvement_activities_score=rng.choice((40, 80, 100)),
                   promoting_interoperability_score=rng.choice((None, 55.5, 90)),
                   prior_year_quality_achievement_percent=rng.choice((None, 35.0, 61.25)))
         for n, size in enumerate(entity_sizes, start=1)], batch_size=2000)
    return [entity.pk for entity in made]


def generate(*, scale: float, seed: int, reference) -> dict:
    """Replace every scoring entity of the bench database with generated ones."""
    from django.db import connection, transaction

    rng = random.Random(seed)
    entity_sizes = _entity_sizes(rng, sizes_for(scale))
    pool = _value_pool(rng)
    measures = measure_methods(reference)
    rows = npi_no = tin_no = 0
    with transaction.atomic(), connection.cursor() as wrapper:
        wrapper.execute("TRUNCATE scoring_entityscore, scoring_scoringchunk, scoring_scoringrun,"
                        " scoring_qualitysubmission, scoring_participant, scoring_apmentity"
                        " RESTART IDENTITY CASCADE")
        cur = wrapper.cursor
        pks = _entities(rng, entity_sizes)
        participants, submissions = [], []
        for pk, size in zip(pks, entity_sizes, strict=True):
            tins = [f"{100000000 + tin_no + t}" for t in range(max(1, size // 40))]
            tin_no += len(tins)
            for n in range(size):
                tin, npi = tins[n % len(tins)], f"{1000000000 + npi_no}"
                npi_no += 1
                participants.append(f"{pk}\t{tin}\t{npi}\n")
                count = 6 + (rng.random() < MEASURES_PER_CLINICIAN - 6)
                for measure_id, methods in rng.sample(measures, count):
                    submissions.append(f"{pk}\tnpi\t{tin}\t{npi}\t{measure_id}\t"
                                       f"{rng.choice(methods)}\t{pool[rng.randrange(50_000)]}"
                                       "\tf\t[]\tnow\tnow\n")
                    rows += 1
            if len(submissions) >= 400_000:
                _copy_in(cur, "scoring_qualitysubmission", SUBMISSION_COLUMNS, submissions)
                _copy_in(cur, "scoring_participant", ("entity_id", "tin", "npi"), participants)
                submissions.clear()
                participants.clear()
        _copy_in(cur, "scoring_qualitysubmission", SUBMISSION_COLUMNS, submissions)
        _copy_in(cur, "scoring_participant", ("entity_id", "tin", "npi"), participants)
    return {"scale": scale, "seed": seed, "entities": len(pks), "clinicians": npi_no,
            "rows": rows}
