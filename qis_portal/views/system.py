"""Health check and error pages (generic: never a traceback).

Under /api/ each error handler answers the API's one error body instead of a page, so an
unknown route, a body over the size limit or a server error keeps the documented shape."""

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import render
from django.views import defaults

from qis_portal.api_errors import api_error_response, is_api_request
from qis_portal.api_exceptions import TOO_LARGE
from qis_portal.permissions import audit_refusal
from qis_portal.services.health import health_report


def health(request):
    """200 when the database, the broker and a worker are all there; 503 naming what failed."""
    healthy, report = health_report()
    response = JsonResponse(report, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception=None):
    if not is_api_request(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return api_error_response("too_large", TOO_LARGE, 413)
    return api_error_response("bad_request", "The request could not be understood.", 400)


def permission_denied(request, exception=None):
    reason = str(exception) if exception else ""
    audit_refusal(request, reason, exception)
    if is_api_request(request):
        return api_error_response("permission_denied",
                                  reason or "You do not have permission to do this.", 403)
    return render(request, "errors/403.html", {"reason": reason}, status=403)


def page_not_found(request, exception=None):
    if is_api_request(request):
        return api_error_response("not_found", "There is no such API route.", 404)
    return render(request, "errors/404.html", status=404)


def server_error(request):
    if is_api_request(request):
        return api_error_response("server_error", "The portal could not answer; the error "
                                                  "is logged. Try again later.", 500)
    return render(request, "errors/500.html", status=500)
