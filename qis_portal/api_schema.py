"""The OpenAPI document declares every error each operation can answer, with one Error body.

`PortalAutoSchema` adds, to each operation's own success responses, the refusals the portal's
shared machinery can give it (qis_portal.api_errors renders them all as `Error`):

- every operation: 401 (no or a bad token), 403 (a permission, a second factor, a locked
  account) and 429 (the burst limit, with Retry-After);
- 400 when it takes query parameters or a body, 404 when it has path parameters (another
  tenant's object is a 404 too) or a pagination cursor (a forged cursor is a 404);
- 400, 404 and 409 for every unsafe method (a step's precondition, an object the body names
  that the user cannot see, an illegal workflow step or a stale version);
- 413 and 415 when it takes a body.
"""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

ERROR_DESCRIPTIONS = {
    "400": "Invalid input: each bad field or parameter with its messages.",
    "401": "Not signed in: no token, or a wrong, revoked or expired one.",
    "403": "Refused: the user may not do this (or must verify a second factor first).",
    "404": "No such object visible to this user, or no such route.",
    "409": "Conflict: the object's state does not allow this step, or it changed meanwhile.",
    "413": "The request body is larger than the portal accepts.",
    "415": "The request body's media type is not one this operation accepts.",
    "429": "Too many requests; retry after the number of seconds in Retry-After.",
}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="A stable machine-readable code, e.g. invalid, "
                                           "conflict, not_found, throttled.")
    message = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Each bad field path with its messages, e.g. submissions[0].numerator.")


class ErrorSerializer(serializers.Serializer):
    """The one error body of the API."""

    error = ErrorDetailSerializer()

    class Meta:
        ref_name = "Error"


def error_statuses(method: str, operation: dict) -> set[str]:
    parameters = operation.get("parameters", [])
    has_body = "requestBody" in operation
    codes = {"401", "403", "429"}
    if has_body or any(p.get("in") == "query" for p in parameters):
        codes.add("400")
    if any(p.get("in") == "path" or p.get("name") == "cursor" for p in parameters):
        codes.add("404")
    if method.upper() in UNSAFE_METHODS:
        codes |= {"400", "404", "409"}
    if has_body:
        codes |= {"400", "413", "415"}
    return codes


class PortalAutoSchema(AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        ref = self.resolve_serializer(ErrorSerializer, "response").ref
        responses = operation.setdefault("responses", {})
        for code in sorted(error_statuses(method, operation)):
            responses.setdefault(code, {
                "description": ERROR_DESCRIPTIONS[code],
                "content": {"application/json": {"schema": ref}},
            })
        return operation
