"""The embedded default shows the portal's own 404 and 500 pages, and a favicon (issue 13,
item 6); Django's debug pages only when a developer sets DEBUG=1."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from qis_portal.views import system

pytestmark = pytest.mark.django_db


def _local_debug(**env) -> str:
    environment = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    environment.update(DJANGO_SETTINGS_MODULE="qis_portal.settings.local", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); "
                               "from django.conf import settings; print(settings.DEBUG)"],
        env=environment, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True,
    ).stdout.strip()


def test_the_embedded_default_runs_without_debug_pages():
    assert _local_debug() == "False"


def test_a_developer_opts_into_debug_pages():
    assert _local_debug(DEBUG="1") == "True"


def test_an_unknown_page_is_the_portals_own_404(client, cor_bob):
    client.force_login(cor_bob)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "usa-header" in html  # the portal's USWDS layout, not Django's page
    assert "URLconf" not in html


def test_a_server_error_is_the_portals_own_500(client, monkeypatch):
    def broken():
        raise RuntimeError("database gone")

    monkeypatch.setattr(system, "health_report", broken)
    client.raise_request_exception = False
    response = client.get("/health/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "usa-alert--error" in html
    assert "database gone" not in html and "Traceback" not in html


def test_the_favicon_answers_at_the_site_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_every_page_names_the_favicon(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in html
