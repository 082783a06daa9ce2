"""Two CORs approving the same activation at the same moment: exactly one wins (row lock)."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import close_old_connections, connection

from fqs import services
from fqs.models import Activation, Referral
from qis_portal.models import AuditEvent
from qis_portal.workflow import WorkflowConflict


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_cor_approvals_yield_one_success_and_one_audit(world, other_cor):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL row locks.")
    activation = world.pending_activation()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(cor):
        try:
            barrier.wait()
            services.activation_approve(activation=Activation.objects.get(pk=activation.pk),
                                        actor=cor)
            outcomes.append("approved")
        except WorkflowConflict:
            outcomes.append("conflict")
        except PermissionDenied:
            outcomes.append("denied")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=approve, args=(cor,))
               for cor in (world.p["cor"], other_cor)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "conflict"]
    assert AuditEvent.objects.filter(action="activation.approve", outcome="success",
                                     target_id=str(activation.pk)).count() == 1
    assert Referral.objects.filter(activation=activation).count() == 1
