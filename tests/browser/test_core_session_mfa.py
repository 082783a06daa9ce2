"""Issue 13, items 1 and 4 in the browser: "Stay signed in" works under production's cookie
settings (the CSRF cookie out of the script's reach), and the recovery-code pages are
accessible."""

import re
from datetime import timedelta

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from qis_portal.demo import DEMO_PASSWORD, seed_organizations, seed_users
from qis_portal.models import User
from tests.browser.conftest import assert_no_axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "cor@cms.demo"
WARNING_AFTER = timedelta(minutes=13)  # the 15-minute idle limit less the 2-minute warning


@pytest.fixture
def demo(transactional_db):
    seed_users(seed_organizations())


@pytest.fixture
def production_cookies(settings):
    """The cookie flags of qis_portal/settings/production.py that a plain-HTTP live server
    can carry (Secure cookies need HTTPS)."""
    settings.CSRF_COOKIE_HTTPONLY = True
    settings.SESSION_COOKIE_HTTPONLY = True


def _idle(page, suite_clock, span: timedelta) -> None:
    """Let `span` pass with no activity, on the server (the pinned clock) and in the page."""
    suite_clock.shift(span)
    page.clock.fast_forward(int(span.total_seconds() * 1000))


def test_stay_signed_in_keeps_the_session_under_production_cookie_settings(
        page, live_server, demo, production_cookies, suite_clock):
    page.clock.install()
    sign_in(page, live_server.url, EMAIL, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="My Home", level=1)).to_be_visible()
    assert "csrftoken" not in page.evaluate("document.cookie")  # HttpOnly is in force

    _idle(page, suite_clock, WARNING_AFTER)
    # (The dialog's own wrapper has no box of its own; its heading shows it is open.)
    warning = page.get_by_role("heading", name="Your session is about to end")
    expect(warning).to_be_visible()
    with page.expect_response(lambda r: r.url.endswith("/accounts/session/ping/")) as ping:
        page.get_by_role("button", name="Stay signed in").click()
    assert ping.value.status == 200
    expect(warning).to_be_hidden()

    # 14 more idle minutes: 27 since the page loaded, past the limit but for the ping.
    _idle(page, suite_clock, timedelta(minutes=14))
    assert "/accounts/login/" not in page.url
    page.reload()
    expect(page.get_by_role("heading", name="My Home", level=1)).to_be_visible()


def test_without_stay_signed_in_the_idle_limit_still_signs_out(
        page, live_server, demo, production_cookies, suite_clock):
    page.clock.install()
    sign_in(page, live_server.url, EMAIL, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="My Home", level=1)).to_be_visible()
    _idle(page, suite_clock, timedelta(minutes=16))
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_text("signed out after 15 minutes without activity")).to_be_visible()
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_the_recovery_code_pages_are_accessible(page, live_server, demo):
    device = TOTPDevice.objects.create(user=User.objects.get(email=EMAIL), name="phone",
                                       confirmed=True)
    sign_in(page, live_server.url, EMAIL, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Enter your authentication code")).to_be_visible()
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.get_by_label("6-digit code from your authenticator app, or a recovery code").fill(
        f"{code:06d}")
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", name="My Home", level=1)).to_be_visible()

    page.goto(f"{live_server.url}/accounts/recovery-codes/")
    expect(page.get_by_text("You have 0 unused recovery codes")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Make new recovery codes").click()
    page.wait_for_load_state("load")  # USWDS has set up the page's modal
    codes = page.get_by_role("list", name="Your recovery codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    assert_no_axe_violations(page)
