"""Sign-in bursts per real client address, API bursts per user (DRF throttles), both refused
with 429 by an atomic counter in the cache; X-Forwarded-For believed only through the
trusted proxy hops."""

import threading
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from qis_portal.models import AuditEvent, LoginAttempt
from qis_portal.ratelimit import hit
from qis_portal.services.audit import client_ip
from qis_portal.services.tokens import api_token_create

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
def test_an_api_burst_gets_429_per_user_in_the_error_shape_with_retry_after(
        api_client, cor_bob, reviewer_quinn):
    bob = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=cor_bob, name='a')[1]}"}
    quinn = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=reviewer_quinn, name='b')[1]}"}
    codes = [api_client.get("/api/me/", REMOTE_ADDR="10.1.1.1", **bob).status_code
             for _ in range(3)]
    assert codes == [200, 200, 429]
    response = api_client.get("/api/me/", REMOTE_ADDR="10.1.1.1", **bob)
    assert response.json()["error"]["code"] == "throttled"
    assert 1 <= int(response["Retry-After"]) <= 60
    # Another user from the very same address has a bucket of their own.
    assert api_client.get("/api/me/", REMOTE_ADDR="10.1.1.1", **quinn).status_code == 200


@override_settings(RATE_LIMIT_API=(2, 60))
def test_a_user_has_one_bucket_across_tokens_and_the_session(client, api_client, cor_bob):
    first = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=cor_bob, name='a')[1]}"}
    second = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=cor_bob, name='b')[1]}"}
    assert api_client.get("/api/me/", **first).status_code == 200
    assert api_client.get("/api/me/", **second).status_code == 200
    client.force_login(cor_bob)
    assert client.get("/api/me/").status_code == 429


@override_settings(RATE_LIMIT_API_ANON=(2, 60))
def test_anonymous_api_calls_are_throttled_per_client_address(api_client):
    def ask(ip):
        return api_client.post("/api/auth/token/", {"email": "x@y.test", "password": "p"},
                               format="json", REMOTE_ADDR=ip).status_code

    assert [ask("10.2.2.2") for _ in range(3)][-1] == 429
    assert ask("10.2.2.3") != 429


# Behind the balancer of docker-compose.yml: REMOTE_ADDR is the balancer, which appends the
# address it saw to X-Forwarded-For.
BALANCER = "10.0.0.2"


def through_balancer(client, client_address, forged=""):
    forwarded = f"{forged}, {client_address}" if forged else client_address
    return client.post("/accounts/login/", {"username": "x@y.test", "password": "p"},
                       REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=forwarded)


@override_settings(RATE_LIMIT_LOGIN=(2, 60), TRUSTED_PROXY_HOPS=1)
def test_two_people_behind_the_same_balancer_have_separate_sign_in_buckets(client):
    assert [through_balancer(client, "203.0.113.7").status_code
            for _ in range(3)] == [200, 200, 429]
    assert through_balancer(client, "198.51.100.9").status_code == 200


@override_settings(RATE_LIMIT_LOGIN=(2, 60), TRUSTED_PROXY_HOPS=1)
def test_a_forged_forwarded_for_beyond_the_trusted_hops_is_ignored(client):
    codes = [through_balancer(client, "203.0.113.7", forged=f"192.0.2.{i}").status_code
             for i in range(3)]
    assert codes == [200, 200, 429]


@override_settings(RATE_LIMIT_LOGIN=(2, 60))
def test_without_a_trusted_proxy_forwarded_for_is_not_believed_at_all(client):
    codes = [client.post("/accounts/login/", {"username": "x@y.test", "password": "p"},
                         REMOTE_ADDR="10.9.9.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}").status_code
             for i in range(3)]
    assert codes == [200, 200, 429]


@override_settings(TRUSTED_PROXY_HOPS=1)
def test_the_audit_and_the_sign_in_record_keep_the_real_client_address(client, cor_bob):
    through_balancer(client, "203.0.113.7", forged="192.0.2.1")
    failed = AuditEvent.objects.get(action="auth.login_failed")
    assert failed.ip_address == "203.0.113.7"
    assert LoginAttempt.objects.get(email="x@y.test").ip_address == "203.0.113.7"


@pytest.mark.parametrize(("hops", "forwarded", "expected"), [
    (0, "203.0.113.7", "10.0.0.2"),
    (1, "", "10.0.0.2"),
    (1, "not-an-address", "10.0.0.2"),
    (1, "192.0.2.1, 203.0.113.7", "203.0.113.7"),
    (2, "192.0.2.1, 203.0.113.7, 10.0.0.1", "203.0.113.7"),
    (2, "203.0.113.7", "10.0.0.2"),  # fewer entries than proxies: not through them all
    (1, "2001:db8::1", "2001:db8::1"),
])
def test_client_ip_believes_only_the_trusted_hops(rf, settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@pytest.mark.redis
def test_the_redis_counter_is_atomic_under_concurrency(settings):
    from django.core.cache.backends.redis import RedisCache

    redis_cache = RedisCache("redis://127.0.0.1:6379/15", {})
    # A bucket of this run's own (its key expires with the window): another suite on the same
    # Redis counts under its own bucket, and nothing here flushes a database it may be using.
    key = f"concurrency-test-{uuid.uuid4().hex}"
    allowed = []

    def one():
        allowed.append(hit(key, 25, 3600, backend=redis_cache)[0])

    threads = [threading.Thread(target=one) for _ in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 25
