"""Never a 500 on bad input: any JSON value put anywhere in a valid scoring input gets a 200
or a 400 in the common error body from POST /api/scoring/evaluate/ (huge integers included)."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.api.schemas import EXAMPLE_INPUT

pytestmark = pytest.mark.django_db

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(-10**400, 10**400)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=6)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


PATHS = list(_paths(EXAMPLE_INPUT))


def _replace(data, path, value):
    if not path:
        return value
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(PATHS), value=JSON, extra=st.booleans())
def test_any_value_anywhere_is_a_200_or_a_400(api_client, cor_bob, path, value, extra):
    api_client.force_authenticate(cor_bob)
    data = _replace(copy.deepcopy(EXAMPLE_INPUT), path, value)
    if extra and isinstance(data, dict):
        data["unexpected"] = copy.deepcopy(value)
    response = api_client.post("/api/scoring/evaluate/", data, format="json")
    assert response.status_code in (200, 400), response.content[:500]
    if response.status_code == 400:
        assert set(response.json()["error"]) == {"code", "message", "fields"}
