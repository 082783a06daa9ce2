"""The OpenAPI document declares each error status an operation can answer, with one Error
component (issue 13, item 2), in OpenAPI 3.1 as drf-spectacular writes it (issue 19)."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from scoring.engine import INPUT_SCHEMA

pytestmark = pytest.mark.django_db

ERROR_REF = {"$ref": "#/components/schemas/Error"}


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def test_the_document_is_valid_openapi_31(schema):
    assert schema["openapi"] == "3.1.0"
    validate_schema(schema)


def test_every_operation_declares_401_403_and_429_with_the_error_component(schema):
    for path, method, operation in _operations(schema):
        for code in ("401", "403", "429"):
            content = operation["responses"][code]["content"]["application/json"]
            assert content["schema"] == ERROR_REF, (method, path, code)


def test_bodies_path_objects_and_unsafe_methods_declare_their_errors(schema):
    seen = {"404": 0, "409": 0, "413": 0}
    for path, method, operation in _operations(schema):
        codes = set(operation["responses"])
        if "requestBody" in operation:
            assert {"400", "413", "415"} <= codes, (method, path)
            seen["413"] += 1
        if "{" in path:
            assert "404" in codes, (method, path)
            seen["404"] += 1
        if method != "get":
            assert {"400", "404", "409"} <= codes, (method, path)
            seen["409"] += 1
    assert seen["413"] > 20 and seen["404"] > 50 and seen["409"] > 20


def test_the_error_component_is_the_documented_body(schema):
    components = schema["components"]["schemas"]
    assert components["Error"]["required"] == ["error"]
    assert set(components["ErrorDetail"]["required"]) == {"code", "message", "fields"}


def test_a_library_items_publish_date_may_be_null(schema):
    published = schema["components"]["schemas"]["ConnectItemOutput"]["properties"]["published_at"]
    assert published["type"] == ["string", "null"]


def test_page_links_may_be_null(schema):
    page = schema["components"]["schemas"]["PaginatedApiTokenList"]["properties"]
    assert page["next"]["type"] == page["previous"]["type"] == ["string", "null"]


def test_the_scoring_input_is_the_engines_own_json_schema(schema):
    body = schema["paths"]["/api/scoring/evaluate/"]["post"]["requestBody"]
    documented = body["content"]["application/json"]["schema"]
    assert documented == {k: v for k, v in INPUT_SCHEMA.items() if k not in ("$schema", "$id")}
