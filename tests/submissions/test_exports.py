"""Copies of filed forms: PDF and print view for anyone who may read the form; CSV (formula
cells escaped) and JSON for CMS."""

import csv
import io
import json

import pytest
from django.urls import reverse

from submissions.services import submission_save_draft

pytestmark = pytest.mark.django_db


def test_the_csv_has_one_column_per_element_in_the_papers_order(client, readonly_pat,
                                                                  draft_report, issuer_alice):
    from submissions.services import submission_submit

    report = submission_save_draft(submission=draft_report, actor=issuer_alice,
                                   expected_version=draft_report.version,
                                   data={"additional_info": "=cmd|' /C calc'!A0"})
    submission_submit(submission=report, actor=issuer_alice)
    client.force_login(readonly_pat)
    response = client.get(reverse("submissions:export_csv"), {"form_type": "progress_report"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, row = rows[0], rows[1]
    assert header[:3] == ["Submission ID", "Form", "Issuer"]
    assert header.index("1 Type of QIS Submission") < header.index("4 HIOS Issuer ID") < \
        header.index("16b Measure 1a baseline, calculated rate") < \
        header.index("17a Summary of progress")
    record = dict(zip(header, row, strict=True))
    assert record["16b Measure 1a baseline, calculated rate"] == "27.4 %"
    assert record["Optional Additional information"] == "'=cmd|' /C calc'!A0"
    assert record["Status"] == "Submitted"


def test_the_csv_export_leaves_out_drafts_and_other_form_types(client, reviewer_quinn,
                                                                draft_report, submitted_report):
    client.force_login(reviewer_quinn)
    rows = list(csv.reader(io.StringIO(client.get(
        reverse("submissions:export_csv"), {"form_type": "work_plan"}).content.decode())))
    assert len(rows) == 1  # header only


def test_the_json_export_carries_the_frozen_copy_and_the_determination(
        client, reviewer_quinn, report_under_review):
    from submissions.services import submission_determine

    submission_determine(submission=report_under_review, actor=reviewer_quinn,
                         outcome="interim_meets", correction_report="Fix 17a.",
                         findings=[{"element": "17a", "note": "Thin."}])
    client.force_login(reviewer_quinn)
    body = json.loads(client.get(reverse("submissions:export_json")).content)
    (item,) = body["submissions"]
    assert item["filed"]["data"]["m1a_progress_rate"] == "24.1"
    assert item["determination"]["outcome"] == "interim_meets"
    assert item["determination"]["findings"][0]["element"] == "17a"
    single = json.loads(client.get(reverse("submissions:json",
                                           args=[report_under_review.pk])).content)
    assert single["id"] == report_under_review.pk


def test_the_pdf_of_a_filed_form_is_a_pdf(client, issuer_alice, submitted_report):
    client.force_login(issuer_alice)
    response = client.get(reverse("submissions:pdf", args=[submitted_report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "qis-progress-report-12345-2025" in response["Content-Disposition"]


def test_the_pdf_of_a_draft_and_of_a_work_plan_render(client, issuer_alice, draft_work_plan):
    client.force_login(issuer_alice)
    response = client.get(reverse("submissions:pdf", args=[draft_work_plan.pk]))
    assert response.content.startswith(b"%PDF")


def test_the_pdf_text_holds_the_elements(submitted_report):
    from submissions.services.pdf import submission_pdf

    pdf = submission_pdf(submitted_report)
    assert len(pdf) > 2000 and pdf.rstrip().endswith(b"%%EOF")


def test_the_print_view_shows_every_part_in_the_papers_order(client, issuer_alice,
                                                             submitted_report):
    client.force_login(issuer_alice)
    body = client.get(reverse("submissions:print", args=[submitted_report.pk])).content.decode()
    positions = [body.index(text) for text in (
        "Part A. Progress Report or Closeout QIS Submission", "Part B. Issuer Information",
        "Part C. QIS Progress Report Summary", "17. Summary of Progress (Must Pass)",
        "18. Barriers and Mitigation Activities")]
    assert positions == sorted(positions)
    assert "Calculated rate 24.1 % (numerator 1,205, denominator 5,000)" in body
    assert "As filed" in body


def test_the_admin_lists_forms_read_only(client, submitted_report, plan, window):
    from tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True, email="admin@cms.test")
    client.force_login(admin)
    for name in ("submission", "implementationplan", "submissionwindow", "determination"):
        assert client.get(reverse(f"admin:submissions_{name}_changelist")).status_code == 200
    page = client.get(reverse("admin:submissions_submission_change",
                              args=[submitted_report.pk]))
    assert page.status_code == 200
    assert client.get(reverse("admin:submissions_submission_add")).status_code == 403
