"""Navigation, the home panel, notification kinds and the demo data."""

import pytest
from django.urls import reverse

from qis_portal.navigation import nav_for
from qis_portal.notification_kinds import NOTIFICATION_KINDS
from submissions.models import ImplementationPlan, Submission

pytestmark = pytest.mark.django_db


def test_the_notification_kinds_are_registered():
    for kind in ("submissions.submitted", "submissions.review_started",
                 "submissions.determined", "submissions.deadline"):
        assert kind in NOTIFICATION_KINDS


def test_qis_submissions_is_in_the_navigation_of_issuers_and_cms_readers(
        issuer_alice, reviewer_quinn, readonly_pat, associate_ann):
    for user in (issuer_alice, reviewer_quinn, readonly_pat):
        assert "QIS submissions" in [item["label"] for item in nav_for(user)]
    assert "QIS submissions" not in [item["label"] for item in nav_for(associate_ann)]


def test_the_home_panel_shows_drafts_to_issuers_and_the_queue_to_reviewers(
        rf, issuer_alice, reviewer_quinn, draft_report, window):
    from submissions.views.home import home_panel_context

    request = rf.get("/")
    request.user = issuer_alice
    context = home_panel_context(request)
    assert context["qis_drafts"] == 1 and context["qis_window"] == window
    request.user = reviewer_quinn
    assert home_panel_context(request)["qis_drafts"] == 0
    assert reviewer_quinn.has_perm("submissions.see_home_panel")
    assert issuer_alice.has_perm("submissions.see_home_panel")


def test_the_home_panel_template_renders(issuer_alice, draft_report, window):
    from django.template.loader import render_to_string

    html = render_to_string("submissions/home_panel.html",
                            {"qis_drafts": 1, "qis_window": window, "qis_is_reviewer": False})
    assert "1 draft in progress" in html and reverse("submissions:list") in html


def seed_all():
    from qis_portal.demo import seed_organizations, seed_users
    from submissions import demo

    seed_users(seed_organizations())
    demo.seed()


def test_the_demo_seed_is_idempotent():
    seed_all()
    counts = (ImplementationPlan.objects.count(), Submission.objects.count())
    seed_all()
    assert (ImplementationPlan.objects.count(), Submission.objects.count()) == counts
    assert counts == (2, 3)
    statuses = sorted(Submission.objects.values_list("issuer__name", "form_type", "status"))
    assert statuses == [
        ("Granite State Mutual Health", "progress_report", "interim_meets"),
        ("Sunrise Health Plans of California", "progress_report", "draft"),
        ("Sunrise Health Plans of California", "work_plan", "submitted")]
    # Both demo plans are on file (version 1); Sunrise's supplement awaits CMS; the seed's
    # 2025 form is open beside next year's.
    from submissions.models import ModificationSupplement, PlanVersion, SubmissionWindow

    assert PlanVersion.objects.count() == 2
    assert list(ModificationSupplement.objects.values_list("status", flat=True)) == [
        "submitted"]
    assert 2025 in SubmissionWindow.objects.values_list("plan_year", flat=True)
