"""Joins three lines of migrations written side by side: the end of an account's access (0004),
the e-mail outbox with the worker heartbeat (0004-0005), and the Covered California reviewer
role (0004)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("qis_portal", "0004_user_access_ended_at"),
        ("qis_portal", "0005_worker_heartbeat"),
        ("qis_portal", "0004_covered_california_reviewer"),
    ]

    operations = []
