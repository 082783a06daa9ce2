"""Demo data: task orders for the Northeast (award 2024-11-01) and West QIN-QIOs, an approved
A3C for Maine, a signed PES and an active PSA with Maple Grove, and one Provider Assessment
waiting for the COR. Written through the services, as the demo users; safe to run again.

Providers may not exist yet when this runs on an empty database: they are found or created by
the names in qis_portal/demo.py (PROVIDER_ORGS) and linked to their portal organizations."""

from datetime import date

from django.utils import timezone

from qio_program.lifecycle.choices import PesStatus, PsaStatus, ReviewStatus
from qio_program.lifecycle.models import (
    A3C,
    ProviderAssessment,
    ProviderEngagementStrategy,
    ProviderServiceAgreement,
    PsaTarget,
    SubAim,
    TaskOrder,
)
from qio_program.lifecycle.reference import reference_aims_ensure
from qio_program.lifecycle.services import a3c as a3c_services
from qio_program.lifecycle.services import assessment as pa_services
from qio_program.lifecycle.services import pes as pes_services
from qio_program.lifecycle.services import psa as psa_services
from qio_program.lifecycle.services.contract import psa_target_set, task_order_create
from qio_program.models import MedicareStatus, Provider, ProviderSetting
from qis_portal.demo import PROVIDER_ORGS, qio_name
from qis_portal.models import Organization, User
from qis_portal.regions import Region

NORTHEAST_AWARD = date(2024, 11, 1)
WEST_AWARD = date(2025, 5, 1)
PROVIDERS = {
    PROVIDER_ORGS[0][0]: (PROVIDER_ORGS[0][1], ProviderSetting.NURSING_HOME, Region.NORTHEAST,
                          "205123"),
    PROVIDER_ORGS[1][0]: (PROVIDER_ORGS[1][1], ProviderSetting.HOSPITAL, Region.WEST, "050456"),
}


def _provider(name: str) -> Provider:
    state, setting, region, ccn = PROVIDERS[name]
    provider = Provider.objects.filter(name=name).order_by("id").first()
    org = Organization.objects.filter(name=name).first()
    if provider is None:
        provider = Provider.objects.create(
            name=name, state=state, setting=setting, region=region, ccn=ccn, on_spl=True,
            medicare_status=MedicareStatus.ACTIVE, medicare_verified_at=timezone.now(),
            organization=org)
    changed = []
    if provider.organization_id is None and org is not None \
            and not Provider.objects.filter(organization=org).exists():
        provider.organization = org
        changed.append("organization")
    if not provider.on_spl:  # the demo's aim work needs an SPL provider (seed 001)
        provider.on_spl = True
        changed.append("on_spl")
    if changed:
        provider.save(update_fields=[*changed, "updated_at"])
    return provider


def _task_order(cor, qio_region: Region, number: str, award: date, target: int) -> TaskOrder:
    qio = Organization.objects.get(name=qio_name(qio_region))
    order = TaskOrder.objects.filter(qio=qio).order_by("-award_date").first()
    if order is None:
        order = task_order_create(actor=cor, qio=qio, number=number, award_date=award)
    if not PsaTarget.objects.filter(task_order=order).exists():
        psa_target_set(actor=cor, task_order=order, target=target,
                       note="Demo target set by CMS")
    return order


def _approved_a3c(order: TaskOrder, state: str, author, cor) -> A3C:
    a3c = A3C.objects.filter(task_order=order, state=state).first()
    if a3c is None:
        a3c = a3c_services.a3c_create(actor=author, task_order=order, state=state)
    if a3c.status in (ReviewStatus.DRAFT, ReviewStatus.RETURNED):
        areas = {
            sub.pk: {"assessment": f"Maine's data for {sub.name.lower()} place it below the "
                                   f"national median.",
                     "qio_role": "complement",
                     "rationale": "State partners run initiatives here with unmet needs the "
                                  "QIO can fill."}
            for sub in SubAim.objects.filter(active=True, aim__active=True)}
        a3c_services.a3c_update(actor=author, a3c=a3c, focus_areas=areas, scans={
            "general_assessment": "Rural state with an older population and long travel "
                                  "distances to care.",
            "healthcare_scan": "Above-average readmissions and nursing-home infection rates.",
            "quality_scan": "State hospital association collaborative; CDC infection "
                            "prevention grant.",
            "partner_scan": "Maine CDC, the Maine Health Care Association, the hospital "
                            "association."})
        a3c = a3c_services.a3c_submit(actor=author, a3c=a3c)
    if a3c.status == ReviewStatus.SUBMITTED:
        a3c = a3c_services.a3c_approve(actor=cor, a3c=a3c, note="Approved for implementation.")
    return a3c


def _signed_pes(order, provider, author, signer) -> None:
    pes = ProviderEngagementStrategy.objects.filter(task_order=order, provider=provider).first()
    if pes is None:
        pes = pes_services.pes_create(actor=author, task_order=order, provider=provider, data={
            "qi_lead_name": "Pia Provider", "qi_lead_email": "provider@maplegrove.demo",
            "needs_summary": "Infection prevention and staff turnover.",
            "engagement_approach": "Monthly on-site coaching with the director of nursing.",
            "planned_interventions": "Hand-hygiene audits; onboarding training."})
    if pes.status == PesStatus.DRAFT:
        pes = pes_services.pes_present(actor=author, pes=pes)
    if pes.status == PesStatus.PRESENTED:
        pes_services.pes_sign(actor=signer, pes=pes)


def _active_psa(order, provider, author, signer) -> None:
    psa = (ProviderServiceAgreement.objects.filter(task_order=order, provider=provider)
           .exclude(status=PsaStatus.TERMINATED).first())
    if psa is None:
        psa = psa_services.psa_create(actor=author, task_order=order, provider=provider, data={
            "provider_needs": "Reduce infections and stabilise staffing.",
            "service_response": "Coaching, audits and a multi-year training plan."})
    if psa.status == PsaStatus.DRAFT:
        psa = psa_services.psa_send(actor=author, psa=psa)
    if psa.status == PsaStatus.SENT:
        psa_services.psa_sign(actor=signer, psa=psa)


def _submitted_assessment(order, provider, author) -> None:
    assessment = ProviderAssessment.objects.filter(task_order=order, provider=provider).first()
    if assessment is None:
        assessment = pa_services.pa_create(actor=author, task_order=order, provider=provider,
                                           data={
            "general_assessment": "120-bed facility; two-star quality rating.",
            "readiness_assessment": "Leadership committed; a QAPI team meets monthly.",
            "needs_assessment": "Infection prevention, falls, staff onboarding.",
            "resource_assessment": "Part-time infection preventionist; no data analyst."})
    if assessment.status in (ReviewStatus.DRAFT, ReviewStatus.RETURNED):
        pa_services.pa_submit(actor=author, assessment=assessment)


def seed() -> None:
    reference_aims_ensure()
    cor = User.objects.get(email="cor@cms.demo")
    ann = User.objects.get(email="associate@northeast.demo")
    pia = User.objects.get(email="provider@maplegrove.demo")
    northeast = _task_order(cor, Region.NORTHEAST, "75FCMC24F0001", NORTHEAST_AWARD, 12)
    _task_order(cor, Region.WEST, "75FCMC25F0007", WEST_AWARD, 10)
    maple = _provider(PROVIDER_ORGS[0][0])
    _provider(PROVIDER_ORGS[1][0])
    _approved_a3c(northeast, maple.state, ann, cor)
    _signed_pes(northeast, maple, ann, pia)
    _active_psa(northeast, maple, ann, pia)
    _submitted_assessment(northeast, maple, ann)
