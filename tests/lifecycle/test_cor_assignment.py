"""CORs assigned to task orders (issue 15 item 3; seed 001: "the COR" of each QIN-QIO).

The Northeast task order 75FCMC24F0001 names Bob; the West one 75FCMC24F0002 names Carol.
A Provider Assessment submitted Monday 2025-03-03 is due Monday 2025-03-10 (5 business days).
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from qio_program.lifecycle import selectors
from qio_program.lifecycle.services import a3c as a3c_services
from qio_program.lifecycle.services import assessment as pa_services
from qio_program.lifecycle.services.cor_assignment import task_order_cors_assign
from qis_portal.models import AuditEvent, Notification, NotificationPreference, OrgType, Role
from qis_portal.models.accounts import Organization
from qis_portal.services.accounts import role_grant
from qis_portal.services.notifications import notification_preference_set
from tests.factories import user_with_role
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def west_by_carol(cor_carol, west_qio):
    return builders.task_order(cor_carol, west_qio, number="75FCMC24F0002")


@pytest.fixture
def cor_dana(cms):
    return user_with_role(Role.CMS_COR, cms, email="dana@cms.test")


def test_the_cor_who_records_the_award_is_its_cor(ne_order, cor_bob):
    assert (ne_order.cor, ne_order.alternate_cor) == (cor_bob, None)


def test_only_the_task_orders_cor_hears_of_sees_and_decides_its_a3c(
        ne_order, west_by_carol, associate_ann, cor_bob, cor_carol,
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a3c = builders.submitted_a3c(ne_order, "ME", associate_ann)
    told = Notification.objects.filter(kind="lifecycle.awaiting_approval")
    assert [n.recipient for n in told] == [cor_bob]
    assert a3c not in selectors.a3cs_for(cor_carol)
    assert a3c not in [item.obj for item in selectors.approvals_waiting(cor_carol)]
    client = Client()
    client.force_login(cor_carol)
    assert client.get(a3c.get_absolute_url()).status_code == 404
    with pytest.raises(PermissionDenied):
        a3c_services.a3c_approve(actor=cor_carol, a3c=a3c)
    [denial] = AuditEvent.objects.filter(outcome="denied")
    assert (denial.action, denial.target_id) == ("a3c.approve", str(a3c.pk))
    assert a3c_services.a3c_approve(actor=cor_bob, a3c=a3c).status == "approved"


def test_cms_read_only_still_reads_every_task_orders_work(ne_order, west_by_carol,
                                                          associate_ann, readonly_pat):
    a3c = builders.submitted_a3c(ne_order, "ME", associate_ann)
    assert a3c in selectors.a3cs_for(readonly_pat)
    assert set(selectors.task_orders_for(readonly_pat)) == {ne_order, west_by_carol}


def test_reassignment_moves_the_open_clock_to_the_new_cors_with_an_audit_record(
        ne_order, maple, associate_ann, me_a3c, maple_psa, cor_bob, cor_carol, cor_dana,
        django_capture_on_commit_callbacks):
    with builders.on(date(2025, 3, 3)), django_capture_on_commit_callbacks(execute=True):
        waiting = builders.submitted_pa(ne_order, maple, associate_ann)
    with django_capture_on_commit_callbacks(execute=True):
        task_order_cors_assign(actor=cor_bob, task_order=ne_order, cor=cor_carol,
                               alternate_cor=cor_dana, note="Bob on leave.")
    open_for = {n.recipient for n in Notification.objects.filter(
        kind="lifecycle.awaiting_approval", resolved_at__isnull=True)}
    assert open_for == {cor_carol, cor_dana}
    [record] = AuditEvent.objects.filter(action="taskorder.assign_cors")
    assert record.details["moved"] == [f"qio_lifecycle.providerassessment:{waiting.pk}"]
    assert record.details["from"] == {"cor": cor_bob.pk, "alternate_cor": None}
    with builders.on(date(2025, 3, 7)):
        assert pa_services.pa_deadline_sweep() == {"reminders": 2, "escalations": 0}
    reminded = {n.recipient for n in Notification.objects.filter(kind="lifecycle.pa_reminder")}
    assert reminded == {cor_carol, cor_dana}
    with pytest.raises(PermissionDenied):
        pa_services.pa_approve(actor=cor_bob, assessment=waiting)
    assert pa_services.pa_approve(actor=cor_dana, assessment=waiting).status == "approved"


def test_the_alternate_is_another_cor(ne_order, cor_bob, associate_ann):
    with pytest.raises(ValidationError) as same:
        task_order_cors_assign(actor=cor_bob, task_order=ne_order, cor=cor_bob,
                               alternate_cor=cor_bob)
    assert "alternate_cor" in same.value.message_dict
    with pytest.raises(ValidationError) as not_a_cor:
        task_order_cors_assign(actor=cor_bob, task_order=ne_order, cor=associate_ann)
    assert "cor" in not_a_cor.value.message_dict


def test_another_task_orders_cor_cannot_take_it_over(ne_order, west_by_carol, cor_carol):
    with pytest.raises(PermissionDenied):
        task_order_cors_assign(actor=cor_carol, task_order=ne_order, cor=cor_carol)
    ne_order.refresh_from_db()
    assert ne_order.cor_id != cor_carol.pk
    assert AuditEvent.objects.filter(action="taskorder.assign_cors", outcome="denied").count() == 1


def test_the_5_day_reminders_cannot_be_switched_off(
        ne_order, maple, associate_ann, me_a3c, maple_psa, cor_bob):
    with pytest.raises(ValidationError):
        notification_preference_set(user=cor_bob, kind="lifecycle.pa_reminder", in_app=False,
                                    email=False)
    # Even a switch stored before the rule (or by hand) does not silence an open clock.
    NotificationPreference.objects.create(user=cor_bob, kind="lifecycle.pa_escalation",
                                          in_app=False, email=False)
    with builders.on(date(2025, 3, 3)):
        builders.submitted_pa(ne_order, maple, associate_ann)
    with builders.on(date(2025, 3, 11)):
        assert pa_services.pa_deadline_sweep()["escalations"] == 1
    assert Notification.objects.filter(recipient=cor_bob, kind="lifecycle.pa_escalation",
                                       in_app=True, email_wanted=True).exists()


def test_the_settings_page_lists_the_reminders_as_always_sent(cor_bob):
    client = Client()
    client.force_login(cor_bob)
    page = client.get("/notifications/settings/").content.decode()
    assert "cannot be switched off" in page
    assert 'name="lifecycle.pa_reminder__email"' not in page


def test_a_pmec_evaluator_reads_as_cms_read_only_from_their_own_organization(
        ne_order, associate_ann):
    pmec = Organization.objects.create(name="PMEC", org_type=OrgType.SUPPORT_CONTRACTOR)
    evaluator = user_with_role(Role.NLC_STAFF, pmec)
    role_grant(user=evaluator, role=Role.CMS_READ_ONLY)
    assert evaluator.organization.org_type == OrgType.SUPPORT_CONTRACTOR
    a3c = builders.submitted_a3c(ne_order, "ME", associate_ann)
    assert a3c in selectors.a3cs_for(evaluator)
    assert not evaluator.has_perm("qio_lifecycle.review_a3c", a3c)


def test_the_api_hands_the_task_order_over_and_refuses_a_non_cor(
        api_client, ne_order, cor_bob, cor_carol, associate_ann):
    api_client.force_authenticate(cor_bob)
    url = f"/api/lifecycle/task-orders/{ne_order.pk}/cors/"
    refused = api_client.post(url, {"cor": associate_ann.pk}, format="json")
    assert refused.status_code == 400
    assert "cor" in refused.json()["error"]["fields"]
    done = api_client.post(url, {"cor": cor_carol.pk, "alternate_cor": cor_bob.pk,
                                 "note": "Turnover."}, format="json")
    assert done.status_code == 200
    assert (done.json()["cor"], done.json()["alternate_cor"]) == (cor_carol.pk, cor_bob.pk)
