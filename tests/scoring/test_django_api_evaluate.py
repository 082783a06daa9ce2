"""POST /api/scoring/evaluate/: the JSON contract over HTTP, bad input as 400 with every path."""

import copy

import jsonschema
import pytest

from scoring.api.schemas import EXAMPLE_INPUT
from scoring.engine import OUTPUT_SCHEMA

pytestmark = pytest.mark.django_db
URL = "/api/scoring/evaluate/"


def example():
    """The OpenAPI example with 20 clinicians (readmission needs 16) and measure 458."""
    data = copy.deepcopy(EXAMPLE_INPUT)
    data["participants"][0]["npis"] = [f"{1000000001 + n}" for n in range(20)]
    data["submissions"].append(
        {"level": "entity", "measure_id": "458", "submission_method": "administrativeClaims",
         "performance_rate": 14.2, "eligible_population": 350})
    return data


def measure(out, measure_id):
    return next(m for m in out["quality"]["units"][0]["measures"]
                if m["measure_id"] == measure_id)


def test_the_047_registry_fact_scores_5_8733_in_decile_5(api_client, cor_bob):
    api_client.force_authenticate(cor_bob)
    response = api_client.post(URL, example(), format="json")
    assert response.status_code == 200
    row = measure(response.json(), "047")
    assert row["points"] == 5.8733 and row["decile"] == 5
    assert row["status"] == "scored" and row["counted"] is True
    jsonschema.validate(response.json(), OUTPUT_SCHEMA)


def test_the_explanation_says_458_has_no_2020_benchmark(api_client, cor_bob):
    api_client.force_authenticate(cor_bob)
    out = api_client.post(URL, example(), format="json").json()
    row = measure(out, "458")
    assert "no 2020 benchmark for measure 458 by submission method administrativeClaims" in (
        row["reason"])
    assert any("458" in sentence and "no 2020 benchmark" in sentence
               for sentence in out["explanation"])


def test_the_response_carries_the_final_score_formula_with_its_weights(api_client, cor_bob):
    api_client.force_authenticate(cor_bob)
    final = api_client.post(URL, example(), format="json").json()["final"]
    assert final["weights"] == {"quality": 0.5, "cost": 0.0, "ia": 0.2, "pi": 0.3}
    assert final["category_scores"]["ia"] == 100.0 and final["category_scores"]["pi"] == 80.0
    assert final["sentence"].startswith("Final score (default weights)")


def test_bad_input_is_400_in_the_common_error_body_with_every_bad_path(api_client, cor_bob):
    api_client.force_authenticate(cor_bob)
    data = example()
    data["performance_year"] = 2019
    data["entity"]["complex_patient_bonus"] = 6
    data["submissions"][0]["numerator"] = 200
    data["submissions"][1]["measure_id"] = "9999"
    data["submissions"].append({"level": "npi", "measure_id": "047",
                                "submission_method": "registry"})
    response = api_client.post(URL, data, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert {"performance_year", "entity.complex_patient_bonus", "submissions[0].numerator",
            "submissions[1].measure_id", "submissions[3].tin", "submissions[3].npi",
            "submissions[3].data_completeness"} <= set(error["fields"])


@pytest.mark.parametrize("body", ["[]", "null", '"text"', "{", '{"performance_year": 2020}'])
def test_any_malformed_body_is_a_400_never_a_500(api_client, cor_bob, body):
    api_client.force_authenticate(cor_bob)
    response = api_client.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_the_rest_client_and_read_only_cms_users_may_evaluate(api_client, api_alice,
                                                                readonly_pat):
    for user in (api_alice, readonly_pat):
        api_client.force_authenticate(user)
        assert api_client.post(URL, example(), format="json").status_code == 200


@pytest.mark.parametrize("persona", ["issuer_alice", "associate_ann", "outsider_charlie"])
def test_other_roles_may_not_evaluate(api_client, request, persona):
    api_client.force_authenticate(request.getfixturevalue(persona))
    response = api_client.post(URL, example(), format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_the_openapi_document_carries_the_request_and_response_schemas(api_client, cor_bob):
    api_client.force_authenticate(cor_bob)
    schema = api_client.get("/api/schema/?format=json").json()
    post = schema["paths"]["/api/scoring/evaluate/"]["post"]
    request_schema = post["requestBody"]["content"]["application/json"]["schema"]
    assert set(request_schema["required"]) == {"performance_year", "entity", "participants",
                                               "submissions"}
    # OpenAPI 3.1 schemas are JSON Schema: the engine's `const` as it is.
    assert request_schema["properties"]["performance_year"] == {"const": 2020}
    ok = post["responses"]["200"]["content"]["application/json"]["schema"]
    assert "explanation" in ok["properties"] and "final" in ok["required"]
    bad = post["responses"]["400"]["content"]["application/json"]["schema"]
    assert bad == {"$ref": "#/components/schemas/Error"}
    detail = schema["components"]["schemas"]["ErrorDetail"]
    assert set(detail["required"]) == {"code", "message", "fields"}
