"""What every page of every app shares: the form idiom, the permission guard, and the one way
a view calls a service (its refusals become a message or form errors, never a 500).

    form = ThingForm(bound(request))
    if request.method == "POST" and form.is_valid():
        done = call_service(request, services.thing_update, form=form, thing=thing,
                            **form.cleaned_data)
        if done.ok:
            messages.success(request, "Saved.")
            return redirect(done.result)
    return render(request, "app/thing_form.html", {"form": form})

A button (a POST that goes back where it came from) is `run_action(...)`.
"""

from typing import Any, NamedTuple

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from qis_portal.workflow import WorkflowConflict, require_permission

PAGE_REFUSAL = "You do not have permission to open this page."


def bound(request):
    """Form data on POST (even an empty POST), None on GET: `request.POST or None` would
    leave a form whose fields are all optional unbound on an empty POST, and it would then
    be neither valid nor show an error. A file form takes `bound_files(request)` beside it."""
    return request.POST if request.method == "POST" else None


def bound_files(request):
    """Uploaded files on POST, None on GET. Django binds a form when *either* data or files
    is not None, so passing the (empty) `request.FILES` of a GET would bind the form: it
    would drop its initial values and show every required field as an error."""
    return request.FILES if request.method == "POST" else None


def require_perm(request, permission: str, obj=None, *, message: str = PAGE_REFUSAL,
                 action: str = "authz.refused") -> None:
    """The page's permission guard: 403 (one audited denial naming `obj`) unless the user
    holds `permission` on `obj` (None: the model-level check)."""
    require_permission(request.user, permission, obj, action=action, request=request,
                       message=message)


def errors_to_form(form, exc: ValidationError) -> None:
    """A service's ValidationError on the form: each message on its field, the rest on top."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, field_errors in errors.items():
        form.add_error(field if field in form.fields else None, field_errors)


def form_error_message(request, form) -> None:
    """A button's invalid form, said as one message naming each field (the page has no form
    to show the errors on)."""
    text = "; ".join(f"{form.fields[name].label if name in form.fields else 'Form'}: "
                     f"{' '.join(errors)}" for name, errors in form.errors.items())
    messages.error(request, text or "Check the form.")


class Outcome(NamedTuple):
    """What `call_service` gives back: `ok` and the service's `result`, or not ok, and
    `conflict` when the refusal was an illegal step (its reason is flashed)."""

    ok: bool
    result: Any = None
    conflict: bool = False


def call_service(request, service, /, *, form=None, **kwargs) -> Outcome:
    """Call `service(actor=request.user, request=request, **kwargs)`.

    A `WorkflowConflict` (409 in the API) is flashed as an error; a `ValidationError` lands on
    `form` (or is flashed when there is none). A permission refusal is not caught: it is the
    403 page, audited once."""
    try:
        return Outcome(True, service(actor=request.user, request=request, **kwargs))
    except WorkflowConflict as exc:
        messages.error(request, exc.message)
        return Outcome(False, conflict=True)
    except ValidationError as exc:
        if form is not None:
            errors_to_form(form, exc)
        else:
            messages.error(request, " ".join(exc.messages))
        return Outcome(False)


def run_action(request, redirect_to: str, service, success: str, /, **kwargs):
    """A button: call the service, flash `success` (or the refusal), go to `redirect_to`."""
    if call_service(request, service, **kwargs).ok and success:
        messages.success(request, success)
    return redirect(redirect_to)
