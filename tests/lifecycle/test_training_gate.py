"""Training before live access (issue 15 item 2; seed 001: "Users are required to go through
training in the CQP training environment before using the live platform"): the gate sits in
the permission path, so a creation (require_permission) and a step (run_transition) wait for
the attestation, and a new module version asks again. Reads do not wait."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from qio_program.lifecycle import selectors
from qio_program.lifecycle.services import a3c as a3c_services
from qis_portal.models import AuditEvent, Role, TrainingModule
from qis_portal.services.training import training_attest
from qis_portal.workflow import TrainingRequired
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(db):
    return TrainingModule.objects.create(role=Role.QIO_ASSOCIATE, title="CQP basics for QIO "
                                         "associates", url="https://cqp-training.example/qio")


def test_an_associate_who_has_not_attested_cannot_start_an_a3c(ne_order, associate_ann,
                                                               module):
    with pytest.raises(TrainingRequired) as refused:
        a3c_services.a3c_create(actor=associate_ann, task_order=ne_order, state="ME")
    assert "CQP basics for QIO associates" in refused.value.message
    assert isinstance(refused.value, PermissionDenied)
    [denial] = AuditEvent.objects.filter(outcome="denied")
    assert denial.action == "a3c.create"
    assert not ne_order.a3cs.exists()


def test_after_attesting_the_associate_acts_and_a_new_version_asks_again(
        ne_order, associate_ann, module):
    with builders.on(date(2025, 3, 3)):
        training_attest(actor=associate_ann, module=module, completed_on=date(2025, 3, 3))
    a3c = a3c_services.a3c_create(actor=associate_ann, task_order=ne_order, state="ME")
    builders.complete_a3c(a3c, associate_ann)
    module.version = 2
    module.save()
    with pytest.raises(TrainingRequired):
        a3c_services.a3c_submit(actor=associate_ann, a3c=a3c)
    a3c.refresh_from_db()
    assert a3c.status == "draft"
    with builders.on(date(2025, 3, 4)):
        training_attest(actor=associate_ann, module=module, completed_on=date(2025, 3, 4))
    assert a3c_services.a3c_submit(actor=associate_ann, a3c=a3c).status == "submitted"


def test_reads_do_not_wait_for_training(ne_order, associate_ann, cor_bob, module):
    training_attest(actor=associate_ann, module=module, completed_on=date(2024, 12, 2))
    a3c = a3c_services.a3c_create(actor=associate_ann, task_order=ne_order, state="ME")
    module.version = 2
    module.save()
    assert a3c in selectors.a3cs_for(associate_ann)
    client = Client()
    client.force_login(associate_ann)
    assert client.get(a3c.get_absolute_url()).status_code == 200


def test_the_refusal_on_a_page_names_the_training_page(ne_order, associate_ann, module):
    client = Client()
    client.force_login(associate_ann)
    response = client.post("/lifecycle/a3c/new/", {"task_order": ne_order.pk, "state": "ME"})
    assert response.status_code == 403
    assert "/accounts/training/" in response.content.decode()
