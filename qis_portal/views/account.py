"""Account page: API tokens, and the Security Officer's regional assignment queue."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from qis_portal.forms import ApiTokenForm
from qis_portal.models import ApiToken, RoleAssignment
from qis_portal.selectors import assignments_for_officer
from qis_portal.services.accounts import role_assignment_decide
from qis_portal.services.tokens import api_token_create, api_token_revoke
from qis_portal.services.training import current_attestations
from qis_portal.views.common import bound, call_service, require_perm


def account(request):
    form = ApiTokenForm(bound(request))
    new_key = None
    if request.method == "POST" and form.is_valid():
        _, new_key = api_token_create(user=request.user, name=form.cleaned_data["name"],
                                      request=request)
        form = ApiTokenForm()
    return render(request, "account/account.html", {
        "form": form, "new_key": new_key,
        "tokens": request.user.api_tokens.all(),
    })


@require_POST
def token_revoke(request, token_id: int):
    try:
        token = api_token_revoke(user=request.user, token_id=token_id, request=request)
    except ApiToken.DoesNotExist as exc:
        raise Http404 from exc
    messages.success(request, f"Token “{token.name}” revoked; it no longer works.")
    return redirect("account")


def assignment_queue(request):
    require_perm(request, "qis_portal.view_roleassignment",
                 message="Only Security Officers review regional assignments.")
    assignments = list(assignments_for_officer(request.user))
    attested = current_attestations(assignments)  # what the officer weighs (seed 001)
    for assignment in assignments:
        assignment.training = attested.get((assignment.user_id, assignment.role))
    return render(request, "account/assignments.html", {"assignments": assignments})


@require_POST
def assignment_decide(request, assignment_id: int):
    if not assignments_for_officer(request.user).filter(pk=assignment_id).exists():
        raise Http404
    done = call_service(request, role_assignment_decide, assignment_id=assignment_id,
                        approve=request.POST.get("decision") == "approve",
                        note=request.POST.get("note", ""))
    if done.ok:
        assignment = done.result
        verdict = ("approved" if assignment.status == RoleAssignment.Status.APPROVED
                   else "rejected")
        messages.success(request,
                         f"{assignment.user.email}: {assignment.get_role_display()} {verdict}.")
    return redirect("assignment_queue")
