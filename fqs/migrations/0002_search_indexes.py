"""Full-text indexes for the header search (issue 18): FQS requests and activation rows by
facility name, on PostgreSQL only (qis_portal.search.full_text_index)."""

from django.db import migrations

from qis_portal.search import full_text_index


class Migration(migrations.Migration):

    dependencies = [
        ("fqs", "0001_initial"),
    ]

    operations = [
        full_text_index("fqs_request_facility_fts", "fqs_fqsrequest", "facility_name"),
        full_text_index("fqs_activation_provider_facility_fts", "fqs_activationprovider",
                        "facility_name"),
    ]
