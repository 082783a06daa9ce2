"""Task orders: the award creates every deliverable with its stored due date; the PSA target."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qio_program.lifecycle.choices import DeliverableKind
from qio_program.lifecycle.models import Deliverable
from qio_program.lifecycle.selectors import psa_progress
from qio_program.lifecycle.services.contract import psa_target_set, task_order_create
from qis_portal.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_recording_an_award_stores_every_deliverable_with_its_due_date(ne_order):
    rows = Deliverable.objects.filter(task_order=ne_order)
    counts = {kind: rows.filter(kind=kind).count() for kind in DeliverableKind.values}
    assert counts == {"a3c": 50, "pes": 1, "qap": 4, "exec_dashboard": 18,
                      "monthly_status": 59, "annual": 4, "resilience": 4, "final_outcomes": 1}
    assert rows.get(kind="a3c", state="ME", sequence=1).due_date == date(2025, 8, 1)
    assert rows.get(kind="pes").due_date == date(2025, 11, 1)
    assert rows.get(kind="qap", sequence=1).due_date == date(2026, 3, 1)
    assert rows.get(kind="monthly_status", sequence=1).due_date == date(2024, 12, 6)
    assert rows.get(kind="pes").contract_year == 0
    assert AuditEvent.objects.filter(action="taskorder.create",
                                     target_id=str(ne_order.pk)).exists()


def test_only_a_cor_records_an_award(associate_ann, northeast_qio):
    with pytest.raises(PermissionDenied):
        task_order_create(actor=associate_ann, qio=northeast_qio, number="X",
                          award_date=date(2024, 11, 1))
    assert AuditEvent.objects.filter(action="taskorder.create", outcome="denied").exists()


def test_a_qio_holds_one_active_task_order(ne_order, cor_bob, northeast_qio):
    with pytest.raises(ValidationError, match="already has an active task order"):
        task_order_create(actor=cor_bob, qio=northeast_qio, number="other",
                          award_date=date(2025, 1, 1))


def test_a_task_order_goes_to_a_qio_only(cor_bob, issuer_org):
    with pytest.raises(ValidationError, match="QIN-QIO or an AIAN QIO"):
        task_order_create(actor=cor_bob, qio=issuer_org, number="X",
                          award_date=date(2024, 11, 1))


def test_a_task_order_number_is_used_once(ne_order, cor_bob, west_qio):
    with pytest.raises(ValidationError, match="already used"):
        task_order_create(actor=cor_bob, qio=west_qio, number=ne_order.number,
                          award_date=date(2024, 11, 1))
    assert not Deliverable.objects.filter(task_order__qio=west_qio).exists()


def test_the_cor_sets_the_psa_target_shown_against_the_active_count(ne_order, cor_bob,
                                                                     maple_psa):
    assert psa_progress(ne_order) == {"target": None, "active": 1, "short_by": None}
    psa_target_set(actor=cor_bob, task_order=ne_order, target=12)
    ne_order.refresh_from_db()
    assert psa_progress(ne_order) == {"target": 12, "active": 1, "short_by": 11}
    psa_target_set(actor=cor_bob, task_order=ne_order, target=10)
    event = AuditEvent.objects.filter(action="psatarget.set").first()
    assert event.details == {"from": 12, "to": 10}


def test_a_qio_cannot_set_its_own_psa_target(ne_order, associate_ann):
    with pytest.raises(PermissionDenied):
        psa_target_set(actor=associate_ann, task_order=ne_order, target=1)


def test_a_psa_target_is_at_least_one(ne_order, cor_bob):
    with pytest.raises(ValidationError):
        psa_target_set(actor=cor_bob, task_order=ne_order, target=0)
