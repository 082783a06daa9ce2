"""Slow actions show progress (issue 18, item 6): once "Submit to CMS" is pressed the form is
aria-busy, its button says what is happening and refuses a second press, and a polite live
region announces it."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.browser.test_submissions_pages import issuer_pages  # noqa: F401 (fixture)
from tests.factories import PASSWORD


def test_submitting_a_progress_report_shows_a_busy_state(page, live_url, issuer_pages):  # noqa: F811
    alice, _, _, report = issuer_pages
    sign_in(page, live_url, alice.email, PASSWORD)
    page.goto(f"{live_url}/submissions/{report.pk}/submit/")
    # The form is kept from leaving (a listener after the portal's own), so the page that
    # shows the busy state stays to be read.
    page.evaluate("""() => { window.sent = 0; window.addEventListener('submit', e => {
        if (!e.defaultPrevented) { window.sent += 1; } e.preventDefault(); }); }""")
    form = page.locator("form[data-busy-label]")
    expect(form).not_to_have_attribute("aria-busy", "true")
    button = form.locator("button[type=submit]")
    button.click()
    expect(form).to_have_attribute("aria-busy", "true")
    expect(button).to_have_text("Submitting to CMS…")
    expect(button).to_have_attribute("aria-disabled", "true")
    expect(form.locator("[data-busy-status]")).to_have_text("Submitting to CMS…")
    button.click(force=True)  # aria-disabled: Playwright itself would not press it again
    assert page.evaluate("() => window.sent") == 1  # the second press sent nothing
    assert_no_axe_violations(page)
