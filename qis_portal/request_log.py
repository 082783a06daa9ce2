"""One structured log line per request, and the request id that ties lines together.

`RequestLogMiddleware` (first in MIDDLEWARE) takes the caller's X-Request-ID when it is a
sane token (a load balancer's id), or makes one; echoes it on the response; and logs one
record on `qis_portal.requests` with the request id, user id, route, method, status and
duration. `JsonFormatter` writes any record as one JSON line with those fields;
`RequestIdFilter` stamps every other record logged during the request with its id.
"""

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

logger = logging.getLogger("qis_portal.requests")
current_request_id: ContextVar[str] = ContextVar("current_request_id", default="")
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
FIELDS = ("request_id", "user_id", "method", "route", "path", "status", "duration_ms")


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""  # no route matched (a 404), or a middleware answered first
    return match.route or match.view_name or ""


def _user_id(request):
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SANE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            level = (logging.ERROR if response.status_code >= 500 else
                     logging.WARNING if response.status_code >= 400 else logging.INFO)
            # This line replaces django.request's "Not Found: /x" for the same response (an
            # uncaught exception still gets its traceback logged, with the request id).
            response._has_been_logged = True
            logger.log(level, "%s %s %s", request.method, request.path, response.status_code,
                       extra={
                           "request_id": request_id, "user_id": _user_id(request),
                           "method": request.method, "route": _route(request),
                           "path": request.path, "status": response.status_code,
                           "duration_ms": round((time.monotonic() - started) * 1000, 1)})
            return response
        finally:
            current_request_id.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not getattr(record, "request_id", ""):
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(),
                "level": record.levelname, "logger": record.name,
                "message": record.getMessage()}
        for field in FIELDS:
            value = getattr(record, field, None)
            if value not in (None, ""):
                line[field] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)
