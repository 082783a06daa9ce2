"""Every workflow button: one POST view, and the buttons a user may press on a page."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from qio_program.lifecycle import selectors
from qio_program.lifecycle.choices import PesStatus, PsaStatus, ReviewStatus
from qio_program.lifecycle.services import a3c as a3c_services
from qio_program.lifecycle.services import assessment as pa_services
from qio_program.lifecycle.services import pes as pes_services
from qio_program.lifecycle.services import psa as psa_services
from qio_program.lifecycle.services import qap as qap_services
from qio_program.lifecycle.services import reports as report_services
from qis_portal.views.common import call_service


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    permission: str
    run: Callable  # (obj, actor, text, request) -> obj
    states: tuple[str, ...]
    text: tuple[str, str] | None = None  # (field name, label)
    secondary: bool = False
    done: str = "Done."
    latest_only: bool = False


def _review_actions(model: str, *, submit, approve, reject, new_version=None,
                    noun: str) -> list[Action]:
    change, review = f"qio_lifecycle.change_{model}", f"qio_lifecycle.review_{model}"
    actions = [
        Action("submit", "Submit to the COR", change, submit,
               (ReviewStatus.DRAFT, ReviewStatus.RETURNED), done=f"{noun} submitted to the COR."),
        Action("approve", "Approve", review, approve, (ReviewStatus.SUBMITTED,),
               text=("note", "Note (optional)"), done=f"{noun} approved."),
        Action("return", "Return with comments", review, reject, (ReviewStatus.SUBMITTED,),
               text=("comments", "Comments for the QIO"), secondary=True,
               done=f"{noun} returned to the QIO."),
    ]
    if new_version is not None:
        actions.append(Action("new-version", "Start the yearly update", change, new_version,
                              (ReviewStatus.APPROVED,), secondary=True, latest_only=True,
                              done="A new version was started from the approved one."))
    return actions


ACTIONS: dict[str, tuple[Callable, list[Action]]] = {
    "a3c": (selectors.a3cs_for, _review_actions(
        "a3c", noun="A3C",
        submit=lambda o, u, t, r: a3c_services.a3c_submit(actor=u, a3c=o, request=r),
        approve=lambda o, u, t, r: a3c_services.a3c_approve(actor=u, a3c=o, note=t, request=r),
        reject=lambda o, u, t, r: a3c_services.a3c_return(actor=u, a3c=o, comments=t,
                                                          request=r),
        new_version=lambda o, u, t, r: a3c_services.a3c_new_version(actor=u, a3c=o,
                                                                    request=r))),
    "pa": (selectors.assessments_for, _review_actions(
        "providerassessment", noun="Provider Assessment",
        submit=lambda o, u, t, r: pa_services.pa_submit(actor=u, assessment=o, request=r),
        approve=lambda o, u, t, r: pa_services.pa_approve(actor=u, assessment=o, note=t,
                                                          request=r),
        reject=lambda o, u, t, r: pa_services.pa_return(actor=u, assessment=o, comments=t,
                                                        request=r))),
    "qap": (selectors.qaps_for, _review_actions(
        "qualityactionplan", noun="Quality Action Plan",
        submit=lambda o, u, t, r: qap_services.qap_submit(actor=u, qap=o, request=r),
        approve=lambda o, u, t, r: qap_services.qap_approve(actor=u, qap=o, note=t, request=r),
        reject=lambda o, u, t, r: qap_services.qap_return(actor=u, qap=o, comments=t,
                                                          request=r),
        new_version=lambda o, u, t, r: qap_services.qap_new_version(actor=u, qap=o,
                                                                    request=r))),
    "report": (selectors.reports_for, _review_actions(
        "report", noun="Report",
        submit=lambda o, u, t, r: report_services.report_submit(actor=u, report=o, request=r),
        approve=lambda o, u, t, r: report_services.report_approve(actor=u, report=o, note=t,
                                                                  request=r),
        reject=lambda o, u, t, r: report_services.report_return(actor=u, report=o,
                                                                comments=t, request=r))),
    "template": (selectors.templates_for, _review_actions(
        "dashboardtemplate", noun="Dashboard template",
        submit=lambda o, u, t, r: report_services.template_submit(actor=u, template=o,
                                                                  request=r),
        approve=lambda o, u, t, r: report_services.template_approve(actor=u, template=o,
                                                                    note=t, request=r),
        reject=lambda o, u, t, r: report_services.template_return(actor=u, template=o,
                                                                  comments=t, request=r))),
    "pes": (selectors.pes_for, [
        Action("present", "Present to the provider for sign-off",
               "qio_lifecycle.change_providerengagementstrategy",
               lambda o, u, t, r: pes_services.pes_present(actor=u, pes=o, request=r),
               (PesStatus.DRAFT,), done="PES presented to the provider."),
        Action("sign", "Sign off", "qio_lifecycle.sign_providerengagementstrategy",
               lambda o, u, t, r: pes_services.pes_sign(actor=u, pes=o, request=r),
               (PesStatus.PRESENTED,), done="You signed off the engagement strategy."),
        Action("request-changes", "Ask for changes",
               "qio_lifecycle.sign_providerengagementstrategy",
               lambda o, u, t, r: pes_services.pes_request_changes(actor=u, pes=o,
                                                                   provider_input=t, request=r),
               (PesStatus.PRESENTED,), text=("provider_input", "Your input for the QIO"),
               secondary=True, done="Your input was sent to the QIO."),
        Action("reevaluate", "Start the 12-month re-evaluation",
               "qio_lifecycle.change_providerengagementstrategy",
               lambda o, u, t, r: pes_services.pes_reevaluate(actor=u, pes=o, request=r),
               (PesStatus.SIGNED,), secondary=True, latest_only=True,
               done="A new version was started for the re-evaluation."),
    ]),
    "psa": (selectors.psas_for, [
        Action("send", "Send to the provider for signature",
               "qio_lifecycle.change_providerserviceagreement",
               lambda o, u, t, r: psa_services.psa_send(actor=u, psa=o, request=r),
               (PsaStatus.DRAFT,), done="PSA sent to the provider."),
        Action("sign", "Sign the agreement", "qio_lifecycle.sign_providerserviceagreement",
               lambda o, u, t, r: psa_services.psa_sign(actor=u, psa=o, request=r),
               (PsaStatus.SENT,), done="You signed the service agreement; it is active."),
        Action("decline", "Ask for changes", "qio_lifecycle.sign_providerserviceagreement",
               lambda o, u, t, r: psa_services.psa_decline(actor=u, psa=o, comments=t,
                                                           request=r),
               (PsaStatus.SENT,), text=("comments", "What should change"), secondary=True,
               done="Your comments were sent to the QIO."),
        Action("terminate", "Terminate the agreement",
               "qio_lifecycle.terminate_providerserviceagreement",
               lambda o, u, t, r: psa_services.psa_terminate(actor=u, psa=o, reason=t,
                                                             request=r),
               (PsaStatus.ACTIVE,), text=("reason", "Reason for the termination"),
               secondary=True, done="PSA terminated; a task to recruit a replacement was "
                                    "added to the QIO's work basket."),
    ]),
}


def _is_latest(kind: str, obj) -> bool:
    model = type(obj)
    group = {"a3c": ("task_order_id", "state")}.get(kind, ("task_order_id", "provider_id"))
    latest = model.objects.filter(**{name: getattr(obj, name) for name in group}).first()
    return latest is not None and latest.pk == obj.pk


def available_actions(kind: str, obj, user) -> list[dict]:
    """The buttons `user` may press on `obj` now (each still re-checked by its service)."""
    result = []
    for action in ACTIONS[kind][1]:
        if obj.status not in action.states or not user.has_perm(action.permission, obj):
            continue
        if action.latest_only and not _is_latest(kind, obj):
            continue
        result.append({"name": action.name, "label": action.label, "text": action.text,
                       "secondary": action.secondary,
                       "url": reverse("lifecycle:act", args=[kind, obj.pk, action.name])})
    return result


@require_POST
def act(request, kind: str, pk: int, action: str):
    if kind not in ACTIONS:
        raise Http404
    queryset, actions = ACTIONS[kind]
    spec = next((item for item in actions if item.name == action), None)
    if spec is None:
        raise Http404
    obj = get_object_or_404(queryset(request.user), pk=pk)
    text = request.POST.get(spec.text[0], "")[:5000] if spec.text else ""
    done = call_service(request, lambda *, actor, request: spec.run(obj, actor, text, request))
    if not done.ok:
        return redirect(obj.get_absolute_url())
    messages.success(request, spec.done)
    return redirect(done.result.get_absolute_url())
