"""Each existing QIO gets its private community (new ones get theirs when created), and the
library starts with the program's topics (more are added in the admin)."""

from django.db import migrations
from django.utils.text import slugify

TOPICS = [
    "Behavioral health", "Care transitions", "Chronic disease management",
    "Emergency preparedness", "Health equity", "Nursing home quality", "Patient safety",
    "Quality improvement methods",
]


def forward(apps, schema_editor):
    Organization = apps.get_model("qis_portal", "Organization")
    Group = apps.get_model("qio_connect", "Group")
    Category = apps.get_model("qio_connect", "Category")
    for org in Organization.objects.filter(org_type__in=["qin_qio", "aian_qio"]):
        Group.objects.get_or_create(
            kind="community", organization=org,
            defaults={"name": f"{org.name} community"[:150], "visibility": "private",
                      "description": f"The private community of {org.name}: only its users "
                                     "and invited members see it."})
    for name in TOPICS:
        Category.objects.get_or_create(slug=slugify(name), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [
        ("qio_connect", "0001_initial"),
        ("qis_portal", "0002_more_roles"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
