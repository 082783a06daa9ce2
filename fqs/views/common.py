"""What every FQS view shares: run a service, turn its refusals into messages or form errors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect

from qis_portal.workflow import WorkflowConflict


def require_perm(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied("You do not have permission to open this page.")


def errors_to_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def run_action(request, redirect_to: str, fn, success: str, form=None, **kwargs):
    """Call a service; on success flash `success` and redirect. A conflict (409 in the API) or
    invalid input is a message on the same page, never a 500. Returns None when `form` got the
    errors and the caller should re-render."""
    try:
        fn(actor=request.user, request=request, **kwargs)
    except WorkflowConflict as exc:
        messages.error(request, exc.message)
        return redirect(redirect_to)
    except ValidationError as exc:
        if form is not None:
            errors_to_form(form, exc)
            return None
        messages.error(request, " ".join(exc.messages))
        return redirect(redirect_to)
    except PermissionDenied:
        raise
    messages.success(request, success)
    return redirect(redirect_to)


def form_error_message(request, form) -> None:
    text = "; ".join(f"{form.fields[name].label if name in form.fields else 'Form'}: "
                     f"{' '.join(errors)}" for name, errors in form.errors.items())
    messages.error(request, text or "Check the form.")
