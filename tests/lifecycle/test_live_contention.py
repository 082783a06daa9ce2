"""Fifty conflicting decisions on one Provider Assessment at once, over HTTP, against a live
server on PostgreSQL (issue #8, item 2): two CORs each send approvals and returns, released
together by a barrier. The row lock in run_transition lets exactly one through; the other 49
get 409 with the reason, and the trail holds one decision.

The server is Django's live-server thread with a listen backlog wider than the number of
contenders: the stock backlog of 10 overflows when fifty clients connect at once, and on a
loaded machine the kernel can then drop a connection before the server accepts it, which
would test the TCP stack rather than the row lock.
"""

import http.client
import json
import threading
from urllib.parse import urlsplit

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread

from qio_program.lifecycle.models import ProviderAssessment
from qio_program.lifecycle.services.cor_assignment import task_order_cors_assign
from qis_portal.models import AuditEvent
from qis_portal.services.tokens import api_token_create
from tests.lifecycle import builders

CONTENDERS = 50


class _WideBacklogServer(ThreadedWSGIServer):
    request_queue_size = CONTENDERS * 4


class _WideBacklogServerThread(LiveServerThread):
    server_class = _WideBacklogServer


@pytest.fixture
def contention_server():
    """A live server (API only, so no static-files wrapper) whose backlog holds every contender."""
    thread = _WideBacklogServerThread("127.0.0.1", static_handler=lambda app: app)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait(timeout=30)
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


def _post(base: str, path: str, token: str, body: dict, barrier: threading.Barrier):
    """One request on its own connection, sent when every contender is ready."""
    address = urlsplit(base)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=120)
    try:
        conn.connect()
        barrier.wait(timeout=90)
        conn.request("POST", path, body=json.dumps(body), headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        conn.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_approvals_and_returns_yield_one_decision(
        contention_server, ne_order, maple, associate_ann, cor_bob, cor_carol, me_a3c,
        maple_psa):
    assert connection.vendor == "postgresql"
    task_order_cors_assign(actor=cor_bob, task_order=ne_order, cor=cor_bob,
                           alternate_cor=cor_carol)
    assessment = builders.submitted_pa(ne_order, maple, associate_ann)
    tokens = [api_token_create(user=cor, name="contention")[1] for cor in (cor_bob, cor_carol)]
    base = f"/api/lifecycle/provider-assessments/{assessment.pk}"
    calls = []
    for index in range(CONTENDERS):
        if index % 2:
            calls.append((f"{base}/return/", {"comments": f"Rework section {index}."}))
        else:
            calls.append((f"{base}/approve/", {"note": f"Approved by contender {index}."}))
    barrier = threading.Barrier(CONTENDERS)
    results: list[tuple[int, dict]] = [None] * CONTENDERS

    def contend(index: int):
        path, body = calls[index]
        try:
            results[index] = _post(contention_server, path, tokens[index % 2], body, barrier)
        except Exception as exc:  # recorded so the assertion below names the cause
            results[index] = (None, {"exception": repr(exc)})

    threads = [threading.Thread(target=contend, args=(i,)) for i in range(CONTENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)

    assert None not in results, "a contender never got an answer"
    failures = [body for status, body in results if status is None]
    assert not failures, failures
    statuses = sorted(status for status, _ in results)
    assert statuses == [200] + [409] * (CONTENDERS - 1), results
    winner = next(i for i, (status, _) in enumerate(results) if status == 200)
    refusals = [body for status, body in results if status == 409]
    assert all(body["error"]["code"] == "conflict" and body["error"]["message"]
               for body in refusals)
    decided = "approved" if calls[winner][0].endswith("/approve/") else "returned"
    assert ProviderAssessment.objects.get(pk=assessment.pk).status == decided
    decisions = AuditEvent.objects.filter(
        target_id=str(assessment.pk), outcome="success",
        action__in=["providerassessment.approve", "providerassessment.return_for_changes"])
    assert decisions.count() == 1
