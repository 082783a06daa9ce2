"""API documentation rendered from the OpenAPI schema as a plain, accessible USWDS page.

(Swagger UI fails axe-core's contrast and nested-control rules, so the portal renders the
same schema itself.)
"""

from functools import lru_cache

from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


@lru_cache(maxsize=1)
def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _ref_name(schema: dict | None) -> str:
    if not schema:
        return ""
    ref = schema.get("$ref") or schema.get("items", {}).get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref else schema.get("type", "object")


def _operations(schema: dict) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if not operation:
                continue
            body = operation.get("requestBody", {}).get("content", {})
            responses = [
                {"status": status, "schema": _ref_name(
                    next(iter(resp.get("content", {}).values()), {}).get("schema"))}
                for status, resp in operation.get("responses", {}).items()
            ]
            groups.setdefault((operation.get("tags") or ["api"])[0], []).append({
                "method": method.upper(), "path": path,
                "summary": operation.get("summary") or operation.get("description", ""),
                "parameters": operation.get("parameters", []),
                "request": _ref_name(next(iter(body.values()), {}).get("schema")),
                "responses": responses,
                "anchor": operation.get("operationId", f"{method}-{path}"),
            })
    return dict(sorted(groups.items()))


def api_docs(request):
    schema = _schema()
    return render(request, "api_docs.html", {
        "info": schema.get("info", {}), "groups": _operations(schema),
        "components": sorted(schema.get("components", {}).get("schemas", {})),
    })
