"""A3C: per state of the region, submitted to the COR, approved or returned, yearly versions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qio_program.lifecycle.models import A3C, Deliverable
from qio_program.lifecycle.services import a3c as services
from qis_portal.models import AuditEvent, Notification
from qis_portal.workflow import WorkflowConflict
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db


def test_an_a3c_starts_with_a_focus_area_for_every_sub_aim(ne_order, associate_ann):
    a3c = services.a3c_create(actor=associate_ann, task_order=ne_order, state="ME")
    codes = set(a3c.focus_areas.values_list("sub_aim__code", flat=True))
    assert {"F1.1", "F1.4", "C2.1"} <= codes  # QMI sub-aims from the seed's own text
    assert a3c.status == "draft" and a3c.version == 1


def test_a_state_outside_the_region_is_refused(ne_order, associate_ann):
    with pytest.raises(ValidationError, match="not a state or territory"):
        services.a3c_create(actor=associate_ann, task_order=ne_order, state="CA")


def test_a_second_a3c_for_a_state_is_refused(ne_order, associate_ann):
    services.a3c_create(actor=associate_ann, task_order=ne_order, state="ME")
    with pytest.raises(WorkflowConflict, match="already exists"):
        services.a3c_create(actor=associate_ann, task_order=ne_order, state="ME")


def test_another_qio_cannot_start_or_edit_our_a3c(ne_order, associate_ann, associate_wes):
    with pytest.raises(PermissionDenied):
        services.a3c_create(actor=associate_wes, task_order=ne_order, state="ME")
    a3c = services.a3c_create(actor=associate_ann, task_order=ne_order, state="ME")
    with pytest.raises(PermissionDenied):
        services.a3c_update(actor=associate_wes, a3c=a3c, scans={"quality_scan": "x"})


def test_submitting_needs_the_four_scans_and_every_focus_area(ne_order, associate_ann):
    a3c = services.a3c_create(actor=associate_ann, task_order=ne_order, state="ME")
    with pytest.raises(ValidationError) as refused:
        services.a3c_submit(actor=associate_ann, a3c=a3c)
    assert set(refused.value.message_dict) == {"general_assessment", "healthcare_scan",
                                               "quality_scan", "partner_scan"}
    services.a3c_update(actor=associate_ann, a3c=a3c, scans=builders.SCANS)
    with pytest.raises(ValidationError, match="QIO role and its rationale"):
        services.a3c_submit(actor=associate_ann, a3c=a3c)
    a3c.refresh_from_db()
    assert a3c.status == "draft"


def test_an_unknown_qio_role_is_refused(ne_order, associate_ann):
    a3c = services.a3c_create(actor=associate_ann, task_order=ne_order, state="ME")
    sub_aim_id = a3c.focus_areas.first().sub_aim_id
    with pytest.raises(ValidationError):
        services.a3c_update(actor=associate_ann, a3c=a3c, scans={},
                            focus_areas={sub_aim_id: {"qio_role": "lead"}})


def test_submitting_delivers_the_month_9_deliverable_and_tells_the_cors(
        ne_order, associate_ann, cor_bob, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a3c = builders.submitted_a3c(ne_order, "ME", associate_ann)
    assert a3c.status == "submitted" and a3c.submitted_by == associate_ann
    deliverable = Deliverable.objects.get(task_order=ne_order, kind="a3c", state="ME",
                                          sequence=1)
    assert deliverable.delivered_at is not None
    assert Notification.objects.filter(recipient=cor_bob,
                                       kind="lifecycle.awaiting_approval").exists()


def test_the_cor_approves_and_the_qio_is_told(ne_order, associate_ann, cor_bob,
                                              django_capture_on_commit_callbacks):
    a3c = builders.submitted_a3c(ne_order, "ME", associate_ann)
    with django_capture_on_commit_callbacks(execute=True):
        approved = services.a3c_approve(actor=cor_bob, a3c=a3c, note="Fine.")
    assert approved.status == "approved" and approved.decided_by == cor_bob
    assert Notification.objects.filter(recipient=associate_ann, kind="lifecycle.decision",
                                       title__contains="approved").exists()
    event = AuditEvent.objects.get(action="a3c.approve")
    assert (event.from_state, event.to_state) == ("submitted", "approved")


def test_only_a_cor_approves(ne_order, associate_ann, readonly_pat):
    a3c = builders.submitted_a3c(ne_order, "ME", associate_ann)
    for actor in (associate_ann, readonly_pat):
        with pytest.raises(PermissionDenied):
            services.a3c_approve(actor=actor, a3c=a3c)
    assert AuditEvent.objects.filter(action="a3c.approve", outcome="denied").count() == 2


def test_a_draft_cannot_be_approved(ne_order, associate_ann, cor_bob):
    a3c = services.a3c_create(actor=associate_ann, task_order=ne_order, state="ME")
    with pytest.raises(WorkflowConflict, match="Cannot approve: the A3C is draft"):
        services.a3c_approve(actor=cor_bob, a3c=a3c)


def test_returning_needs_comments_then_the_qio_edits_and_resubmits(ne_order, associate_ann,
                                                                  cor_bob):
    a3c = builders.submitted_a3c(ne_order, "ME", associate_ann)
    with pytest.raises(ValidationError):
        services.a3c_return(actor=cor_bob, a3c=a3c, comments="  ")
    returned = services.a3c_return(actor=cor_bob, a3c=a3c, comments="Add the partner scan.")
    assert returned.status == "returned" and returned.cor_comments == "Add the partner scan."
    services.a3c_update(actor=associate_ann, a3c=returned, scans={"partner_scan": "More."})
    assert services.a3c_submit(actor=associate_ann, a3c=returned).status == "submitted"


def test_a_submitted_or_approved_a3c_is_read_only(ne_order, associate_ann, cor_bob):
    a3c = builders.submitted_a3c(ne_order, "ME", associate_ann)
    with pytest.raises(WorkflowConflict, match="with the COR"):
        services.a3c_update(actor=associate_ann, a3c=a3c, scans={"quality_scan": "x"})
    services.a3c_approve(actor=cor_bob, a3c=a3c)
    with pytest.raises(WorkflowConflict, match="approved and read-only"):
        services.a3c_update(actor=associate_ann, a3c=a3c, scans={"quality_scan": "x"})


def test_the_yearly_update_is_a_new_version_and_the_old_stays_readable(
        ne_order, associate_ann, cor_bob):
    v1 = builders.approved_a3c(ne_order, "ME", associate_ann, cor_bob)
    v2 = services.a3c_new_version(actor=associate_ann, a3c=v1)
    assert (v2.version, v2.status, v2.previous) == (2, "draft", v1)
    assert v2.quality_scan == v1.quality_scan
    assert v2.focus_areas.count() == v1.focus_areas.count()
    assert all(area.is_complete for area in v2.focus_areas.all())
    v1.refresh_from_db()
    assert v1.status == "approved"
    with pytest.raises(WorkflowConflict, match="Version 2 is the latest"):
        services.a3c_new_version(actor=associate_ann, a3c=v1)
    services.a3c_submit(actor=associate_ann, a3c=v2)
    update = Deliverable.objects.get(task_order=ne_order, kind="a3c", state="ME", sequence=2)
    assert update.delivered_at is not None and "annual update 1" in update.title


def test_only_an_approved_a3c_can_be_updated(ne_order, associate_ann):
    a3c = builders.submitted_a3c(ne_order, "ME", associate_ann)
    with pytest.raises(WorkflowConflict, match="Only an approved A3C"):
        services.a3c_new_version(actor=associate_ann, a3c=a3c)


def test_versions_stay_unique_per_state(ne_order, associate_ann, cor_bob):
    v1 = builders.approved_a3c(ne_order, "ME", associate_ann, cor_bob)
    services.a3c_new_version(actor=associate_ann, a3c=v1)
    assert list(A3C.objects.filter(state="ME").values_list("version", flat=True)) == [2, 1]
