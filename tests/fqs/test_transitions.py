"""Every transition, allowed and refused, per role and per state (table-driven)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied

from fqs import services
from fqs.models import Activation, FqsRequest, Referral, SprintRequest, Survey
from qis_portal.models import AuditEvent, Notification
from qis_portal.workflow import WorkflowConflict

pytestmark = pytest.mark.django_db

ROLES = ["outsider", "intake", "fay", "cor", "readonly", "manager", "associate", "ned",
         "west_manager", "wes", "pia"]


@pytest.fixture
def people(world, readonly_pat, associate_ned, manager_west, associate_wes, provider_pia):
    world.p.update({"readonly": readonly_pat, "ned": associate_ned,
                    "west_manager": manager_west, "wes": associate_wes, "pia": provider_pia})
    return world.p


@dataclass
class Step:
    name: str
    setup: Callable  # world -> object
    run: Callable  # (object, actor, world) -> object
    allowed: set
    to_state: str


def _survey(world):
    return Survey.objects.get(referral=world.referral(Referral.Status.CLOSED))


STEPS = [
    Step("request approve", lambda w: w.reviewed_request(),
         lambda o, a, w: services.fqs_request_approve(fqs_request=o, actor=a),
         {"intake"}, FqsRequest.Status.FQS_ACTIVATION),
    Step("request reject", lambda w: w.request(),
         lambda o, a, w: services.fqs_request_reject(fqs_request=o, actor=a, reason="Not urgent"),
         {"intake"}, FqsRequest.Status.REJECTED),
    Step("activation submit", lambda w: w.activation(),
         lambda o, a, w: services.activation_submit(activation=o, actor=a),
         {"fay"}, Activation.Status.PENDING_COR),
    Step("activation approve", lambda w: w.pending_activation(),
         lambda o, a, w: services.activation_approve(activation=o, actor=a),
         {"cor"}, Activation.Status.DEPLOYED),
    Step("activation reject", lambda w: w.pending_activation(),
         lambda o, a, w: services.activation_reject(activation=o, actor=a, reason="Out of scope"),
         {"cor"}, Activation.Status.REJECTED),
    Step("referral assign", lambda w: w.referral(Referral.Status.QUEUED),
         lambda o, a, w: services.referral_assign(referral=o, actor=a,
                                                  assignee=w.p["associate"]),
         {"manager"}, Referral.Status.ASSIGNED),
    Step("referral launch", lambda w: w.referral(Referral.Status.ASSIGNED),
         lambda o, a, w: services.referral_launch(referral=o, actor=a),
         {"associate"}, Referral.Status.INITIATION),
    Step("referral complete initiation", lambda w: _with_initiation(w),
         lambda o, a, w: services.referral_complete_initiation(referral=o, actor=a),
         {"associate"}, Referral.Status.QAP),
    Step("referral agree qap", lambda w: _with_qap(w),
         lambda o, a, w: services.referral_agree_qap(referral=o, actor=a),
         {"associate"}, Referral.Status.EXECUTION),
    Step("referral resume", lambda w: w.referral(Referral.Status.ON_HOLD),
         lambda o, a, w: services.referral_resume(referral=o, actor=a),
         {"associate", "manager", "cor"}, Referral.Status.EXECUTION),
    Step("sprint request create", lambda w: w.referral(Referral.Status.INITIATION),
         lambda o, a, w: services.sprint_request_create(
             referral=o, actor=a, kind="extension", justification="More time"),
         {"associate", "manager"}, SprintRequest.Status.PENDING),
    Step("sprint request approve",
         lambda w: w.sprint_request(w.referral(Referral.Status.INITIATION), "extension"),
         lambda o, a, w: services.sprint_request_approve(sprint_request=o, actor=a),
         {"cor"}, SprintRequest.Status.APPROVED),
    Step("sprint request reject",
         lambda w: w.sprint_request(w.referral(Referral.Status.INITIATION), "hold"),
         lambda o, a, w: services.sprint_request_reject(sprint_request=o, actor=a,
                                                        reason="Keep going"),
         {"cor"}, SprintRequest.Status.REJECTED),
    Step("sprint request withdraw",
         lambda w: w.sprint_request(w.referral(Referral.Status.INITIATION), "closeout"),
         lambda o, a, w: services.sprint_request_withdraw(sprint_request=o, actor=a),
         {"associate"}, SprintRequest.Status.WITHDRAWN),
    Step("survey answer", _survey,
         lambda o, a, w: services.survey_answer(survey=o, actor=a, overall_satisfaction=5,
                                                issue_resolved=True, would_recommend=True),
         {"pia"}, Survey.Status.ANSWERED),
]


def _with_initiation(world):
    from datetime import date

    referral = world.referral(Referral.Status.INITIATION)
    return services.referral_initiation_update(referral=referral, actor=world.p["associate"],
                                               data={"provider_engaged_on": date(2020, 1, 1),
                                                     "root_causes": "Staff turnover",
                                                     "action_plans": "Rounds",
                                                     "baseline_metrics": "62.5"})


def _with_qap(world):
    from datetime import date

    referral = world.referral(Referral.Status.QAP)
    return services.referral_qap_update(referral=referral, actor=world.p["associate"],
                                        data={"planned_interventions": "Coaching",
                                              "sustainability_plan": "IC lead",
                                              "qap_agreed_on": date(2020, 1, 2)})


CASES = [(step, role) for step in STEPS for role in ROLES]


@pytest.mark.parametrize(("step", "role"), CASES,
                         ids=[f"{s.name}-{r}" for s, r in CASES])
def test_each_transition_is_allowed_only_to_its_roles(step, role, world, people,
                                                      django_capture_on_commit_callbacks):
    obj = step.setup(world)
    actor = people[role]
    if role in step.allowed:
        with django_capture_on_commit_callbacks(execute=True):
            result = step.run(obj, actor, world)
        assert result.status == step.to_state
        audit = AuditEvent.objects.filter(actor=actor, outcome="success",
                                          target_type=result._meta.label_lower,
                                          target_id=str(result.pk)).order_by("-id").first()
        assert audit is not None and audit.to_state == step.to_state
        assert Notification.objects.filter(kind__startswith="fqs.").exists()
    else:
        before = type(obj).objects.get(pk=obj.pk).status
        with pytest.raises(PermissionDenied):
            step.run(obj, actor, world)
        assert type(obj).objects.get(pk=obj.pk).status == before
        assert AuditEvent.objects.filter(actor=actor, outcome="denied").exists()


REFUSED_STATES = [
    ("request approve", "intake", lambda w: services.fqs_request_reject(
        fqs_request=w.reviewed_request(), actor=w.p["intake"], reason="No")),
    ("request reject", "intake", lambda w: services.fqs_request_approve(
        fqs_request=w.reviewed_request(), actor=w.p["intake"])),
    ("activation submit", "fay", lambda w: w.pending_activation()),
    ("activation approve", "cor", lambda w: w.activation()),
    ("activation approve", "cor", lambda w: services.activation_approve(
        activation=w.pending_activation(), actor=w.p["cor"])),
    ("activation reject", "cor", lambda w: services.activation_reject(
        activation=w.pending_activation(), actor=w.p["cor"], reason="No")),
    ("referral assign", "manager", lambda w: w.referral(Referral.Status.INITIATION)),
    ("referral assign", "manager", lambda w: w.referral(Referral.Status.CLOSED)),
    ("referral launch", "associate", lambda w: w.referral(Referral.Status.INITIATION)),
    ("referral launch", "associate", lambda w: w.referral(Referral.Status.CLOSED)),
    ("referral complete initiation", "associate", lambda w: w.referral(Referral.Status.QAP)),
    ("referral agree qap", "associate", lambda w: w.referral(Referral.Status.INITIATION)),
    ("referral agree qap", "associate", lambda w: w.referral(Referral.Status.EXECUTION)),
    ("referral resume", "associate", lambda w: w.referral(Referral.Status.EXECUTION)),
    ("sprint request create", "associate", lambda w: w.referral(Referral.Status.ASSIGNED)),
    ("sprint request create", "associate", lambda w: w.referral(Referral.Status.CLOSED)),
    ("sprint request approve", "cor", lambda w: services.sprint_request_reject(
        sprint_request=w.sprint_request(w.referral(Referral.Status.INITIATION), "extension"),
        actor=w.p["cor"], reason="No")),
    ("sprint request reject", "cor", lambda w: services.sprint_request_approve(
        sprint_request=w.sprint_request(w.referral(Referral.Status.INITIATION), "hold"),
        actor=w.p["cor"])),
    ("sprint request withdraw", "associate", lambda w: services.sprint_request_approve(
        sprint_request=w.sprint_request(w.referral(Referral.Status.INITIATION), "closeout"),
        actor=w.p["cor"])),
    ("survey answer", "pia", lambda w: services.survey_answer(
        survey=_survey(w), actor=w.p["pia"], overall_satisfaction=4, issue_resolved=True,
        would_recommend=False)),
]


@pytest.mark.parametrize(("name", "role", "setup"), REFUSED_STATES,
                         ids=[f"{n}-from-wrong-state-{i}" for i, (n, _, __) in
                              enumerate(REFUSED_STATES)])
def test_a_step_from_the_wrong_state_is_refused_with_a_reason(name, role, setup, world,
                                                              people):
    step = next(s for s in STEPS if s.name == name)
    obj = setup(world)
    before = type(obj).objects.get(pk=obj.pk).status
    with pytest.raises(WorkflowConflict) as exc:
        step.run(obj, people[role], world)
    assert exc.value.message
    assert type(obj).objects.get(pk=obj.pk).status == before


def test_the_state_field_cannot_be_assigned_directly(world):
    referral = world.referral()
    with pytest.raises(AttributeError):
        referral.status = Referral.Status.CLOSED
