"""Full-text indexes for the header search (issue 18): providers by name and tasks by
subject, on PostgreSQL only (qis_portal.search.full_text_index)."""

from django.db import migrations

from qis_portal.search import full_text_index


class Migration(migrations.Migration):

    dependencies = [
        ("qio_program", "0006_provider_npi"),
    ]

    operations = [
        full_text_index("qio_provider_name_fts", "qio_program_provider", "name"),
        full_text_index("qio_task_subject_fts", "qio_program_task", "subject"),
    ]
