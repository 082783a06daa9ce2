"""Joins four lines of migrations written side by side: the end of an account's access, the
e-mail outbox with the worker heartbeat, the Covered California reviewer role, and the target
an action notification awaits (each 0004, the outbox's line to 0005)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("qis_portal", "0004_user_access_ended_at"),
        ("qis_portal", "0005_worker_heartbeat"),
        ("qis_portal", "0004_covered_california_reviewer"),
        ("qis_portal", "0004_notification_awaiting_target"),
    ]

    operations = []
