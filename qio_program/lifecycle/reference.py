"""The reference aims and sub-aims come from data migration 0002. `reference_aims_ensure` puts
them back, idempotently, where a database lacks them: one flushed by transactional tests, or
restored from a dump of selected tables. The demo seeding calls it first."""

from importlib import import_module

from django.apps import apps


def reference_aims_ensure() -> None:
    import_module("qio_program.lifecycle.migrations.0002_seed_aims").seed(apps, None)
