"""The automatic AHQT task: queued once when a provider has an active PSA and active Medicare."""

import pytest

from qio_program.models import MedicareStatus, Task, TaskQueue
from qio_program.services.ahqt import ahqt_queue_bulk, ahqt_task_ensure
from tests.qio_program.factories import ProviderFactory

pytestmark = pytest.mark.django_db


def test_an_active_psa_and_active_medicare_queue_one_ahqt_task(northeast_qio, ne_provider):
    task = ahqt_task_ensure(ne_provider, has_active_psa=True)
    assert task.qio == northeast_qio and task.assigned_queue == TaskQueue.AHQT
    assert task.assigned_user is None  # "not assigned to a particular associate yet"
    assert task.related == ne_provider and task.auto_key == f"ahqt:provider:{ne_provider.pk}"
    assert ahqt_task_ensure(ne_provider, has_active_psa=True) is None
    assert Task.objects.count() == 1


def test_no_psa_means_no_ahqt_task(northeast_qio, ne_provider):
    assert ahqt_task_ensure(ne_provider, has_active_psa=False) is None
    assert Task.objects.count() == 0


@pytest.mark.parametrize(("status", "verified"), [
    (MedicareStatus.PENDING, True), (MedicareStatus.TERMINATED, True),
    (MedicareStatus.ACTIVE, False),
])
def test_medicare_must_be_active_and_verified(northeast_qio, status, verified):
    provider = ProviderFactory(medicare_status=status)
    if not verified:
        provider.medicare_verified_at = None
    assert ahqt_task_ensure(provider, has_active_psa=True) is None


def test_a_region_without_a_qio_gets_no_task(west_provider):
    assert ahqt_task_ensure(west_provider, has_active_psa=True) is None


def test_the_bulk_action_and_the_automatic_rule_share_one_task_per_provider(
        northeast_qio, associate_ann, ne_provider):
    queued, already = ahqt_queue_bulk(actor=associate_ann, providers=[ne_provider])
    assert len(queued) == 1 and already == []
    assert ahqt_task_ensure(ne_provider, has_active_psa=True) is None
    queued, already = ahqt_queue_bulk(actor=associate_ann, providers=[ne_provider])
    assert queued == [] and already == [ne_provider]
