"""The NLC and the Delegated Administrator deciding the same candidate at the same moment:
exactly one decision lands (row lock in run_transition)."""

import threading

import pytest
from django.db import close_old_connections, connection

from qio_connect import services
from qio_connect.models import LibraryItem
from qis_portal.models import AuditEvent
from qis_portal.workflow import WorkflowConflict


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_simultaneous_approve_and_reject_yield_one_decision(associate_ann, admin_dee,
                                                              nlc_nia, library):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL row locks.")
    item = library.draft(associate_ann)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(actor, verdict):
        try:
            barrier.wait()
            fresh = LibraryItem.objects.get(pk=item.pk)
            if verdict == "approve":
                services.library_item_approve(actor=actor, item=fresh)
            else:
                services.library_item_reject(actor=actor, item=fresh, reason="Duplicate")
            outcomes.append(verdict)
        except WorkflowConflict:
            outcomes.append("conflict")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=decide, args=(admin_dee, "approve")),
               threading.Thread(target=decide, args=(nlc_nia, "reject"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) in (["approve", "conflict"], ["conflict", "reject"])
    decisions = AuditEvent.objects.filter(target_id=str(item.pk), outcome="success",
                                          action__in=["libraryitem.approve",
                                                      "libraryitem.reject"])
    assert decisions.count() == 1
