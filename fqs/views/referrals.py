"""FQS referral pages: assignment, launch, initiation, QAP, execution, sprint requests."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fqs import selectors, services, sprint
from fqs.forms import (
    ApproveForm,
    AssignForm,
    InitiationForm,
    InterventionForm,
    MedicareVerificationForm,
    OutcomeForm,
    ProviderCreateForm,
    QapForm,
    RejectForm,
    SprintRequestForm,
)
from fqs.models import Referral, SprintRequest
from fqs.services.closeout import undecided
from fqs.services.verifications import medicare_unverified_reason
from qis_portal.views.common import (
    bound,
    bound_files,
    call_service,
    form_error_message,
    require_perm,
    run_action,
)


def _get(request, pk: int) -> Referral:
    referral = get_object_or_404(selectors.referrals_for_user(request.user), pk=pk)
    require_perm(request, "fqs.view_referral", referral)
    return referral


def _url(pk: int) -> str:
    return f"/fqs/referrals/{pk}/"


def referral_list(request):
    require_perm(request, "fqs.view_referral")
    rows = selectors.referrals_for_user(request.user)
    status = request.GET.get("status", "")
    if status in Referral.Status.values:
        rows = rows.filter(status=status)
    if request.GET.get("mine") == "1":
        rows = rows.filter(assigned_to=request.user)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    page.object_list = selectors.with_days_left(page.object_list)
    return render(request, "fqs/referral_list.html", {
        "page": page, "status": status, "statuses": Referral.Status.choices,
        "query": f"status={status}" if status else "",
    })


def referral_detail(request, pk: int):
    referral = _get(request, pk)
    user = request.user
    status = referral.status
    can_work = user.has_perm("fqs.work_referral", referral)
    sprint_requests = referral.sprint_requests.select_related("requested_by", "decided_by")
    today = sprint.today()
    unverified = medicare_unverified_reason(referral.provider)
    held_open = (
        [row.get_kind_display().lower() for row in undecided(referral)]
        if status in Referral.RUNNING and referral.sprint_end and referral.sprint_end <= today
        else [])
    return render(request, "fqs/referral_detail.html", {
        "obj": referral,
        "days_left": referral.days_left(today),
        "held_open": held_open,
        "can_assign": (status in (Referral.Status.QUEUED, Referral.Status.ASSIGNED)
                       and user.has_perm("fqs.assign_referral", referral)),
        "assign_form": AssignForm(associates=selectors.associates_of(referral.organization),
                                  initial={"assignee": referral.assigned_to_id}),
        "can_launch": status == Referral.Status.ASSIGNED and can_work,
        "can_create_provider": (referral.provider_id is None and status != Referral.Status.CLOSED
                                and user.has_perm("fqs.create_provider", referral)),
        "medicare_unverified": unverified,
        "verification_form": (MedicareVerificationForm()
                              if unverified and referral.provider_id
                              and status != Referral.Status.CLOSED
                              and user.has_perm("fqs.create_provider", referral) else None),
        "verifications": (selectors.medicare_verifications_for(user).filter(
            provider_id=referral.provider_id) if referral.provider_id else []),
        "initiation_form": (InitiationForm(initial=_values(referral, InitiationForm))
                            if status == Referral.Status.INITIATION and can_work else None),
        "qap_form": (QapForm(initial=_values(referral, QapForm))
                     if status == Referral.Status.QAP and can_work else None),
        "execution_forms": ({"intervention": InterventionForm(), "outcome": OutcomeForm()}
                            if status == Referral.Status.EXECUTION and can_work else None),
        "can_request": (status in Referral.LAUNCHED
                        and user.has_perm("fqs.add_sprintrequest", referral)),
        "can_resume": (status == Referral.Status.ON_HOLD
                       and user.has_perm("fqs.resume_referral", referral)),
        "can_decide": user.has_perm("fqs.decide_sprintrequest"),
        "sprint_requests": sprint_requests,
        "approve_form": ApproveForm(), "reject_form": RejectForm(),
        "outcomes": referral.outcomes.select_related("referral__activation_provider"),
        "interventions": referral.interventions.all(),
    })


def _values(referral: Referral, form_class) -> dict:
    return {name: getattr(referral, name) for name in form_class.base_fields}


@require_POST
def referral_assign(request, pk: int):
    referral = _get(request, pk)
    form = AssignForm(request.POST, associates=selectors.associates_of(referral.organization))
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(_url(pk))
    return run_action(request, _url(pk), services.referral_assign, "Referral assigned.",
                      referral=referral, assignee=form.cleaned_data["assignee"])


@require_POST
def referral_launch(request, pk: int):
    referral = _get(request, pk)
    return run_action(request, _url(pk), services.referral_launch,
                      "FQS launched: the sprint has started.", referral=referral)


def _save_then_maybe_complete(request, pk, referral, form, update, complete, saved, completed):
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(_url(pk))
    if call_service(request, update, referral=referral, data=form.cleaned_data).ok:
        if request.POST.get("action") != "complete":
            messages.success(request, saved)
        elif call_service(request, complete, referral=referral).ok:
            messages.success(request, completed)
    return redirect(_url(pk))


@require_POST
def referral_initiation(request, pk: int):
    referral = _get(request, pk)
    return _save_then_maybe_complete(
        request, pk, referral, InitiationForm(request.POST), services.referral_initiation_update,
        services.referral_complete_initiation, "Initiation saved.",
        "Initiation complete: the QAP agreement comes next.")


@require_POST
def referral_qap(request, pk: int):
    referral = _get(request, pk)
    return _save_then_maybe_complete(
        request, pk, referral, QapForm(request.POST), services.referral_qap_update,
        services.referral_agree_qap, "QAP saved.",
        "QAP agreed: execution has started.")


@require_POST
def referral_intervention(request, pk: int):
    referral = _get(request, pk)
    form = InterventionForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(_url(pk))
    return run_action(request, _url(pk), services.referral_intervention_add,
                      "Intervention recorded.", referral=referral, **form.cleaned_data)


@require_POST
def referral_outcome(request, pk: int):
    referral = _get(request, pk)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(_url(pk))
    return run_action(request, _url(pk), services.referral_outcome_add, "Outcome recorded.",
                      referral=referral, **form.cleaned_data)


@require_POST
def referral_resume(request, pk: int):
    referral = _get(request, pk)
    return run_action(request, _url(pk), services.referral_resume,
                      "Referral resumed; the end date moved by the days on hold.",
                      referral=referral)


def referral_provider_create(request, pk: int):
    referral = _get(request, pk)
    require_perm(request, "fqs.create_provider", referral)
    row = referral.activation_provider
    form = ProviderCreateForm(bound(request), bound_files(request), initial={
        "name": row.facility_name, "ccn": row.facility_ccn, "state": row.facility_state})
    if request.method == "POST" and form.is_valid():
        done = call_service(request, services.referral_provider_create, form=form,
                            referral=referral, **form.cleaned_data)
        if done.ok or done.conflict:
            if done.ok:
                messages.success(request, "Provider created in the directory with its "
                                          "verified Medicare certification.")
            return redirect(_url(pk))
    return render(request, "fqs/provider_form.html", {"obj": referral, "form": form})


@require_POST
def referral_verify_medicare(request, pk: int):
    referral = _get(request, pk)
    form = MedicareVerificationForm(request.POST, request.FILES)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(_url(pk))
    return run_action(request, _url(pk), services.referral_verify_medicare,
                      "Medicare certification verification recorded.", referral=referral,
                      **form.cleaned_data)


def sprint_request_new(request, pk: int):
    referral = _get(request, pk)
    require_perm(request, "fqs.add_sprintrequest", referral)
    form = SprintRequestForm(bound(request), initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        done = call_service(request, services.sprint_request_create, form=form,
                            referral=referral, **form.cleaned_data)
        if done.ok or done.conflict:
            if done.ok:
                messages.success(request, "Request submitted to the COR.")
            return redirect(_url(pk))
    return render(request, "fqs/sprint_request_form.html", {"obj": referral, "form": form})


def _get_sprint_request(request, pk: int) -> SprintRequest:
    row = get_object_or_404(selectors.sprint_requests_for_user(request.user), pk=pk)
    require_perm(request, "fqs.view_sprintrequest", row)
    return row


@require_POST
def sprint_request_approve(request, pk: int):
    row = _get_sprint_request(request, pk)
    form = ApproveForm(request.POST)
    form.is_valid()
    return run_action(request, _url(row.referral_id), services.sprint_request_approve,
                      f"{row.get_kind_display()} approved.", sprint_request=row,
                      note=form.cleaned_data.get("note", ""))


@require_POST
def sprint_request_reject(request, pk: int):
    row = _get_sprint_request(request, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
        return redirect(_url(row.referral_id))
    return run_action(request, _url(row.referral_id), services.sprint_request_reject,
                      f"{row.get_kind_display()} rejected.", sprint_request=row,
                      reason=form.cleaned_data["reason"])


@require_POST
def sprint_request_withdraw(request, pk: int):
    row = _get_sprint_request(request, pk)
    return run_action(request, _url(row.referral_id), services.sprint_request_withdraw,
                      "Request withdrawn.", sprint_request=row)


