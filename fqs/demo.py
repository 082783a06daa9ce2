"""FQS demo data (idempotent): one request awaiting intake, one activation awaiting the COR,
one Non-FQS support hand-off and one active referral in the Northeast, built through the
services like real work."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fqs import services
from fqs.models import Activation, FqsRequest, Referral, RequestSource, SprintDays
from qio_program.models import MedicareStatus, Provider, ProviderSetting
from qis_portal.models import Organization, User
from qis_portal.regions import Region
from qis_portal.services.audit import audit_record

MARKER = "[demo]"


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _provider(name: str, *, ccn: str, state: str, region: str, on_spl: bool,
              organization: Organization | None = None) -> Provider:
    provider = Provider.objects.filter(name=name).first()
    if provider is None:
        provider = Provider.objects.create(
            name=name, setting=ProviderSetting.NURSING_HOME, ccn=ccn, state=state,
            region=region, on_spl=on_spl, medicare_status=MedicareStatus.ACTIVE,
            organization=organization if organization and not hasattr(organization, "provider")
            else None,
        )
        audit_record(action="provider.demo_seed", target=provider)
    return provider


def _verified(req: FqsRequest, intake: User) -> FqsRequest:
    """The intake reviewer's Medicare certification check, with its (demo) document."""
    services.fqs_request_verify_medicare(
        fqs_request=req, actor=intake, source="CMS Provider of Services file",
        verified_on=timezone.localdate(),
        document=SimpleUploadedFile("medicare-certification.txt",
                                    b"Medicare certification: active (demo record).\n",
                                    content_type="text/plain"))
    return req


def _demo_request(description: str):
    return FqsRequest.objects.filter(description__startswith=f"{MARKER} {description}").first()


def seed() -> None:
    harbor = _provider("Harbor View Care Center", ccn="225456", state="MA",
                       region=Region.NORTHEAST, on_spl=False)
    # The directory's demo puts Maple Grove on the Northeast SPL, so the FQS referral (a
    # facility off the SPL) is for another nursing home.
    pinecrest = _provider("Pinecrest Manor", ccn="205877", state="ME", region=Region.NORTHEAST,
                          on_spl=False)
    anyone = _user("issuer@sunrise.demo")
    intake = _user("intake@cms.demo")
    reviewer = _user("fqs.reviewer@cms.demo")
    cor = _user("cor@cms.demo")

    # 1. A request awaiting intake review.
    if _demo_request("Drug shortage") is None:
        services.fqs_request_create(
            actor=anyone, source=RequestSource.ACUTE_EMERGENCY, provider=harbor,
            description=f"{MARKER} Drug shortage: heparin supply interrupted for two weeks.")

    # 2. An activation awaiting the COR's final approval.
    if _demo_request("Staffing loss") is None:
        req = services.fqs_request_create(
            actor=anyone, source=RequestSource.CMS_SURVEILLANCE, provider=harbor,
            description=f"{MARKER} Staffing loss: infection-control lead and two RNs left.")
        services.fqs_request_update(fqs_request=req, actor=intake, data={
            "aims": "Patient safety", "work_description": "Rebuild infection-control rounds."})
        req = services.fqs_request_approve(fqs_request=_verified(req, intake), actor=intake)
        activation = Activation.objects.get(request=req)
        _prepare(activation, reviewer, harbor, "Infection control", SprintDays.FIFTEEN)
        services.activation_submit(activation=activation, actor=reviewer,
                                   comment="Urgent: survey due next month.")

    # 3. A request for an SPL facility, handed to the Northeast QIO as Non-FQS support.
    if _demo_request("Wound care") is None:
        granite = _provider("Granite Hills Hospital", ccn="300456", state="NH",
                            region=Region.NORTHEAST, on_spl=True)
        req = services.fqs_request_create(
            actor=anyone, source=RequestSource.PROVIDER_REQUEST, provider=granite,
            description=f"{MARKER} Wound care: pressure injuries rising on two units.")
        services.fqs_request_update(fqs_request=req, actor=intake, data={
            "aims": "Patient safety", "work_description": "Pressure-injury prevention coaching."})
        services.fqs_request_approve(fqs_request=req, actor=intake)

    # 4. An active referral in the Northeast, launched by the associate.
    if _demo_request("Outbreak") is None:
        req = services.fqs_request_create(
            actor=anyone, source=RequestSource.URGENT_CMS_CONCERN, provider=pinecrest,
            description=f"{MARKER} Outbreak: norovirus cluster in the long-stay unit.")
        services.fqs_request_update(fqs_request=req, actor=intake, data={
            "aims": "Infection prevention",
            "work_description": "On-site outbreak response support."})
        req = services.fqs_request_approve(fqs_request=_verified(req, intake), actor=intake)
        activation = Activation.objects.get(request=req)
        _prepare(activation, reviewer, pinecrest, "Outbreak response", SprintDays.THIRTY)
        services.activation_submit(activation=activation, actor=reviewer)
        services.activation_approve(activation=activation, actor=cor, note="Deploy now.")
        referral = Referral.objects.get(activation=activation)
        referral = services.referral_assign(referral=referral,
                                            actor=_user("manager@northeast.demo"),
                                            assignee=_user("associate@northeast.demo"))
        services.referral_launch(referral=referral, actor=_user("associate@northeast.demo"))


def _prepare(activation, reviewer, provider, focus_area: str, days: int) -> None:
    services.activation_update(activation=activation, actor=reviewer, data={
        "focus_area": focus_area, "onsite_required": True, "sprint_days": days,
        "quality_issue": "Residents at risk while the facility lacks infection-control staff.",
        "inclusion_criteria": "Long-stay residents.",
        "closeout_metrics": "Hand-hygiene audit compliance (%).",
        "reporting_requirements": "Weekly audit results to the COR.",
    })
    services.activation_provider_add(activation=activation, actor=reviewer, provider=provider,
                                     baseline_metric="Hand-hygiene compliance (%)",
                                     baseline_value=Decimal("62.5"))
