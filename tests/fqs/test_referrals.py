"""Referral assignment, launch, initiation, QAP agreement, execution, and the provider a QIO
creates with a verified Medicare certification (seed 001, FQS Referral Execution)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fqs import services
from fqs.models import Referral
from qio_program.models import MedicareStatus, Task, TaskStatus
from qis_portal.models import AuditEvent, Notification
from qis_portal.workflow import WorkflowConflict
from tests.fqs.conftest import certificate

pytestmark = pytest.mark.django_db


def test_the_manager_assigns_an_associate_of_the_same_qio(
        world, associate_wes, django_capture_on_commit_callbacks):
    referral = world.referral()
    with pytest.raises(ValidationError):
        services.referral_assign(referral=referral, actor=world.p["manager"],
                                 assignee=associate_wes)
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.referral_assign(referral=referral, actor=world.p["manager"],
                                            assignee=world.p["associate"])
    assert referral.assigned_to == world.p["associate"]
    assert Notification.objects.filter(recipient=world.p["associate"],
                                       kind="fqs.referral").exists()
    task = Task.objects.get(pk=referral.task_id)
    assert task.assigned_user == world.p["associate"]


def test_a_manager_can_reassign_before_launch(world, associate_ned):
    referral = world.referral(Referral.Status.ASSIGNED)
    due = referral.launch_due_date
    referral = services.referral_assign(referral=referral, actor=world.p["manager"],
                                        assignee=associate_ned)
    assert (referral.assigned_to, referral.launch_due_date) == (associate_ned, due)


def test_launch_completes_the_referral_task(world):
    referral = world.referral(Referral.Status.INITIATION)
    assert Task.objects.get(pk=referral.task_id).status == TaskStatus.COMPLETED


def test_initiation_needs_agreement_root_causes_plans_and_baseline(world):
    referral = world.referral(Referral.Status.INITIATION)
    referral = services.referral_initiation_update(referral=referral, actor=world.p["associate"],
                                                   data={"baseline_metrics": ""})
    with pytest.raises(ValidationError) as exc:
        services.referral_complete_initiation(referral=referral, actor=world.p["associate"])
    assert set(exc.value.message_dict) == {"provider_engaged_on", "root_causes",
                                           "action_plans", "baseline_metrics"}


def test_launch_copies_the_activation_baseline(world):
    referral = world.referral(Referral.Status.INITIATION)
    assert referral.baseline_metrics == "Hand-hygiene compliance (%): 62.5"


def test_the_qap_needs_interventions_sustainability_and_the_agreement_date(world):
    referral = world.referral(Referral.Status.QAP)
    with pytest.raises(ValidationError) as exc:
        services.referral_agree_qap(referral=referral, actor=world.p["associate"])
    assert set(exc.value.message_dict) == {"planned_interventions", "sustainability_plan",
                                           "qap_agreed_on"}


def test_a_qap_agreement_date_in_the_future_is_refused(world):
    referral = world.referral(Referral.Status.QAP)
    with pytest.raises(ValidationError):
        services.referral_qap_update(referral=referral, actor=world.p["associate"],
                                     data={"qap_agreed_on": date(2999, 1, 1)})


def test_execution_records_interventions_and_outcomes_against_the_baseline(world):
    referral = world.referral(Referral.Status.EXECUTION)
    services.referral_intervention_add(referral=referral, actor=world.p["associate"],
                                       performed_on=date(2020, 1, 3),
                                       description="Hand-hygiene coaching")
    outcome = services.referral_outcome_add(referral=referral, actor=world.p["associate"],
                                            measured_on=date(2020, 1, 10),
                                            value=Decimal("80"))
    assert outcome.change_from_baseline == Decimal("17.5")


def test_outcomes_are_recorded_only_during_execution(world):
    referral = world.referral(Referral.Status.QAP)
    with pytest.raises(WorkflowConflict):
        services.referral_outcome_add(referral=referral, actor=world.p["associate"],
                                      measured_on=date(2020, 1, 10), value=Decimal("80"))


def test_another_associate_cannot_record_the_work(world, associate_ned):
    referral = world.referral(Referral.Status.EXECUTION)
    with pytest.raises(PermissionDenied):
        services.referral_intervention_add(referral=referral, actor=associate_ned,
                                           performed_on=date(2020, 1, 3), description="x")


def _unlisted_referral(world):
    activation = world.activation()
    activation.providers.all().delete()
    services.activation_provider_add(activation=activation, actor=world.p["fay"],
                                     facility_name="Lakeside Home", facility_ccn="105678",
                                     facility_state="ME", region="northeast",
                                     baseline_metric="Falls", baseline_value=Decimal("2"))
    services.activation_submit(activation=activation, actor=world.p["fay"])
    services.activation_approve(activation=activation, actor=world.p["cor"])
    referral = Referral.objects.get(activation=activation)
    return services.referral_assign(referral=referral, actor=world.p["manager"],
                                    assignee=world.p["associate"])


PROVIDER = {"name": "Lakeside Home", "setting": "nursing_home", "ccn": "105678", "state": "ME"}


def test_a_referral_without_a_directory_provider_cannot_launch(world):
    referral = _unlisted_referral(world)
    with pytest.raises(WorkflowConflict, match="not in the directory"):
        services.referral_launch(referral=referral, actor=world.p["associate"])


@pytest.mark.parametrize("missing", [
    {"attested": False}, {"verification_source": ""}, {"verified_on": None},
    {"verified_on": date(2999, 1, 1)},
])
def test_the_qio_cannot_create_a_provider_without_a_verified_certification(world, missing):
    referral = _unlisted_referral(world)
    attestation = {"attested": True, "verification_source": "CMS POS file",
                   "verified_on": date(2020, 1, 1), **missing}
    with pytest.raises(ValidationError):
        services.referral_provider_create(referral=referral, actor=world.p["associate"],
                                          **PROVIDER, **attestation)
    referral.refresh_from_db()
    assert referral.provider is None
    assert AuditEvent.objects.filter(action="provider.create_verified",
                                     outcome="failure").exists()


def test_the_qio_creates_a_verified_provider_and_can_then_launch(world):
    referral = _unlisted_referral(world)
    provider = services.referral_provider_create(
        referral=referral, actor=world.p["associate"], attested=True,
        verification_source="CMS POS file", verified_on=date(2020, 1, 1),
        document=certificate(), **PROVIDER)
    assert (provider.medicare_status, provider.on_spl, provider.region) == (
        MedicareStatus.ACTIVE, False, "northeast")
    assert provider.medicare_verified_at is not None and provider.medicare_active
    [evidence] = provider.medicare_verifications.all()
    assert (evidence.source, evidence.verified_by) == ("CMS POS file", world.p["associate"])
    referral = services.referral_launch(referral=referral, actor=world.p["associate"])
    assert referral.provider == provider and referral.status == Referral.Status.INITIATION


def test_a_provider_created_without_its_document_launches_once_the_qio_uploads_it(world):
    referral = _unlisted_referral(world)
    services.referral_provider_create(
        referral=referral, actor=world.p["associate"], attested=True,
        verification_source="CMS POS file", verified_on=date(2020, 1, 1), **PROVIDER)
    with pytest.raises(WorkflowConflict, match="no verification on record"):
        services.referral_launch(referral=referral, actor=world.p["associate"])
    services.referral_verify_medicare(referral=referral, actor=world.p["associate"],
                                      source="CMS POS file", verified_on=date(2020, 1, 1),
                                      document=certificate())
    referral = services.referral_launch(referral=referral, actor=world.p["associate"])
    assert referral.status == Referral.Status.INITIATION


def test_another_qio_cannot_create_the_provider(world, associate_wes):
    referral = _unlisted_referral(world)
    with pytest.raises(PermissionDenied):
        services.referral_provider_create(
            referral=referral, actor=associate_wes, attested=True,
            verification_source="CMS POS file", verified_on=date(2020, 1, 1), **PROVIDER)
