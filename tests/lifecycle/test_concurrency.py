"""Two CORs approve one Provider Assessment at the same moment: the row lock lets one win."""

import threading

import pytest
from django.db import close_old_connections, connection

from qio_program.lifecycle.models import ProviderAssessment
from qio_program.lifecycle.services import assessment as services
from qio_program.lifecycle.services.cor_assignment import task_order_cors_assign
from qis_portal.models import AuditEvent
from qis_portal.workflow import WorkflowConflict
from tests.lifecycle import builders


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_cors_approving_at_once_yield_one_success_and_one_audit_record(
        ne_order, maple, associate_ann, cor_bob, cor_carol, me_a3c, maple_psa):
    assert connection.vendor == "postgresql"
    task_order_cors_assign(actor=cor_bob, task_order=ne_order, cor=cor_bob,
                           alternate_cor=cor_carol)
    assessment = builders.submitted_pa(ne_order, maple, associate_ann)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(cor):
        close_old_connections()  # each thread opens its own connection
        try:
            barrier.wait(timeout=10)
            services.pa_approve(actor=cor, assessment=assessment)
            outcomes.append("approved")
        except WorkflowConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(cor,)) for cor in (cor_bob, cor_carol)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["approved", "conflict"]
    assert ProviderAssessment.objects.get(pk=assessment.pk).status == "approved"
    assert AuditEvent.objects.filter(action="providerassessment.approve", outcome="success",
                                     target_id=str(assessment.pk)).count() == 1
