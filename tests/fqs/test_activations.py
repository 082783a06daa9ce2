"""FQS activation: prepared by the FQS Reviewer, decided by the COR, deployed as one referral
per provider to the QIO of the provider's region (seed 001, FQS Activation)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fqs import services
from fqs.models import Activation, Referral
from qio_program.models import Provider, Task, TaskQueue, TaskType
from qis_portal.models import Notification
from qis_portal.workflow import WorkflowConflict

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("days", [15, 30])
def test_a_sprint_of_15_or_30_days_is_accepted(world, days):
    activation = world.activation(sprint_days=days)
    assert activation.sprint_days == days


@pytest.mark.parametrize("days", [7, 20, 45])
def test_any_other_sprint_length_is_refused(world, days):
    activation = world.activation()
    with pytest.raises(ValidationError):
        services.activation_update(activation=activation, actor=world.p["fay"],
                                   data={"sprint_days": days})


def test_submission_needs_every_field_and_a_provider(world):
    req = services.fqs_request_approve(fqs_request=world.reviewed_request(),
                                       actor=world.p["intake"])
    activation = Activation.objects.get(request=req)
    with pytest.raises(ValidationError) as exc:
        services.activation_submit(activation=activation, actor=world.p["fay"])
    assert {"focus_area", "sprint_days", "onsite_required", "quality_issue",
            "inclusion_criteria", "closeout_metrics", "reporting_requirements"} <= set(
        exc.value.message_dict)
    activation.refresh_from_db()
    assert activation.status == Activation.Status.DRAFT


def test_the_cor_hears_of_a_submitted_activation(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        world.pending_activation()
    assert Notification.objects.filter(recipient=world.p["cor"], kind="fqs.activation").exists()


def test_a_provider_is_listed_once_per_activation(world):
    activation = world.activation()
    with pytest.raises(ValidationError):
        services.activation_provider_add(activation=activation, actor=world.p["fay"],
                                         provider=world.provider, baseline_metric="Falls",
                                         baseline_value=Decimal("3"))


def test_approval_deploys_a_referral_per_provider_to_its_regions_qio(
        world, west_provider, west_qio, support_sam, django_capture_on_commit_callbacks):
    activation = world.activation(sprint_days=30)
    services.activation_provider_add(activation=activation, actor=world.p["fay"],
                                     provider=west_provider, baseline_metric="Falls",
                                     baseline_value=Decimal("4.25"))
    services.activation_submit(activation=activation, actor=world.p["fay"])
    with django_capture_on_commit_callbacks(execute=True):
        activation = services.activation_approve(activation=activation, actor=world.p["cor"])
    assert activation.status == Activation.Status.DEPLOYED
    referrals = {r.region: r for r in Referral.objects.filter(activation=activation)}
    assert referrals["northeast"].organization.name == "Northeast QIN-QIO"
    assert referrals["west"].organization == west_qio
    assert all(r.status == Referral.Status.QUEUED and r.sprint_days == 30
               for r in referrals.values())
    task = Task.objects.get(pk=referrals["northeast"].task_id)
    assert (task.task_type, task.assigned_queue, task.qio_id) == (
        TaskType.FQS_REFERRAL, TaskQueue.SUPPORT_TEAM, referrals["northeast"].organization_id)
    assert task.related == referrals["northeast"]
    assert Notification.objects.filter(recipient=support_sam, kind="fqs.referral").exists()


def test_an_aian_provider_goes_to_the_aian_qio(world, aian_qio):
    aian = Provider.objects.create(name="Desert Clinic", setting="outpatient_clinical_practice",
                                   ccn="035111", state="AZ", region="aian_southwest")
    activation = world.activation()
    services.activation_provider_add(activation=activation, actor=world.p["fay"], provider=aian,
                                     baseline_metric="Visits", baseline_value=Decimal("1"))
    services.activation_submit(activation=activation, actor=world.p["fay"])
    services.activation_approve(activation=activation, actor=world.p["cor"])
    assert Referral.objects.get(activation=activation, provider=aian).organization == aian_qio


def test_approval_is_refused_when_no_qio_serves_the_region(world):
    lone = Provider.objects.create(name="Prairie Home", setting="nursing_home", ccn="175000",
                                   state="KS", region="midwest")
    activation = world.activation()
    services.activation_provider_add(activation=activation, actor=world.p["fay"], provider=lone,
                                     baseline_metric="Falls", baseline_value=Decimal("2"))
    activation = services.activation_submit(activation=activation, actor=world.p["fay"])
    with pytest.raises(WorkflowConflict, match="No QIO serves the Midwest region"):
        services.activation_approve(activation=activation, actor=world.p["cor"])
    activation.refresh_from_db()
    assert activation.status == Activation.Status.PENDING_COR
    assert not Referral.objects.exists()


def test_a_facility_not_in_the_directory_is_deployed_without_a_provider(world):
    activation = world.activation()
    services.activation_provider_add(activation=activation, actor=world.p["fay"],
                                     facility_name="Lakeside Home", facility_ccn="105678",
                                     region="northeast", baseline_metric="Falls",
                                     baseline_value=Decimal("2"))
    services.activation_submit(activation=activation, actor=world.p["fay"])
    services.activation_approve(activation=activation, actor=world.p["cor"])
    referral = Referral.objects.get(activation=activation, provider__isnull=True)
    assert referral.facility_label == "Lakeside Home"


def test_rejection_needs_a_reason(world):
    activation = world.pending_activation()
    with pytest.raises(ValidationError):
        services.activation_reject(activation=activation, actor=world.p["cor"], reason="")
    activation = services.activation_reject(activation=activation, actor=world.p["cor"],
                                            reason="Within the aims")
    assert activation.decision_reason == "Within the aims"


def test_a_submitted_activation_no_longer_changes(world):
    activation = world.pending_activation()
    with pytest.raises(WorkflowConflict):
        services.activation_update(activation=activation, actor=world.p["fay"],
                                   data={"focus_area": "Late"})
