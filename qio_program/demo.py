"""Demo data of the General Directory, SPL, work basket, interactions and outcomes (idempotent).

Providers in several regions (the demo provider organizations linked to theirs), a Northeast
SPL version imported through the real pipeline, and tasks and interactions of the Northeast
demo associate (associate@northeast.demo).
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from qio_program.models import (
    Interaction,
    MedicareStatus,
    OutcomeMeasure,
    Provider,
    ProviderContact,
    ProviderSetting,
    SplUpload,
    SplVersion,
    Task,
    TaskPriority,
    TaskQueue,
    TaskType,
    WorkGroup,
)
from qio_program.services import spl_csv
from qio_program.services.ahqt import ahqt_task_ensure
from qio_program.services.interactions import interaction_create
from qio_program.services.interventions import intervention_report_save
from qio_program.services.spl import spl_upload_process
from qio_program.services.tasks import task_create
from qis_portal.demo import PROVIDER_ORGS
from qis_portal.models import Organization, User
from qis_portal.regions import Region

NH, HOSP, OCP = ProviderSetting.NURSING_HOME, ProviderSetting.HOSPITAL, ProviderSetting.OUTPATIENT

# (name, setting, ccn, tin, city, state, region, medicare active?)
PROVIDERS = [
    (PROVIDER_ORGS[0][0], NH, "205123", "", "Portland", "ME", Region.NORTHEAST, True),
    ("Harbor View Hospital", HOSP, "220071", "", "Boston", "MA", Region.NORTHEAST, True),
    ("Green Mountain Family Practice", OCP, "", "030456789", "Burlington", "VT",
     Region.NORTHEAST, True),
    ("Seacoast Skilled Nursing", NH, "305511", "", "Portsmouth", "NH", Region.NORTHEAST, False),
    ("Narragansett Primary Care", OCP, "", "050123456", "Providence", "RI", Region.NORTHEAST,
     True),
    ("Litchfield Hills Nursing Center", NH, "075288", "", "Torrington", "CT", Region.NORTHEAST,
     True),
    ("Pine Ridge Rehabilitation", NH, "335402", "", "Albany", "NY", Region.NORTHEAST, False),
    (PROVIDER_ORGS[1][0], HOSP, "050329", "", "Riverside", "CA", Region.WEST, True),
    ("Cascade Valley Clinic", OCP, "", "910234567", "Bend", "OR", Region.WEST, True),
    ("Chesapeake Bay Hospital", HOSP, "210044", "", "Annapolis", "MD", Region.MID_ATLANTIC, True),
    ("Magnolia Gardens Nursing Home", NH, "115602", "", "Macon", "GA", Region.SOUTHEAST, True),
    ("Lakeshore Medical Group", OCP, "", "361112223", "Evanston", "IL", Region.GREAT_LAKES, True),
    ("Prairie Wind Care Center", NH, "175190", "", "Wichita", "KS", Region.MIDWEST, False),
    ("Red Rock Indian Health Clinic", OCP, "", "860987654", "Chinle", "AZ",
     Region.AIAN_SOUTHWEST, True),
    ("Sonoran Desert Tribal Hospital", HOSP, "030089", "", "Sells", "AZ",
     Region.AIAN_SOUTHWEST, True),
]

# The Northeast SPL: CMS's list for the region (not every Northeast provider is on it).
NORTHEAST_SPL = {
    "205123": ("Y", "N", "Y", "N", "Patient Safety > Falls with major injury; "
                                   "Quality Management Infrastructure > Emergency preparedness"),
    "220071": ("Y", "Y", "N", "N", "Care Transitions > Readmissions"),
    "030456789": ("N", "Y", "N", "Y", "Chronic Disease > Hypertension control; "
                                      "Chronic Disease > Diabetes control"),
    "050123456": ("N", "N", "N", "Y", "Behavioral Health > Depression screening"),
    "075288": ("Y", "N", "N", "N", "Patient Safety > Antipsychotic use"),
}

MEASURES = [
    ("OCP-HTN", "Controlling high blood pressure", OCP, True),
    ("OCP-A1C", "Diabetes: HbA1c poor control (> 9%)", OCP, False),
    ("OCP-DEP", "Depression screening and follow-up plan", OCP, True),
    ("OCP-STAT", "Statin therapy for cardiovascular disease", OCP, True),
    ("OCP-TOB", "Tobacco use screening and cessation", OCP, True),
    ("OCP-CRC", "Colorectal cancer screening", OCP, True),
    ("OCP-FLU", "Influenza immunization", OCP, True),
    ("NH-FALL", "Long-stay residents with a fall with major injury", NH, False),
    ("NH-APSY", "Short-stay residents newly given antipsychotics", NH, False),
    ("HOSP-CDI", "Hospital-onset C. difficile infections (SIR)", HOSP, False),
]


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def seed_measures() -> dict[str, OutcomeMeasure]:
    measures = {}
    for code, name, setting, higher in MEASURES:
        measures[code], _ = OutcomeMeasure.objects.update_or_create(
            code=code, defaults={"name": name, "applies_to": setting,
                                 "higher_is_better": higher, "unit": "%"})
    return measures


def seed_providers() -> dict[str, Provider]:
    providers = {}
    verified = timezone.now() - timedelta(days=30)
    for name, setting, ccn, tin, city, state, region, active in PROVIDERS:
        lookup = {"ccn": ccn} if ccn else {"tin": tin, "ccn": ""}
        provider = Provider.objects.filter(**lookup).first() or Provider(**lookup)
        provider.name, provider.setting, provider.tin = name, setting, tin
        provider.city, provider.state, provider.region = city, state, region
        provider.address_line1 = provider.address_line1 or "100 Main Street"
        provider.zip_code = provider.zip_code or "04101"
        provider.medicare_status = MedicareStatus.ACTIVE if active else MedicareStatus.PENDING
        provider.medicare_verified_at = verified if active else None
        provider.on_spl = provider.on_spl or provider.is_aian
        provider.organization = Organization.objects.filter(name=name).first()
        provider.save()
        providers[name] = provider
        if not provider.contacts.exists():
            ProviderContact.objects.create(provider=provider, name=f"Quality lead of {city}",
                                           title="Director of Quality", is_qi_lead=True,
                                           email=f"quality@{city.lower()}.example")
    return providers


def seed_northeast_spl(providers: dict[str, Provider]) -> None:
    cor = _user("cor@cms.demo")
    if cor is None or SplVersion.objects.filter(region=Region.NORTHEAST).exists():
        return
    lines = [",".join(spl_csv.COLUMNS)]
    for provider in providers.values():
        key = provider.ccn or provider.tin
        if provider.region != Region.NORTHEAST or key not in NORTHEAST_SPL:
            continue
        *flags, deficits = NORTHEAST_SPL[key]
        lines.append(",".join([
            f'"{provider.name}"', provider.ccn, provider.tin, provider.setting,
            f'"{provider.address_line1}"', "", provider.city, provider.state, provider.zip_code,
            *flags, f'"{deficits}"']))
    content = ("\n".join(lines) + "\n").encode()
    upload = SplUpload(region=Region.NORTHEAST, original_name="northeast-spl-2026.csv",
                       size=len(content), uploaded_by=cor)
    upload.file.save("spl.csv", ContentFile(content), save=False)
    upload.save()
    spl_upload_process(upload_id=upload.pk)


def seed_work(providers: dict[str, Provider]) -> None:
    ann, max_ = _user("associate@northeast.demo"), _user("manager@northeast.demo")
    if ann is None or max_ is None:
        return
    qio = ann.organization
    group, _ = WorkGroup.objects.get_or_create(qio=qio, name="Nursing home team")
    group.members.add(ann, max_)
    maple, harbor = providers[PROVIDER_ORGS[0][0]], providers["Harbor View Hospital"]
    green = providers["Green Mountain Family Practice"]
    today = timezone.localdate()
    if not Task.objects.filter(qio=qio, owner=ann).exists():
        task_create(qio=qio, subject="Prepare for the QAP meeting with Harbor View",
                    priority=TaskPriority.HIGH, due_date=today + timedelta(days=2),
                    related=harbor, owner=ann, assigned_user=ann)
        task_create(qio=qio, subject="Call Dr. Smith at Green Mountain about hypertension data",
                    priority=TaskPriority.MEDIUM, due_date=today + timedelta(days=5),
                    related=green, owner=max_, assigned_user=ann)
        task_create(qio=qio, subject="Review falls toolkit for nursing homes",
                    priority=TaskPriority.LOW, owner=max_, assigned_group=group)
        task_create(qio=qio, subject="FQS referral: infection outbreak at Seacoast",
                    task_type=TaskType.FQS_REFERRAL, priority=TaskPriority.CRITICAL,
                    due_date=today + timedelta(days=1),
                    related=providers["Seacoast Skilled Nursing"],
                    assigned_queue=TaskQueue.SUPPORT_TEAM)
    ahqt_task_ensure(maple, has_active_psa=True)
    if not Interaction.objects.filter(created_by=ann).exists():
        base = {"audience_type": "quality_staff", "mode": "on_site",
                "category": "quality_improvement", "subcategory": "technical_assistance",
                "duration_minutes": 90, "intervention_delivered": True,
                "details": "Walked the falls-prevention huddle with the unit managers.",
                "learnings": "Night shift needs the huddle too."}
        recent = interaction_create(actor=ann, providers=[maple],
                                    data={**base, "date": today - timedelta(days=1)})[0]
        intervention_report_save(interaction=recent, actor=ann, data={
            "mode_of_engagement": "one_on_one_on_site", "targeted_audience": "clinical_staff",
            "level_of_intensity": "high", "idf_leadership": "Administrator sponsors the work.",
            "idf_health_equity": "Falls data split by payer and language.",
            "idf_frontline_engagement": "CNAs lead the huddle.",
            "idf_data_measurement": "Weekly falls run chart.",
            "idf_peer_learning": "Joined the regional falls collaborative.",
            "progress_percent": 40, "progress_notes": "Huddles on two of three units."})
        interaction_create(actor=ann, providers=[harbor], data={
            **base, "date": today - timedelta(days=9), "mode": "video",
            "subcategory": "data_review", "duration_minutes": 45,
            "details": "Reviewed readmission data with the discharge team."})
        interaction_create(actor=ann, providers=[green, providers["Narragansett Primary Care"]],
                           data={**base, "date": today - timedelta(days=3), "mode": "webinar",
                                 "category": "education", "subcategory": "webinar_session",
                                 "audience_type": "clinical_staff", "duration_minutes": 60,
                                 "intervention_delivered": False,
                                 "details": "Hypertension control webinar for practices."})


def seed() -> None:
    seed_measures()
    providers = seed_providers()
    seed_northeast_spl(providers)
    for provider in providers.values():
        provider.refresh_from_db()
    seed_work(providers)
