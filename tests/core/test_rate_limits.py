"""Sign-in and API bursts are refused with 429 by an atomic counter in the cache."""

import threading

import pytest
from django.core.cache import caches
from django.test import override_settings

from qis_portal.ratelimit import hit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()


@override_settings(RATE_LIMIT_LOGIN=(3, 60))
def test_a_burst_of_sign_ins_from_one_address_gets_429(client):
    codes = [client.post("/accounts/login/", {"username": "x@y.test", "password": "p"},
                         REMOTE_ADDR="10.9.9.9").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other = client.post("/accounts/login/", {"username": "x@y.test", "password": "p"},
                        REMOTE_ADDR="10.9.9.8")
    assert other.status_code == 200


@override_settings(RATE_LIMIT_API=(2, 60))
def test_an_api_burst_gets_429_in_the_error_shape_with_retry_after(api_client):
    codes = [api_client.get("/api/me/", REMOTE_ADDR="10.1.1.1").status_code for _ in range(3)]
    assert codes[-1] == 429
    response = api_client.get("/api/me/", REMOTE_ADDR="10.1.1.1")
    assert response.json()["error"]["code"] == "throttled"
    assert 1 <= int(response["Retry-After"]) <= 60


@pytest.mark.redis
def test_the_redis_counter_is_atomic_under_concurrency(settings):
    from django.core.cache.backends.redis import RedisCache

    redis_cache = RedisCache("redis://127.0.0.1:6379/15", {})
    redis_cache.clear()
    allowed = []

    def one():
        allowed.append(hit("concurrency-test", 25, 3600, backend=redis_cache)[0])

    threads = [threading.Thread(target=one) for _ in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    redis_cache.clear()
    assert allowed.count(True) == 25
