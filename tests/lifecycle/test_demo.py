"""The demo seed: Northeast and West task orders, an approved Maine A3C, an active PSA and a
Provider Assessment waiting for the COR; running it twice changes nothing."""

from datetime import date

import pytest

from qio_program.lifecycle import demo
from qio_program.lifecycle.models import (
    A3C,
    ProviderAssessment,
    ProviderEngagementStrategy,
    ProviderServiceAgreement,
    TaskOrder,
)
from qio_program.models import Provider, Task
from qis_portal.demo import seed_organizations, seed_users

pytestmark = pytest.mark.django_db


def counts():
    return [model.objects.count() for model in (TaskOrder, A3C, ProviderEngagementStrategy,
                                                ProviderServiceAgreement, ProviderAssessment,
                                                Provider, Task)]


def test_the_demo_seed_builds_the_story_once(django_capture_on_commit_callbacks):
    seed_users(seed_organizations())
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed()
    northeast = TaskOrder.objects.get(qio__name="Northeast QIN-QIO")
    assert northeast.award_date == date(2024, 11, 1)
    assert northeast.psa_target.target == 12
    assert TaskOrder.objects.filter(qio__name="West QIN-QIO").exists()
    assert A3C.objects.get(task_order=northeast, state="ME").status == "approved"
    psa = ProviderServiceAgreement.objects.get(task_order=northeast)
    assert psa.status == "active" and psa.provider.organization.name.startswith("Maple Grove")
    assessment = ProviderAssessment.objects.get(task_order=northeast)
    assert assessment.status == "submitted" and assessment.due_date is not None
    assert Task.objects.filter(auto_key=f"ahqt:provider:{psa.provider_id}").exists()
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed()
    assert counts() == before


def test_the_demo_reuses_a_provider_the_directory_already_made():
    seed_users(seed_organizations())
    existing = Provider.objects.create(name="Maple Grove Nursing and Rehabilitation",
                                       state="ME", region="northeast", setting="nursing_home")
    demo.seed()
    assert Provider.objects.filter(name=existing.name).count() == 1
    existing.refresh_from_db()
    assert existing.on_spl and existing.organization is not None
