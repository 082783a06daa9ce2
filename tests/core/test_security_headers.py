"""Response headers every page carries (CSP, nosniff, referrer policy, framing)."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_page_has_a_strict_content_security_policy(client):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["script-src"] == "'self'"


def test_nosniff_referrer_policy_and_no_framing(client):
    response = client.get("/accounts/login/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_session_and_csrf_cookies_are_httponly_and_samesite(client, cor_bob):
    from tests.factories import PASSWORD

    response = client.post("/accounts/login/", {"username": cor_bob.email, "password": PASSWORD})
    session = response.cookies["sessionid"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"


def test_no_template_carries_an_inline_script():
    """The CSP allows scripts only from files; an inline <script> would silently not run."""
    import re
    from pathlib import Path

    from django.conf import settings

    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
    offenders = [str(path) for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
                 if inline.search(path.read_text())]
    assert offenders == []
