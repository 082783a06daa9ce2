"""Reference aims and sub-aims for A3C focus areas and QAP initiatives.

Foundational aims come from seed 001's own text: Quality Management Infrastructure (QMI, "prepare
for and adapt to future public health challenges, including extreme weather events, infectious
diseases and pandemics, human-caused events, and cyber-attacks" — one sub-aim per challenge);
health equity ("the selection of interventions must consider health equity and improve measures
of health disparities"); and infrastructure with leadership support ("addressing aims/sub-aims
and infrastructure (including leadership support)"). That makes the seed's "3 foundational
aims". Clinical aims follow the focus areas CMS lists for the 13th SOW (disease prevention,
quality and patient safety, chronic conditions) across the three provider settings of the seed
(nursing homes, hospitals, outpatient clinical practices). Staff can edit or retire them in the
admin (`active`).
"""

from django.db import migrations

SOURCE_SEED = "Seed 001 (CQP experience map)"
SOURCE_CMS = "CMS QIO Program 13th SoW focus areas"

AIMS = [
    ("C1", "Disease prevention", "clinical", SOURCE_CMS,
     "Preventive care for people with Medicare across care settings.", [
         ("C1.1", "Immunizations", "Adult immunization rates in nursing homes, hospitals and "
                                   "outpatient clinical practices."),
         ("C1.2", "Preventive screenings", "Recommended screenings in outpatient clinical "
                                           "practices."),
     ]),
    ("C2", "Quality and patient safety", "clinical", SOURCE_CMS,
     "Safer care in nursing homes and hospitals.", [
         ("C2.1", "Nursing home safety", "Harm, infections and unnecessary hospitalizations "
                                         "of nursing home residents."),
         ("C2.2", "Hospital safety", "Healthcare-associated infections and adverse events in "
                                     "hospitals."),
         ("C2.3", "Care transitions", "Safe transitions between care settings in the "
                                      "community."),
     ]),
    ("C3", "Chronic conditions", "clinical", SOURCE_CMS,
     "Management of chronic conditions in outpatient clinical practices.", [
         ("C3.1", "Chronic disease management", "Control of chronic conditions such as "
                                                "hypertension and diabetes."),
         ("C3.2", "Behavioral health", "Depression, substance use and other behavioral health "
                                       "conditions."),
     ]),
    ("F1", "Quality Management Infrastructure (QMI)", "foundational", SOURCE_SEED,
     "Work with providers to prepare for and adapt to future public health challenges.", [
         ("F1.1", "Extreme weather events", "Preparing for and adapting to extreme weather."),
         ("F1.2", "Infectious diseases and pandemics", "Preparing for and adapting to "
                                                       "infectious diseases and pandemics."),
         ("F1.3", "Human-caused events", "Preparing for and adapting to human-caused events."),
         ("F1.4", "Cyber-attacks", "Preparing for and adapting to cyber-attacks."),
     ]),
    ("F2", "Health equity", "foundational", SOURCE_SEED,
     "Interventions consider health equity and improve measures of health disparities.", [
         ("F2.1", "Health disparities", "Measures of health disparities among the providers' "
                                        "beneficiaries."),
     ]),
    ("F3", "Infrastructure and leadership support", "foundational", SOURCE_SEED,
     "Quality improvement infrastructure, including leadership support.", [
         ("F3.1", "Leadership support", "Leadership commitment to quality improvement."),
     ]),
]


def seed(apps, schema_editor):
    Aim = apps.get_model("qio_lifecycle", "Aim")
    SubAim = apps.get_model("qio_lifecycle", "SubAim")
    for order, (code, name, kind, source, description, subs) in enumerate(AIMS, start=1):
        aim, _ = Aim.objects.update_or_create(code=code, defaults={
            "name": name, "kind": kind, "source": source, "description": description,
            "order": order})
        for sub_order, (sub_code, sub_name, sub_description) in enumerate(subs, start=1):
            SubAim.objects.update_or_create(code=sub_code, defaults={
                "aim": aim, "name": sub_name, "description": sub_description,
                "order": sub_order})


def unseed(apps, schema_editor):
    codes = [aim[0] for aim in AIMS]
    apps.get_model("qio_lifecycle", "SubAim").objects.filter(aim__code__in=codes).delete()
    apps.get_model("qio_lifecycle", "Aim").objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("qio_lifecycle", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
