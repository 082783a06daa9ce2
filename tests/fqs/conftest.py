"""FQS personas and a builder that walks objects through the real services to each state."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fqs import services
from fqs.models import Activation, Referral, RequestSource, SprintRequest
from qio_program.models import MedicareStatus, Provider, ProviderSetting
from qis_portal.models import Role
from qis_portal.regions import Region
from tests.factories import OrganizationFactory, QioFactory, user_with_role


@pytest.fixture
def intake_ian(cms):
    return user_with_role(Role.CMS_INTAKE_REVIEWER, cms, email="ian@cms.test")


@pytest.fixture
def fqs_fay(cms):
    return user_with_role(Role.CMS_FQS_REVIEWER, cms, email="fay@cms.test")


@pytest.fixture
def other_cor(cms):
    return user_with_role(Role.CMS_COR, cms, email="cora@cms.test")


@pytest.fixture
def support_sam(northeast_qio):
    return user_with_role(Role.QIO_SUPPORT, northeast_qio, email="sam@northeast.test")


@pytest.fixture
def associate_ned(northeast_qio):
    """A second associate of the Northeast QIO, not assigned to the referral."""
    return user_with_role(Role.QIO_ASSOCIATE, northeast_qio, email="ned@northeast.test")


@pytest.fixture
def manager_west(west_qio):
    return user_with_role(Role.QIO_MANAGER, west_qio, email="mia@west.test")


@pytest.fixture
def provider_org(db):
    return OrganizationFactory(name="Maple Grove Nursing and Rehabilitation", org_type="provider",
                               state="ME")


@pytest.fixture
def provider(provider_org):
    """A Northeast nursing home off the SPL (so its requests go to FQS activation)."""
    return Provider.objects.create(
        name="Maple Grove Nursing and Rehabilitation", setting=ProviderSetting.NURSING_HOME,
        ccn="205123", state="ME", region=Region.NORTHEAST, on_spl=False,
        medicare_status=MedicareStatus.ACTIVE, organization=provider_org)


@pytest.fixture
def spl_provider(db):
    return Provider.objects.create(
        name="Granite Hills Hospital", setting=ProviderSetting.HOSPITAL, ccn="300456",
        state="NH", region=Region.NORTHEAST, on_spl=True, medicare_status=MedicareStatus.ACTIVE)


@pytest.fixture
def west_provider(db):
    return Provider.objects.create(
        name="Sierra Vista Care", setting=ProviderSetting.NURSING_HOME, ccn="055789",
        state="CA", region=Region.WEST, on_spl=False, medicare_status=MedicareStatus.ACTIVE)


@pytest.fixture
def provider_pia(provider_org, provider):
    return user_with_role(Role.PROVIDER_USER, provider_org, email="pia@maplegrove.test")


@pytest.fixture
def aian_qio(db):
    return QioFactory(name="Four Directions Tribal QIO", org_type="aian_qio",
                      region=Region.AIAN_SOUTHWEST)


def certificate(name: str = "medicare-certification.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% certification\n%%EOF\n",
                              content_type="application/pdf")


class FqsWorld:
    """Reach any state of request, activation, referral through the services."""

    def __init__(self, people: dict, provider: Provider):
        self.p = people
        self.provider = provider

    def request(self, *, by=None, provider=None, **extra):
        return services.fqs_request_create(
            actor=by or self.p["outsider"], source=RequestSource.ACUTE_EMERGENCY,
            provider=provider or self.provider,
            description="Norovirus cluster in the long-stay unit.", **extra)

    def reviewed_request(self, *, verified: bool = True, **kwargs):
        req = self.request(**kwargs)
        req = services.fqs_request_update(fqs_request=req, actor=self.p["intake"], data={
            "aims": "Infection prevention", "work_description": "On-site outbreak support."})
        if verified and not req.facility_on_spl:
            self.verify(req)
        return req

    def verify(self, req):
        """The intake reviewer records the facility's Medicare certification with its
        document (seed 001: "Determine if ... Medicare Cert is verified")."""
        from fqs import sprint

        return services.fqs_request_verify_medicare(
            fqs_request=req, actor=self.p["intake"], source="CMS Provider of Services file",
            verified_on=sprint.today(), document=certificate())

    def activation(self, *, provider=None, sprint_days: int = 15) -> Activation:
        req = self.reviewed_request(provider=provider)
        req = services.fqs_request_approve(fqs_request=req, actor=self.p["intake"])
        activation = Activation.objects.get(request=req)
        services.activation_update(activation=activation, actor=self.p["fay"], data={
            "focus_area": "Infection control", "onsite_required": True,
            "sprint_days": sprint_days, "quality_issue": "Outbreak spreading.",
            "inclusion_criteria": "Long-stay residents.",
            "closeout_metrics": "Hand-hygiene compliance (%).",
            "reporting_requirements": "Weekly audit results.",
        })
        services.activation_provider_add(
            activation=activation, actor=self.p["fay"], provider=provider or self.provider,
            baseline_metric="Hand-hygiene compliance (%)", baseline_value=Decimal("62.5"))
        return Activation.objects.get(pk=activation.pk)

    def pending_activation(self, **kwargs) -> Activation:
        return services.activation_submit(activation=self.activation(**kwargs),
                                          actor=self.p["fay"])

    def referral(self, state: str = Referral.Status.QUEUED, *, sprint_days: int = 15,
                 provider=None) -> Referral:
        activation = services.activation_approve(
            activation=self.pending_activation(sprint_days=sprint_days, provider=provider),
            actor=self.p["cor"])
        referral = Referral.objects.get(activation=activation)
        steps = [
            (Referral.Status.ASSIGNED, lambda r: services.referral_assign(
                referral=r, actor=self.p["manager"], assignee=self.p["associate"])),
            (Referral.Status.INITIATION, lambda r: services.referral_launch(
                referral=r, actor=self.p["associate"])),
            (Referral.Status.QAP, self._complete_initiation),
            (Referral.Status.EXECUTION, self._agree_qap),
        ]
        if state == Referral.Status.QUEUED:
            return referral
        target = Referral.Status.EXECUTION if state in (
            Referral.Status.ON_HOLD, Referral.Status.CLOSED) else state
        for step_state, step in steps:
            referral = step(referral)
            if step_state == target:
                break
        if state == Referral.Status.ON_HOLD:
            services.sprint_request_approve(
                sprint_request=self.sprint_request(referral, SprintRequest.Kind.HOLD),
                actor=self.p["cor"])
        if state == Referral.Status.CLOSED:
            services.sprint_request_approve(
                sprint_request=self.sprint_request(referral, SprintRequest.Kind.CLOSEOUT),
                actor=self.p["cor"])
        return Referral.objects.get(pk=referral.pk)

    def _complete_initiation(self, referral):
        from datetime import date

        services.referral_initiation_update(referral=referral, actor=self.p["associate"], data={
            "provider_engaged_on": date(2020, 1, 1), "root_causes": "No IC lead.",
            "action_plans": "Daily rounds.", "baseline_metrics": "62.5 %"})
        return services.referral_complete_initiation(referral=referral,
                                                     actor=self.p["associate"])

    def _agree_qap(self, referral):
        from datetime import date

        services.referral_qap_update(referral=referral, actor=self.p["associate"], data={
            "planned_interventions": "Hand-hygiene coaching.",
            "sustainability_plan": "Train a new IC lead.", "qap_agreed_on": date(2020, 1, 2)})
        return services.referral_agree_qap(referral=referral, actor=self.p["associate"])

    def sprint_request(self, referral, kind, **kwargs) -> SprintRequest:
        if kind == SprintRequest.Kind.CLOSEOUT:
            kwargs.setdefault("closeout_reason", "requirements_met")
        return services.sprint_request_create(
            referral=referral, actor=self.p["associate"], kind=kind,
            justification="The provider needs it.", **kwargs)


@pytest.fixture
def world(outsider_charlie, intake_ian, fqs_fay, cor_bob, manager_max, associate_ann,
          provider, northeast_qio):
    return FqsWorld({"outsider": outsider_charlie, "intake": intake_ian, "fay": fqs_fay,
                     "cor": cor_bob, "manager": manager_max, "associate": associate_ann},
                    provider)
