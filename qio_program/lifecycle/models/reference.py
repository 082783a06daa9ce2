"""Aims and sub-aims: the focus areas an A3C assesses and a QAP works on (seed 001)."""

from django.db import models

from qio_program.lifecycle.choices import AimKind


class Aim(models.Model):
    """A clinical or foundational aim (e.g. Quality Management Infrastructure, seed 001)."""

    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=AimKind.choices)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True,
                              help_text="Where the aim is defined (seed or CMS page).")
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SubAim(models.Model):
    aim = models.ForeignKey(Aim, on_delete=models.PROTECT, related_name="sub_aims")
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["aim__order", "order", "code"]
        verbose_name = "sub-aim"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
