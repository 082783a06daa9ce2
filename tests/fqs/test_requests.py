"""FQS request creation and intake review (seed 001, FQS Request Creation and Approval)."""

import pytest
from django.core.exceptions import ValidationError

from fqs import services
from fqs.models import Activation, FqsRequest, RequestSource
from qis_portal.models import Notification
from qis_portal.workflow import WorkflowConflict

pytestmark = pytest.mark.django_db


def test_anyone_signed_in_submits_a_request(outsider_charlie, provider):
    req = services.fqs_request_create(actor=outsider_charlie, source=RequestSource.PROVIDER_REQUEST,
                                      provider=provider, description="Outbreak")
    assert req.status == FqsRequest.Status.NEW
    assert req.region == provider.region


def test_the_six_sources_of_the_seed_are_offered():
    assert len(RequestSource.values) == 6


def test_a_facility_outside_the_directory_needs_its_ccn(outsider_charlie):
    with pytest.raises(ValidationError) as exc:
        services.fqs_request_create(actor=outsider_charlie, source=RequestSource.ACUTE_EMERGENCY,
                                    facility_name="Lakeside Home", description="Shortage")
    assert "facility_ccn" in exc.value.message_dict
    req = services.fqs_request_create(actor=outsider_charlie, source=RequestSource.ACUTE_EMERGENCY,
                                      facility_name="Lakeside Home", facility_ccn="105678",
                                      facility_state="fl", description="Shortage")
    assert (req.provider, req.facility_state, req.facility_on_spl) == (None, "FL", False)


def test_intake_reviewers_hear_of_a_new_request(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        world.request()
    assert Notification.objects.filter(recipient=world.p["intake"], kind="fqs.request").exists()


def test_the_intake_reviewer_records_aims_work_and_routing(world, cor_bob, fqs_fay):
    req = services.fqs_request_update(
        fqs_request=world.request(), actor=world.p["intake"],
        data={"aims": "Safety", "sub_aims": "Infection control", "work_description": "Support"},
        route_cors=[cor_bob], route_smes=[fqs_fay])
    assert (req.aims, req.sub_aims) == ("Safety", "Infection control")
    assert list(req.route_cors.all()) == [cor_bob]


def test_only_cors_are_routed_as_cors(world, fqs_fay):
    with pytest.raises(ValidationError):
        services.fqs_request_update(fqs_request=world.request(), actor=world.p["intake"],
                                    data={}, route_cors=[fqs_fay])


def test_status_and_region_are_not_editable_fields(world):
    with pytest.raises(ValidationError):
        services.fqs_request_update(fqs_request=world.request(), actor=world.p["intake"],
                                    data={"status": "fqs_activation", "region": "west"})


def test_intake_details_are_final_once_decided(world):
    req = services.fqs_request_approve(fqs_request=world.reviewed_request(),
                                       actor=world.p["intake"])
    with pytest.raises(WorkflowConflict):
        services.fqs_request_update(fqs_request=req, actor=world.p["intake"],
                                    data={"aims": "Late"})


def test_approval_needs_the_description_of_work(world):
    with pytest.raises(ValidationError):
        services.fqs_request_approve(fqs_request=world.request(), actor=world.p["intake"])


def test_approved_off_the_spl_goes_to_fqs_activation(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        req = services.fqs_request_approve(fqs_request=world.reviewed_request(),
                                           actor=world.p["intake"])
    assert req.status == FqsRequest.Status.FQS_ACTIVATION
    assert Activation.objects.get(request=req).status == Activation.Status.DRAFT
    assert Notification.objects.filter(recipient=world.p["fay"], kind="fqs.activation").exists()


def test_approved_on_the_spl_goes_to_non_fqs_support_and_the_cor(
        world, spl_provider, cor_bob, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        req = services.fqs_request_approve(
            fqs_request=world.reviewed_request(provider=spl_provider), actor=world.p["intake"])
    assert req.status == FqsRequest.Status.NON_FQS_SUPPORT
    assert not Activation.objects.filter(request=req).exists()
    assert Notification.objects.filter(recipient=cor_bob, title__startswith="Non-FQS").exists()


def test_an_aian_provider_is_on_the_spl(world, aian_qio):
    from qio_program.models import Provider

    aian = Provider.objects.create(name="Desert Clinic", setting="outpatient_clinical_practice",
                                   ccn="035111", state="AZ", region="aian_southwest",
                                   on_spl=False)
    req = services.fqs_request_approve(fqs_request=world.reviewed_request(provider=aian),
                                       actor=world.p["intake"])
    assert req.status == FqsRequest.Status.NON_FQS_SUPPORT


def test_rejection_needs_a_reason(world, django_capture_on_commit_callbacks):
    req = world.request()
    with pytest.raises(ValidationError):
        services.fqs_request_reject(fqs_request=req, actor=world.p["intake"], reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        req = services.fqs_request_reject(fqs_request=req, actor=world.p["intake"],
                                          reason="Covered by the aims")
    assert req.decision_reason == "Covered by the aims"
    assert Notification.objects.filter(recipient=world.p["outsider"], kind="fqs.request").exists()


def test_review_notes_can_be_added_after_the_decision(world):
    req = services.fqs_request_approve(fqs_request=world.reviewed_request(),
                                       actor=world.p["intake"])
    note = services.fqs_request_note_add(fqs_request=req, actor=world.p["intake"],
                                         body="Called the facility.")
    assert note.request == req
