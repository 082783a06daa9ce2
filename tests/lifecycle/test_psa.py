"""PSA: drafted by the QIO, signed by the provider, active or terminated; AHQT task once;
a termination queues recruiting a replacement from the SPL."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from qio_program.lifecycle.services import psa as services
from qio_program.lifecycle.services.contract import deliverables_refresh
from qio_program.models import Task, TaskQueue
from qis_portal.workflow import WorkflowConflict
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db


def test_a_signed_psa_is_active_and_queues_the_ahqt_task_once(
        ne_order, maple, associate_ann, pia, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        psa = builders.active_psa(ne_order, maple, associate_ann, pia)
    assert (psa.status, psa.signed_by, psa.start_date) == ("active", pia, psa.signed_on)
    task = Task.objects.get(auto_key=f"ahqt:provider:{maple.pk}")
    assert task.subject == f"AHQT assessment: {maple}"
    assert (task.qio, task.assigned_queue) == (ne_order.qio, TaskQueue.AHQT)
    assert task.related == maple
    with django_capture_on_commit_callbacks(execute=True):
        services.psa_terminate(actor=associate_ann, psa=psa, reason="Closed its unit.")
        builders.active_psa(ne_order, maple, associate_ann, pia)
    assert Task.objects.filter(auto_key__startswith="ahqt:").count() == 1


def test_no_ahqt_task_without_an_active_medicare_certification(
        ne_order, associate_ann, django_capture_on_commit_callbacks):
    pending = builders.provider("Pending Clinic", state="ME", region="northeast",
                                medicare_active=False)
    signer = builders.provider_user(pending, "lee@pending.test")
    with django_capture_on_commit_callbacks(execute=True):
        builders.active_psa(ne_order, pending, associate_ann, signer)
    assert not Task.objects.filter(auto_key=f"ahqt:provider:{pending.pk}").exists()


def test_the_sweep_queues_the_ahqt_task_once_certification_becomes_active(
        ne_order, associate_ann, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from qio_program.lifecycle.tasks import queue_ahqt_tasks

    pending = builders.provider("Pending Clinic", state="ME", region="northeast",
                                medicare_active=False)
    signer = builders.provider_user(pending, "lee@pending.test")
    with django_capture_on_commit_callbacks(execute=True):
        builders.active_psa(ne_order, pending, associate_ann, signer)
    assert services.ahqt_tasks_queue_due() == 0
    pending.medicare_status, pending.medicare_verified_at = "active", timezone.now()
    pending.save()
    assert queue_ahqt_tasks.run() == 1
    assert services.ahqt_tasks_queue_due() == 0
    assert Task.objects.filter(auto_key=f"ahqt:provider:{pending.pk}").count() == 1


def test_terminating_a_psa_queues_recruiting_a_replacement(
        ne_order, maple_psa, associate_ann, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError):
        services.psa_terminate(actor=associate_ann, psa=maple_psa, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        ended = services.psa_terminate(actor=associate_ann, psa=maple_psa,
                                       reason="Provider withdrew.")
    assert (ended.status, ended.termination_reason) == ("terminated", "Provider withdrew.")
    task = Task.objects.get(auto_key=f"psa:replace:{ended.pk}")
    assert "Recruit an SPL provider to replace" in task.subject
    assert task.related_type == ContentType.objects.get_for_model(ended)
    assert task.priority == "high"


def test_the_provider_may_terminate_too_but_not_another_provider(ne_order, maple_psa, pia, gus):
    with pytest.raises(PermissionDenied):
        services.psa_terminate(actor=gus, psa=maple_psa, reason="Not mine.")
    assert services.psa_terminate(actor=pia, psa=maple_psa, reason="Ours.").status == \
        "terminated"


def test_a_terminated_psa_stays_terminated(ne_order, maple_psa, associate_ann):
    ended = services.psa_terminate(actor=associate_ann, psa=maple_psa, reason="Done.")
    with pytest.raises(WorkflowConflict, match="Cannot terminate"):
        services.psa_terminate(actor=associate_ann, psa=ended, reason="Again.")


def test_a_provider_has_one_open_psa(ne_order, maple, associate_ann):
    services.psa_create(actor=associate_ann, task_order=ne_order, provider=maple)
    with pytest.raises(WorkflowConflict, match="already has a PSA that is draft"):
        services.psa_create(actor=associate_ann, task_order=ne_order, provider=maple)


def test_sending_needs_the_needs_and_the_response(ne_order, maple, associate_ann):
    psa = services.psa_create(actor=associate_ann, task_order=ne_order, provider=maple)
    with pytest.raises(ValidationError):
        services.psa_send(actor=associate_ann, psa=psa)


def test_the_provider_asks_for_changes_and_the_qio_revises(ne_order, maple, associate_ann,
                                                           pia):
    psa = services.psa_create(actor=associate_ann, task_order=ne_order, provider=maple,
                              data={"provider_needs": "a", "service_response": "b"})
    psa = services.psa_send(actor=associate_ann, psa=psa)
    with pytest.raises(WorkflowConflict, match="only a draft"):
        services.psa_update(actor=associate_ann, psa=psa, data={"service_response": "c"})
    back = services.psa_decline(actor=pia, psa=psa, comments="Add staff training.")
    assert (back.status, back.provider_comments) == ("draft", "Add staff training.")
    assert services.psa_update(actor=associate_ann, psa=back,
                               data={"service_response": "c"}).service_response == "c"


def test_the_qio_cannot_sign_for_the_provider(ne_order, maple, associate_ann):
    psa = services.psa_create(actor=associate_ann, task_order=ne_order, provider=maple,
                              data={"provider_needs": "a", "service_response": "b"})
    psa = services.psa_send(actor=associate_ann, psa=psa)
    with pytest.raises(PermissionDenied):
        services.psa_sign(actor=associate_ann, psa=psa)


def test_deliverables_refresh_without_a_target_delivers_nothing(ne_order):
    deliverables_refresh(task_order=ne_order)
    assert not ne_order.deliverables.filter(delivered_at__isnull=False).exists()
