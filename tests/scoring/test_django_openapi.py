"""The scoring part of the OpenAPI document generates with no warning and validates."""

import pytest
from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

urlpatterns = [path("api/scoring/", include("scoring.api_urls"))]


@pytest.mark.django_db
def test_the_scoring_schema_has_no_warning_and_is_valid_openapi():
    GENERATOR_STATS.reset()
    generator = SchemaGenerator(patterns=urlpatterns)
    schema = generator.get_schema(request=None, public=True)
    assert GENERATOR_STATS._warn_cache == {}, list(GENERATOR_STATS._warn_cache)
    validate_schema(schema)
    assert "/api/scoring/evaluate/" in schema["paths"]
    assert {"/api/scoring/entities/", "/api/scoring/submissions/", "/api/scoring/runs/",
            "/api/scoring/scores/", "/api/scoring/measures/"} <= set(schema["paths"])


@pytest.mark.django_db
def test_adding_participants_documents_the_plain_array_it_returns_not_a_cursor_page():
    """POST answers 201 with a list of the rows added; no `results`/`next` envelope."""
    schema = SchemaGenerator(patterns=urlpatterns).get_schema(request=None, public=True)
    created = schema["paths"]["/api/scoring/participants/"]["post"]["responses"]["201"]
    body = created["content"]["application/json"]["schema"]
    assert body == {"type": "array",
                    "items": {"$ref": "#/components/schemas/ParticipantOutput"}}
    assert "ParticipantOutput" in schema["components"]["schemas"]
