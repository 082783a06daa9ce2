"""The plans on file before CMS controlled them were on file: each becomes accepted, its data
version 1, in force from its own plan year (issue 16)."""

from django.db import migrations


def plans_to_version_1(apps, schema_editor):
    ImplementationPlan = apps.get_model("submissions", "ImplementationPlan")
    PlanVersion = apps.get_model("submissions", "PlanVersion")
    for plan in ImplementationPlan.objects.filter(versions__isnull=True):
        PlanVersion.objects.create(plan=plan, number=1, qis_title=plan.qis_title,
                                   data=plan.data, effective_year=plan.plan_year,
                                   accepted_at=plan.filed_at)
    # A historical model has no FSM guard: this is the one place a state is set by hand.
    ImplementationPlan.objects.filter(versions__number=1).update(status="accepted")


def version_1_to_plans(apps, schema_editor):
    apps.get_model("submissions", "PlanVersion").objects.filter(supplement__isnull=True,
                                                                number=1).delete()


class Migration(migrations.Migration):
    dependencies = [("submissions", "0004_plan_versions_and_modification_supplements")]

    operations = [migrations.RunPython(plans_to_version_1, version_1_to_plans)]
