"""Attesting training (issue 15 item 2): a date, not in the future, once per module version;
the Security Officer sees it when approving; the training page asks again after a new
version."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from qis_portal.models import AuditEvent, Role, TrainingModule
from qis_portal.services.accounts import role_assignment_request
from qis_portal.services.training import modules_outstanding, training_attest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(db):
    return TrainingModule.objects.create(role=Role.QIO_ASSOCIATE, title="CQP basics",
                                         url="https://cqp-training.example/qio")


@pytest.fixture
def newcomer(northeast_qio):
    user = UserFactory(organization=northeast_qio, email="new@northeast.test")
    role_assignment_request(user=user, role=Role.QIO_ASSOCIATE)
    return user


def test_a_completion_date_in_the_future_is_refused(newcomer, module):
    with pytest.raises(ValidationError) as refused:
        training_attest(actor=newcomer, module=module, completed_on=date(2099, 1, 1))
    assert "completed_on" in refused.value.message_dict


def test_one_version_is_attested_once_and_audited(newcomer, module):
    training_attest(actor=newcomer, module=module, completed_on=date(2025, 3, 3))
    with pytest.raises(ValidationError):
        training_attest(actor=newcomer, module=module, completed_on=date(2025, 3, 4))
    [record] = AuditEvent.objects.filter(action="training.attest")
    assert record.details == {"module": "CQP basics", "version": 1,
                              "completed_on": "2025-03-03"}


def test_only_the_modules_of_held_roles_are_owed(associate_ann, cor_bob, module):
    assert list(modules_outstanding(associate_ann)) == [module]
    assert list(modules_outstanding(cor_bob)) == []


def test_the_security_officer_sees_the_attestation_when_approving(newcomer, officer_northeast,
                                                                   module):
    client = Client()
    client.force_login(officer_northeast)
    assert "Not attested" in client.get("/accounts/assignments/").content.decode()
    training_attest(actor=newcomer, module=module, completed_on=date(2025, 3, 3))
    page = client.get("/accounts/assignments/").content.decode()
    assert "CQP basics v1, completed 2025-03-03" in page


def test_the_training_page_asks_again_after_a_new_version(newcomer, module):
    client = Client()
    client.force_login(newcomer)
    response = client.post("/accounts/training/", {"module": module.pk,
                                                   "completed_on": "2025-03-03"})
    assert response.status_code == 302
    module.version = 2
    module.save()
    page = client.get("/accounts/training/").content.decode()
    assert "Version 1 only: the module changed, attest again" in page
    assert "Attest completion" in page


def test_the_training_page_names_the_field_of_a_missing_date(newcomer, module):
    client = Client()
    client.force_login(newcomer)
    response = client.post("/accounts/training/", {"module": module.pk, "completed_on": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["completed_on"]
