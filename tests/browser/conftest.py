"""Browser tests: Debian's Chromium, driven by Playwright, against Django's live server.

Never a downloaded browser: the executable is /usr/bin/chromium, with the flags this machine's
closed network needs.
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# body (fixtures, assertions) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail("Browser tests need Debian's chromium at /usr/bin/chromium (make test "
                    "installs it as root; or: apt-get install chromium).")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


# A page on a loaded 2-core machine can take seconds to answer; an expectation waits for what
# the page will show, so waiting longer costs nothing when the page is quick.
expect.set_options(timeout=20_000)


@pytest.fixture
def live_url(live_server):
    return live_server.url


def sign_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")


def axe_violations(page) -> list[dict]:
    """Run axe-core (from npm) on the current page; return its violations (WCAG 2.1 AA rules)."""
    # Evaluated through the DevTools protocol, not a <script> tag: the page's CSP forbids
    # inline scripts, and the test should see the page with its real policy in force.
    # A locator that matched early in a navigation can return while the parser is still
    # waiting on the scripts at the end of <body>: judge the page once they have run (USWDS
    # moves the session-timeout modal into its hidden wrapper then), not half-built.
    page.wait_for_load_state("load")
    page.evaluate(AXE_JS.read_text() + "\n;undefined")
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
    )
    return result["violations"]


def assert_no_axe_violations(page) -> None:
    violations = axe_violations(page)
    summary = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in violations
    ]
    assert violations == [], f"axe-core violations on {page.url}:\n{json.dumps(summary, indent=2)}"


@pytest.fixture(autouse=True)
def no_csp_violations(page):
    """Fail a browser test whose pages tripped the Content-Security-Policy (a blocked script
    or style means a feature silently did not run)."""
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text else None)
    yield
    assert violations == [], f"CSP violations: {violations}"
