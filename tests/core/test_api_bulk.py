"""What the bulk read path shares (issue 20): orjson writes the body DRF's JSONRenderer wrote,
pages go up to 1,000 rows on request, an unchanged page answers 304 to its ETag, and a read of
the API leaves the session row alone."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from qis_portal.api_bulk.renderers import OrjsonRenderer
from qis_portal.pagination import PortalCursorPagination
from tests.factories import PASSWORD
from tests.qio_program.factories import ProviderFactory

pytestmark = pytest.mark.django_db


def test_orjson_writes_the_bytes_drf_wrote():
    data = {"when": datetime(2026, 3, 2, 14, 0, 0, 123456, tzinfo=UTC), "amount": Decimal("62.5"),
            "label": gettext_lazy("Sign in"), 7: ["Café", None, True, 1.5]}
    assert OrjsonRenderer().render(data) == JSONRenderer().render(data)


def test_a_page_goes_up_to_1000_rows_on_request():
    paginator = PortalCursorPagination()
    asked = Request(APIRequestFactory().get("/api/qio/providers/", {"page_size": 5000}))
    assert paginator.get_page_size(asked) == 1000
    default = Request(APIRequestFactory().get("/api/qio/providers/"))
    assert paginator.get_page_size(default) == 50


def test_an_unchanged_list_answers_304_to_its_etag_and_a_change_gives_a_new_one(
        api_client, associate_ann):
    provider = ProviderFactory(name="Harbor Home")
    api_client.force_authenticate(associate_ann)
    first = api_client.get("/api/qio/providers/")
    etag = first["ETag"]
    again = api_client.get("/api/qio/providers/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    provider.name = "Harbor Home East"
    provider.save()
    changed = api_client.get("/api/qio/providers/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def _session_writes(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured if q["sql"].startswith(("UPDATE", "INSERT"))
            and "django_session" in q["sql"]]


def test_an_api_read_does_not_write_the_session_row_but_a_page_still_does(client,
                                                                             associate_ann):
    client.post("/accounts/login/", {"username": associate_ann.email, "password": PASSWORD})
    assert _session_writes(client, "/api/qio/providers/") == []
    assert len(_session_writes(client, "/")) == 1
