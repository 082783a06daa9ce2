"""Name search that stays fast at 100,000 providers, and AIAN providers on the SPL.

PostgreSQL: a trigram index on UPPER(name), the expression Django's `icontains` compares, so
a search by part of a name uses the index. Other databases (the embedded SQLite default) keep
the plain b-tree index; the step is skipped there.
Seed 001: "For AIAN every provider is on the SPL" — rows created before this rule are set.
"""

from django.db import migrations

AIAN_PREFIX = "aian_"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS qio_provider_name_trgm ON qio_program_provider "
        "USING gin ((UPPER((name)::text)) gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS qio_provider_name_trgm")


def aian_providers_on_spl(apps, schema_editor):
    Provider = apps.get_model("qio_program", "Provider")
    Provider.objects.filter(region__startswith=AIAN_PREFIX, on_spl=False).update(on_spl=True)


class Migration(migrations.Migration):

    dependencies = [
        ("qio_program", "0002_directory_spl_workbasket_interactions_outcomes"),
    ]

    operations = [
        migrations.RunPython(create_trigram_index, drop_trigram_index),
        migrations.RunPython(aian_providers_on_spl, migrations.RunPython.noop),
    ]
