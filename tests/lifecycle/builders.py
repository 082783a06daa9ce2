"""Builders that walk the real services to a given state (used by tests and browser tests)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from qio_program.lifecycle.models import SubAim
from qio_program.lifecycle.reference import reference_aims_ensure
from qio_program.lifecycle.services import a3c as a3c_services
from qio_program.lifecycle.services import assessment as pa_services
from qio_program.lifecycle.services import pes as pes_services
from qio_program.lifecycle.services import psa as psa_services
from qio_program.lifecycle.services import qap as qap_services
from qio_program.lifecycle.services.contract import task_order_create
from qio_program.models import MedicareStatus, Provider, ProviderSetting
from qis_portal.models import Organization, OrgType, Role
from tests.factories import user_with_role

AWARD = date(2024, 11, 1)
SCANS = {
    "general_assessment": "Rural state, older population.",
    "healthcare_scan": "Readmissions above the national median.",
    "quality_scan": "Hospital association collaborative.",
    "partner_scan": "State health department, nursing home association.",
}
PA_SECTIONS = {
    "general_assessment": "120 beds.", "readiness_assessment": "Leadership committed.",
    "needs_assessment": "Infection prevention.", "resource_assessment": "No data analyst.",
}
QAP_FIELDS = {
    "quality_landscape": "Two-star rating.", "deficiencies": "Infection control citations.",
    "collaborating_entities": "State CDC.", "health_equity": "Dual-eligible residents first.",
}


EASTERN = ZoneInfo("America/New_York")


def seed_reference_aims() -> None:
    """The data migration's aims and sub-aims (idempotent). Transactional tests anywhere in the
    suite (browser tests, the row-lock test) flush the tables, migration data included."""
    reference_aims_ensure()


def on(day: date, hour: int = 12):
    """Travel to `day` at noon Eastern (the portal's deadline zone), clock stopped."""
    return time_machine.travel(datetime.combine(day, time(hour), tzinfo=EASTERN), tick=False)


def task_order(cor, qio, *, number: str = "", award: date = AWARD):
    return task_order_create(actor=cor, qio=qio, number=number or f"TO-{qio.pk}",
                             award_date=award)


def provider(name: str, *, state: str, region: str, setting=ProviderSetting.NURSING_HOME,
             on_spl: bool = True, medicare_active: bool = True, with_org: bool = True):
    org = (Organization.objects.create(name=f"{name} (org)", org_type=OrgType.PROVIDER,
                                       state=state) if with_org else None)
    return Provider.objects.create(
        name=name, state=state, region=region, setting=setting, on_spl=on_spl,
        medicare_status=MedicareStatus.ACTIVE if medicare_active else MedicareStatus.PENDING,
        medicare_verified_at=timezone.now() if medicare_active else None, organization=org)


def provider_user(prov, email: str):
    return user_with_role(Role.PROVIDER_USER, prov.organization, email=email)


def complete_a3c(a3c, author):
    areas = {sub.pk: {"assessment": "Below median.", "qio_role": "complement",
                      "rationale": "Existing initiatives, unmet needs."}
             for sub in SubAim.objects.filter(active=True)}
    return a3c_services.a3c_update(actor=author, a3c=a3c, scans=SCANS, focus_areas=areas)


def submitted_a3c(order, state: str, author):
    a3c = a3c_services.a3c_create(actor=author, task_order=order, state=state)
    complete_a3c(a3c, author)
    return a3c_services.a3c_submit(actor=author, a3c=a3c)


def approved_a3c(order, state: str, author, cor):
    return a3c_services.a3c_approve(actor=cor, a3c=submitted_a3c(order, state, author))


def signed_pes(order, prov, author, signer):
    pes = pes_services.pes_create(actor=author, task_order=order, provider=prov, data={
        "qi_lead_name": "Pia", "engagement_approach": "Monthly coaching."})
    pes = pes_services.pes_present(actor=author, pes=pes)
    return pes_services.pes_sign(actor=signer, pes=pes)


def active_psa(order, prov, author, signer):
    psa = psa_services.psa_create(actor=author, task_order=order, provider=prov, data={
        "provider_needs": "Infections.", "service_response": "Coaching."})
    psa = psa_services.psa_send(actor=author, psa=psa)
    return psa_services.psa_sign(actor=signer, psa=psa)


def draft_pa(order, prov, author):
    return pa_services.pa_create(actor=author, task_order=order, provider=prov,
                                 data=PA_SECTIONS)


def submitted_pa(order, prov, author):
    return pa_services.pa_submit(actor=author, assessment=draft_pa(order, prov, author))


def complete_qap(qap, author, *, training_years=(1, 2)):
    sub_aim = SubAim.objects.get(code="C2.1")
    initiative = qap_services.qap_add_initiative(actor=author, qap=qap, sub_aim=sub_aim,
                                                 title="Reduce infections")
    intervention = qap_services.qap_add_intervention(actor=author, initiative=initiative,
                                                     title="Hand-hygiene audits")
    qap_services.qap_add_activity(actor=author, intervention=intervention,
                                  title="Weekly audit on each unit")
    if qap.needs_training_plan:
        for year in training_years:
            qap_services.qap_add_training_item(actor=author, qap=qap, plan_year=year,
                                               audience="current_staff",
                                               topic=f"Infection prevention, year {year}")
    return qap


def people():
    """The personas of tests/conftest.py, for tests outside its fixtures (browser tests)."""
    from qis_portal.regions import Region
    from tests.factories import CmsFactory, QioFactory

    cms = CmsFactory()
    northeast = QioFactory(name="Northeast QIN-QIO", region=Region.NORTHEAST)
    return {
        "cor": user_with_role(Role.CMS_COR, cms, email="bob@cms.test"),
        "readonly": user_with_role(Role.CMS_READ_ONLY, cms, email="pat@cms.test"),
        "ann": user_with_role(Role.QIO_ASSOCIATE, northeast, email="ann@northeast.test"),
        "northeast": northeast,
    }


def approved_qap(order, prov, author, cor):
    """A complete QAP for `prov`, submitted and approved (this pins its measure set)."""
    qap = qap_services.qap_create(actor=author, task_order=order, provider=prov, data=QAP_FIELDS)
    complete_qap(qap, author)
    qap = qap_services.qap_submit(actor=author, qap=qap)
    return qap_services.qap_approve(actor=cor, qap=qap)


def open_outcome_reporting(prov, *, author, cor, signer=None):
    """Walk `prov` to an approved QAP under its QIO's task order (awarded on `AWARD`): the
    approved A3C of its state, an active PSA, an approved Provider Assessment.

    The measure set pinned is the catalogue on the day of approval: create the measures first.
    Returns the approved QAP.
    """
    from qio_program.lifecycle.models import A3C, TaskOrder

    seed_reference_aims()
    order = (TaskOrder.objects.filter(qio=author.organization, status="active").first()
             or task_order(cor, author.organization))
    if not A3C.objects.filter(task_order=order, state=prov.state, status="approved").exists():
        approved_a3c(order, prov.state, author, cor)
    if prov.organization_id is None:
        prov.organization = Organization.objects.create(
            name=f"{prov.name} (org)", org_type=OrgType.PROVIDER, state=prov.state)
        prov.save(update_fields=["organization"])
    signer = signer or user_with_role(Role.PROVIDER_USER, prov.organization,
                                      email=f"signer{prov.pk}@provider.test")
    active_psa(order, prov, author, signer)
    pa_services.pa_approve(actor=cor, assessment=submitted_pa(order, prov, author))
    return approved_qap(order, prov, author, cor)
