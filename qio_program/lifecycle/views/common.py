"""Helpers every lifecycle view uses: permission checks, service calls, the form page."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import reverse

from qis_portal.workflow import WorkflowConflict


def bound(request):
    """Form data on POST (even an empty POST), None on GET: `request.POST or None` would
    leave a form whose fields are all optional unbound on an empty POST."""
    return request.POST if request.method == "POST" else None


def require(request, permission: str, obj=None) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied("You do not have permission to do this.")


def call_service(request, fn: Callable, *, form=None):
    """Run a write service. A refusal becomes a message (409-style) or form errors; returns
    the service's result, or None when it refused."""
    try:
        return fn()
    except WorkflowConflict as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        if form is None:
            messages.error(request, " ".join(exc.messages))
        elif hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
    return None


def form_page(request, *, form, title: str, back_url: str, submit_label: str = "Save",
              intro: str = "", template: str = "lifecycle/form.html", **extra):
    if not back_url.startswith("/"):
        back_url = reverse(back_url)
    return render(request, template, {
        "form": form, "title": title, "back_url": back_url, "submit_label": submit_label,
        "intro": intro, **extra,
    })
