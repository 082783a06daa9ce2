"""CMS reference data: 2020 quality measures and decile benchmarks (qpp-measures-data).

Loaded by ``manage.py load_qpp_reference`` from the npm package, never typed by hand. The
engine reads the package files itself (``scoring.services.reference.get_reference``); these
rows serve the catalogue pages and the API's filters.
"""

from django.db import models

from scoring.choices import PERFORMANCE_YEAR, SubmissionMethod


class Measure(models.Model):
    performance_year = models.PositiveSmallIntegerField(default=PERFORMANCE_YEAR)
    measure_id = models.CharField("Quality ID", max_length=20)
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    measure_type = models.CharField(max_length=40, db_index=True)
    metric_type = models.CharField(max_length=40)
    is_high_priority = models.BooleanField("high priority", default=False)
    is_inverse = models.BooleanField("inverse (lower is better)", default=False)
    submission_methods = models.JSONField(default=list)

    class Meta:
        ordering = ["measure_id"]
        constraints = [models.UniqueConstraint(fields=["performance_year", "measure_id"],
                                               name="scoring_measure_unique_per_year")]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.title}"


class MeasureMethod(models.Model):
    """One submission method of a measure: a row so that filters work on SQLite too."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="methods")
    submission_method = models.CharField(max_length=30, choices=SubmissionMethod.choices)

    class Meta:
        ordering = ["measure_id", "submission_method"]
        constraints = [models.UniqueConstraint(fields=["measure", "submission_method"],
                                               name="scoring_measuremethod_unique")]

    def __str__(self) -> str:
        return f"{self.measure.measure_id} {self.submission_method}"


class Benchmark(models.Model):
    """One (measure, submission method) record of ``benchmarks/2020.json``."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="benchmarks")
    submission_method = models.CharField(max_length=30, choices=SubmissionMethod.choices)
    benchmark_year = models.PositiveSmallIntegerField()
    deciles = models.JSONField(default=list, help_text="As in the file: lower bounds of "
                                                        "deciles 2-10 (or 1-10).")
    is_topped_out = models.BooleanField(default=False)
    is_topped_out_by_program = models.BooleanField(default=False)

    class Meta:
        ordering = ["measure_id", "submission_method"]
        constraints = [models.UniqueConstraint(fields=["measure", "submission_method"],
                                               name="scoring_benchmark_unique")]

    def __str__(self) -> str:
        return f"{self.measure.measure_id} {self.submission_method} benchmark"
