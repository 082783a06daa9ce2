"""One error body for the whole API: {"error": {"code", "message", "fields"}}.

Every refusal under /api/ takes this shape: DRF's exceptions through `portal_exception_handler`,
and what happens before or outside a view (an unknown route, a body over the size limit, a
server error) through `api_error_response`, which the portal's handler404/400/500 call.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from qis_portal.api_exceptions import PayloadTooLarge
from qis_portal.permissions import audit_refusal
from qis_portal.workflow import WorkflowConflict

API_PREFIX = "/api/"


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def is_api_request(request) -> bool:
    return request is not None and request.path.startswith(API_PREFIX)


def api_error_response(code: str, message: str, status_code: int) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=status_code)


def _flatten(detail) -> dict:
    if isinstance(detail, dict):
        return {key: [str(item) for item in (value if isinstance(value, list) else [value])]
                for key, value in detail.items()}
    return {"non_field_errors": [str(item) for item in detail]} if isinstance(detail, list) else {}


def portal_exception_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, WorkflowConflict):
        body = error_body("conflict", exc.message, {"status": [exc.current_state]}
                          if exc.current_state else {})
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        fields = (exc.message_dict if hasattr(exc, "error_dict")
                  else {"non_field_errors": exc.messages})
        return Response(error_body("invalid", "The request has invalid fields.", fields),
                        status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    original = exc
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, exceptions.PermissionDenied) and request is not None:
        audit_refusal(request, str(exc.detail), original)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = error_body("invalid", "The request has invalid fields.",
                                   _flatten(exc.detail))
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        response.data = error_body(code if isinstance(code, str) else "error", str(detail))
    return response
