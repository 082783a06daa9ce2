"""What every QPP view shares: permission checks, and a service call whose refusals become a
message or form errors (never a 500)."""

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


def call_service(request, fn, *, form=None, **kwargs):
    """Run a service. Returns (result, None) on success, or (None, response-or-None) on a
    refusal: a conflict redirects back with its reason; invalid input lands on `form`."""
    try:
        return fn(actor=request.user, request=request, **kwargs), None
    except WorkflowConflict as exc:
        messages.error(request, exc.message)
        return None, redirect(request.path)
    except ValidationError as exc:
        if form is not None:
            errors_to_form(form, exc)
            return None, None
        messages.error(request, " ".join(exc.messages))
        return None, redirect(request.path)
