"""FQS eligibility enforced with its evidence (seed 001, FQS Request Approval: "Determine if
the facility is on the SPL and if Medicare Cert is verified"; Initial Setup: "All AIAN are on
the SPL"; "The QIO would need to create that provider in the system")."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fqs import services
from fqs.forms import FqsRequestForm
from fqs.models import Activation, FqsRequest, MedicareVerification, Referral
from qio_program.models import MedicareStatus, Provider, ProviderSetting
from qis_portal.models import AuditEvent, Role
from qis_portal.regions import Region
from qis_portal.workflow import WorkflowConflict
from tests.factories import user_with_role
from tests.fqs.conftest import certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def unverified(db):
    """The issue's facility: off the SPL, Medicare certification "Pending verification"."""
    return Provider.objects.create(
        name="Birch Hollow Care", setting=ProviderSetting.NURSING_HOME, ccn="205999",
        state="ME", region=Region.NORTHEAST, on_spl=False,
        medicare_status=MedicareStatus.PENDING)


@pytest.fixture
def aian_provider(db):
    """A tribal-region clinic whose stored SPL flag is off."""
    return Provider.objects.create(
        name="Red Mesa Health Center", setting=ProviderSetting.HOSPITAL, ccn="035123",
        state="AZ", region=Region.AIAN_SOUTHWEST, on_spl=False,
        medicare_status=MedicareStatus.ACTIVE)


def test_intake_cannot_approve_an_off_spl_facility_whose_certification_is_unverified(
        world, unverified):
    req = world.reviewed_request(provider=unverified, verified=False)
    with pytest.raises(WorkflowConflict, match="Medicare certification is not verified"):
        services.fqs_request_approve(fqs_request=req, actor=world.p["intake"])
    req.refresh_from_db()
    assert req.status == FqsRequest.Status.NEW
    assert not Activation.objects.filter(request=req).exists()


def test_the_verification_records_who_when_where_and_the_document_then_intake_approves(
        world, unverified):
    req = world.reviewed_request(provider=unverified, verified=False)
    row = services.fqs_request_verify_medicare(
        fqs_request=req, actor=world.p["intake"], source="CMS Provider of Services file",
        verified_on=date(2026, 3, 9), document=certificate("birch-hollow-cert.pdf"))
    assert (row.verified_by, row.source, row.verified_on, row.original_name,
            row.content_type) == (world.p["intake"], "CMS Provider of Services file",
                                  date(2026, 3, 9), "birch-hollow-cert.pdf", "application/pdf")
    assert row.document.read().startswith(b"%PDF")
    unverified.refresh_from_db()
    assert unverified.medicare_status == MedicareStatus.ACTIVE
    assert unverified.medicare_verified_at is not None
    assert AuditEvent.objects.filter(action="fqsrequest.verify_medicare",
                                     target_id=str(req.pk)).count() == 1
    req = services.fqs_request_approve(fqs_request=req, actor=world.p["intake"])
    assert req.status == FqsRequest.Status.FQS_ACTIVATION


@pytest.mark.parametrize(("change", "field"), [
    ({"source": " "}, "source"),
    ({"verified_on": None}, "verified_on"),
    ({"verified_on": "tomorrow"}, "verified_on"),  # the day after the suite's clock
    ({"document": None}, "document"),
    ({"document": SimpleUploadedFile("cert.exe", b"MZ\x90\x00", "application/pdf")},
     "document"),
])
def test_a_verification_names_the_field_it_lacks(world, unverified, change, field):
    req = world.reviewed_request(provider=unverified, verified=False)
    data = {"source": "CMS POS file", "verified_on": date(2026, 3, 9),
            "document": certificate(), **change}
    if data["verified_on"] == "tomorrow":
        data["verified_on"] = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        services.fqs_request_verify_medicare(fqs_request=req, actor=world.p["intake"], **data)
    assert field in caught.value.message_dict
    assert not MedicareVerification.objects.exists()


def test_only_the_intake_reviewer_records_a_verification_on_a_request(world, unverified):
    from django.core.exceptions import PermissionDenied

    req = world.reviewed_request(provider=unverified, verified=False)
    with pytest.raises(PermissionDenied):
        services.fqs_request_verify_medicare(
            fqs_request=req, actor=world.p["fay"], source="CMS POS file",
            verified_on=date(2026, 3, 9), document=certificate())


def test_launch_is_refused_for_a_provider_whose_certification_is_unverified(world, unverified):
    """The activation adds a second directory provider nobody verified: its referral cannot
    launch until the QIO uploads the credentials."""
    activation = world.activation()
    services.activation_provider_add(activation=activation, actor=world.p["fay"],
                                     provider=unverified, baseline_metric="Falls",
                                     baseline_value=Decimal("4"))
    services.activation_submit(activation=activation, actor=world.p["fay"])
    services.activation_approve(activation=activation, actor=world.p["cor"])
    referral = services.referral_assign(
        referral=Referral.objects.get(activation=activation, provider=unverified),
        actor=world.p["manager"], assignee=world.p["associate"])
    with pytest.raises(WorkflowConflict, match="pending verification with no verification"):
        services.referral_launch(referral=referral, actor=world.p["associate"])
    services.referral_verify_medicare(referral=referral, actor=world.p["associate"],
                                      source="State survey agency", verified_on=date(2026, 3, 9),
                                      document=certificate())
    referral = services.referral_launch(referral=referral, actor=world.p["associate"])
    assert referral.status == Referral.Status.INITIATION


def test_an_aian_provider_is_on_the_spl_whatever_its_stored_flag(world, aian_provider,
                                                                 aian_qio):
    assert aian_provider.spl_eligible
    assert list(Provider.objects.spl_eligible().filter(region=Region.AIAN_SOUTHWEST)) == [
        aian_provider]
    assert not Provider.objects.off_spl().filter(pk=aian_provider.pk).exists()
    req = world.reviewed_request(provider=aian_provider, verified=False)
    assert req.facility_on_spl
    req = services.fqs_request_approve(fqs_request=req, actor=world.p["intake"])
    assert req.status == FqsRequest.Status.NON_FQS_SUPPORT
    assert req.support_handoff.organization == aian_qio


def test_the_request_page_and_the_api_say_an_aian_provider_is_on_the_spl(
        client, api_client, world, aian_provider):
    req = world.reviewed_request(provider=aian_provider)
    client.force_login(world.p["intake"])
    page = client.get(f"/fqs/requests/{req.pk}/").content.decode()
    assert "<dd>Yes (every AIAN provider is)</dd>" in page
    api_client.force_authenticate(world.p["intake"])
    assert api_client.get(f"/api/fqs/requests/{req.pk}/").json()["on_spl"] is True


def test_a_provider_a_qio_creates_for_an_aian_fqs_is_on_the_spl(world, aian_qio):
    manager = user_with_role(Role.QIO_MANAGER, aian_qio, email="tia@fourdirections.test")
    associate = user_with_role(Role.QIO_ASSOCIATE, aian_qio, email="kai@fourdirections.test")
    activation = world.activation()
    activation.providers.all().delete()
    services.activation_provider_add(activation=activation, actor=world.p["fay"],
                                     facility_name="Canyon Clinic", facility_ccn="035777",
                                     facility_state="AZ", region=Region.AIAN_SOUTHWEST,
                                     baseline_metric="Cases", baseline_value=Decimal("3"))
    services.activation_submit(activation=activation, actor=world.p["fay"])
    services.activation_approve(activation=activation, actor=world.p["cor"])
    referral = services.referral_assign(referral=Referral.objects.get(activation=activation),
                                        actor=manager, assignee=associate)
    provider = services.referral_provider_create(
        referral=referral, actor=associate, name="Canyon Clinic", setting="hospital",
        ccn="035777", state="AZ", attested=True, verification_source="IHS facility list",
        verified_on=date(2026, 3, 9), document=certificate())
    assert provider.on_spl and provider.spl_eligible


def test_a_provider_user_picks_only_their_own_facility(world, provider, provider_pia,
                                                        unverified):
    form = FqsRequestForm(user=provider_pia)
    assert list(form.fields["provider"].queryset) == [provider]
    assert set(FqsRequestForm(user=world.p["outsider"]).fields["provider"].queryset) == {
        provider, unverified}


def test_a_provider_user_cannot_name_another_facility(world, provider_pia, unverified):
    with pytest.raises(ValidationError) as caught:
        world.request(by=provider_pia, provider=unverified)
    assert "provider" in caught.value.message_dict
    assert world.request(by=provider_pia).provider == world.provider


def test_a_terminated_certification_is_refused_even_on_the_spl(spl_provider):
    from fqs.services.verifications import medicare_unverified_reason

    assert medicare_unverified_reason(spl_provider) == ""
    spl_provider.medicare_status = MedicareStatus.TERMINATED
    assert medicare_unverified_reason(spl_provider) == (
        "Granite Hills Hospital's Medicare certification is terminated.")
