"""Load the four contractor types of seed 004's table “Who Does What?” (qpp_assist/
who_does_what.py holds the seed's text)."""

from django.db import migrations


def load(apps, schema_editor):
    from qpp_assist.who_does_what import CONTRACTOR_TYPES

    ContractorType = apps.get_model("qpp_assist", "ContractorType")
    for row in CONTRACTOR_TYPES:
        ContractorType.objects.update_or_create(
            code=row["code"], defaults={k: v for k, v in row.items() if k != "code"})


def unload(apps, schema_editor):
    from qpp_assist.who_does_what import CONTRACTOR_TYPES

    ContractorType = apps.get_model("qpp_assist", "ContractorType")
    ContractorType.objects.filter(code__in=[row["code"] for row in CONTRACTOR_TYPES],
                                  contractors__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("qpp_assist", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
