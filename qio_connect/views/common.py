"""What every QIO Connect page shares: the permission check, turning a service's refusal into
a message or form errors (never a 500), and the one-insert page-view record."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect

from qis_portal.workflow import WorkflowConflict

from ..services import page_view_record


def require_perm(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied("You do not have permission to open this page.")


def errors_to_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def attempt(http_request, form, fn, /, **kwargs):
    """Call a service for a form page. Returns (result, None) on success, or (None, response
    or None): a conflict is flashed and the caller redirects; invalid input lands on the form."""
    try:
        return fn(actor=http_request.user, **kwargs), None
    except WorkflowConflict as exc:
        messages.error(http_request, exc.message)
        return None, True
    except ValidationError as exc:
        errors_to_form(form, exc)
        return None, None


def run_action(http_request, redirect_to: str, fn, success: str, /, **kwargs):
    """Call a service for a button; success or refusal is a message on the page it came from.
    (Positional-only: a service's own `request=` keyword passes through.)"""
    try:
        fn(actor=http_request.user, **kwargs)
    except WorkflowConflict as exc:
        messages.error(http_request, exc.message)
    except ValidationError as exc:
        messages.error(http_request, " ".join(exc.messages))
    else:
        if success:
            messages.success(http_request, success)
    return redirect(redirect_to)


def form_error_message(request, form) -> None:
    text = "; ".join(f"{form.fields[name].label if name in form.fields else 'Form'}: "
                     f"{' '.join(errors)}" for name, errors in form.errors.items())
    messages.error(request, text or "Check the form.")


def record_view(request, label: str, **target) -> None:
    page_view_record(user=request.user, path=request.path, label=label, **target)


def int_param(request, name: str, default: int, low: int, high: int) -> int:
    """A bounded integer from the query string; anything else is the default (never a 500)."""
    raw = request.GET.get(name, "")
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return default
    return value if low <= value <= high else default
