"""QAP: Aim → Sub-aim → Initiative → Intervention → Activity; read-only once approved; the
annual update is a new version; nursing homes need a multi-year training plan."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qio_program.lifecycle.models import Deliverable, QapInitiative, SubAim
from qio_program.lifecycle.services import assessment as pa_services
from qio_program.lifecycle.services import qap as services
from qio_program.lifecycle.services.contract import psa_target_set
from qis_portal.workflow import WorkflowConflict
from tests.lifecycle import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_pa(ne_order, maple, associate_ann, cor_bob, me_a3c, maple_psa):
    return pa_services.pa_approve(actor=cor_bob, assessment=builders.submitted_pa(
        ne_order, maple, associate_ann))


@pytest.fixture
def qap(ne_order, maple, associate_ann, approved_pa):
    return services.qap_create(actor=associate_ann, task_order=ne_order, provider=maple,
                               data=builders.QAP_FIELDS)


def test_a_qap_is_based_on_the_approved_provider_assessment(ne_order, maple, associate_ann,
                                                            me_a3c, maple_psa):
    with pytest.raises(WorkflowConflict, match="approved Provider Assessment"):
        services.qap_create(actor=associate_ann, task_order=ne_order, provider=maple)


def test_the_plan_is_a_tree_from_aim_to_activity(qap, associate_ann):
    builders.complete_qap(qap, associate_ann)
    initiative = qap.initiatives.get()
    assert initiative.sub_aim.aim.name == "Quality and patient safety"
    activity = initiative.interventions.get().activities.get()
    assert activity.title == "Weekly audit on each unit"


def test_submitting_needs_every_level_of_the_tree(qap, associate_ann):
    with pytest.raises(ValidationError, match="at least one initiative"):
        services.qap_submit(actor=associate_ann, qap=qap)
    initiative = services.qap_add_initiative(actor=associate_ann, qap=qap,
                                             sub_aim=SubAim.objects.get(code="F1.2"),
                                             title="Outbreak readiness")
    with pytest.raises(ValidationError, match="needs an intervention"):
        services.qap_submit(actor=associate_ann, qap=qap)
    services.qap_add_intervention(actor=associate_ann, initiative=initiative, title="Drills")
    with pytest.raises(ValidationError, match="needs an activity"):
        services.qap_submit(actor=associate_ann, qap=qap)


def test_a_nursing_home_needs_training_in_at_least_two_plan_years(qap, associate_ann):
    builders.complete_qap(qap, associate_ann, training_years=(1,))
    with pytest.raises(ValidationError, match="multi-year training plan"):
        services.qap_submit(actor=associate_ann, qap=qap)
    services.qap_add_training_item(actor=associate_ann, qap=qap, plan_year=2,
                                   audience="new_staff", topic="Onboarding")
    assert services.qap_submit(actor=associate_ann, qap=qap).status == "submitted"


def test_a_hospital_has_no_training_plan(ne_order, granite, gus, associate_ann, cor_bob):
    builders.approved_a3c(ne_order, "NH", associate_ann, cor_bob)
    builders.active_psa(ne_order, granite, associate_ann, gus)
    pa_services.pa_approve(actor=cor_bob, assessment=builders.submitted_pa(
        ne_order, granite, associate_ann))
    plan = services.qap_create(actor=associate_ann, task_order=ne_order, provider=granite,
                               data=builders.QAP_FIELDS)
    with pytest.raises(ValidationError, match="nursing homes"):
        services.qap_add_training_item(actor=associate_ann, qap=plan, plan_year=1,
                                       audience="new_staff", topic="x")
    builders.complete_qap(plan, associate_ann)
    assert services.qap_submit(actor=associate_ann, qap=plan).status == "submitted"


def test_an_approved_qap_is_read_only(qap, associate_ann, cor_bob):
    builders.complete_qap(qap, associate_ann)
    services.qap_approve(actor=cor_bob, qap=services.qap_submit(actor=associate_ann, qap=qap))
    initiative = QapInitiative.objects.get(qap=qap)
    refusals = [
        lambda: services.qap_update(actor=associate_ann, qap=qap, data={"deficiencies": "x"}),
        lambda: services.qap_add_initiative(actor=associate_ann, qap=qap, title="x",
                                            sub_aim=initiative.sub_aim),
        lambda: services.qap_add_intervention(actor=associate_ann, initiative=initiative,
                                              title="x"),
        lambda: services.qap_remove_item(actor=associate_ann, item=initiative),
    ]
    for refusal in refusals:
        with pytest.raises(WorkflowConflict, match="approved and read-only"):
            refusal()
    assert QapInitiative.objects.filter(qap=qap).count() == 1


def test_items_come_off_a_draft_with_everything_below_them(qap, associate_ann):
    builders.complete_qap(qap, associate_ann)
    services.qap_remove_item(actor=associate_ann, item=qap.initiatives.get())
    assert not qap.initiatives.exists()


def test_another_qio_cannot_touch_the_plan(qap, associate_wes):
    with pytest.raises(PermissionDenied):
        services.qap_add_initiative(actor=associate_wes, qap=qap, title="x",
                                    sub_aim=SubAim.objects.first())


def test_the_annual_update_copies_the_approved_plan(qap, associate_ann, cor_bob):
    builders.complete_qap(qap, associate_ann)
    v1 = services.qap_approve(actor=cor_bob,
                              qap=services.qap_submit(actor=associate_ann, qap=qap))
    v2 = services.qap_new_version(actor=associate_ann, qap=v1)
    assert (v2.version, v2.status, v2.previous) == (2, "draft", v1)
    tree = v2.initiatives.get().interventions.get().activities.get()
    assert tree.title == "Weekly audit on each unit"
    assert v2.training_items.count() == 2
    services.qap_remove_item(actor=associate_ann, item=v2.initiatives.get())
    assert v1.initiatives.count() == 1  # the approved version is untouched
    with pytest.raises(WorkflowConflict, match="approved latest QAP"):
        services.qap_new_version(actor=associate_ann, qap=v1)


def test_the_month_16_deliverable_is_delivered_when_every_targeted_provider_has_a_qap(
        ne_order, qap, associate_ann, cor_bob):
    psa_target_set(actor=cor_bob, task_order=ne_order, target=1)
    builders.complete_qap(qap, associate_ann)
    services.qap_submit(actor=associate_ann, qap=qap)
    first = Deliverable.objects.get(task_order=ne_order, kind="qap", sequence=1)
    assert first.delivered_at is not None
    assert Deliverable.objects.get(task_order=ne_order, kind="qap",
                                   sequence=2).delivered_at is None


def test_the_cor_returns_a_plan_with_comments(qap, associate_ann, cor_bob):
    builders.complete_qap(qap, associate_ann)
    submitted = services.qap_submit(actor=associate_ann, qap=qap)
    returned = services.qap_return(actor=cor_bob, qap=submitted, comments="Add equity data.")
    assert returned.status == "returned"
    services.qap_update(actor=associate_ann, qap=returned, data={"health_equity": "Data."})
