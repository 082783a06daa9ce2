"""The seed's own wording on every element label (issue 18, item 6): an entry without a number
of its own is named once ("QIS Title"), 16f carries the paper's full sentence, and every blank
choice reads "- Select -"."""

import pytest
from django import forms
from django.urls import reverse

from qis_portal.models import User
from submissions.elements import element_name
from submissions.forms.start import FindingForm
from submissions.presentation import flat_columns
from submissions.services import submission_determine

pytestmark = pytest.mark.django_db

# Seed 000, element 16f, word for word.
SEED_16F = ("16f. Restate the numerical value performance target for this measure (i.e., the "
            "target rate or data point the QIS intends to achieve) from the Implementation Plan "
            "or the Modification Summary Supplement on file, if applicable:")
SEED_16F_NOTE = ("(Note: This entry should be a rate (%) or a data point target, NOT a "
                 "percentage change.)")


def test_an_entry_without_a_number_of_its_own_is_named_once():
    assert element_name("QIS Title", "QIS Title") == "QIS Title"
    assert element_name("16f", "Measure 1a performance target") == \
        "16f Measure 1a performance target"


def test_the_csv_header_names_the_qis_title_once():
    headers = dict(flat_columns("progress_report"))
    assert headers["qis_title"] == "QIS Title"
    assert not [h for h in headers.values() if "QIS Title QIS Title" in h]


def test_the_reviewers_deficient_element_list_names_the_qis_title_once():
    labels = dict(FindingForm(form_type="progress_report").fields["element"].choices)
    assert labels["QIS Title"] == "QIS Title"
    assert labels["16f"] == "16f Measure 1a performance target (Must Pass)"
    assert labels[""] == "- Select -"


def test_a_determination_lists_the_qis_title_finding_once(client, reviewer_quinn,
                                                          report_under_review):
    findings = [{"element": "QIS Title", "note": "Restate the title from the plan."}]
    submission_determine(submission=report_under_review, actor=reviewer_quinn,
                         outcome="interim_meets", findings=findings,
                         correction_report="Restate the title.")
    client.force_login(reviewer_quinn)
    body = client.get(reverse("submissions:detail", args=[report_under_review.pk])
                      ).content.decode()
    assert "<strong>QIS Title</strong>" in body and "QIS Title QIS Title" not in body


def test_16f_is_labelled_with_the_seeds_own_words(client, issuer_alice, draft_report):
    client.force_login(issuer_alice)
    body = client.get(reverse("submissions:part", args=[draft_report.pk, "c"])).content.decode()
    assert SEED_16F in body and SEED_16F_NOTE in body
    assert "Performance target (rate % or data point)" not in body


def test_every_blank_choice_reads_select():
    class Pick(forms.Form):
        person = forms.ModelChoiceField(queryset=User.objects.none())

    html = str(Pick()["person"])
    assert ">- Select -</option>" in html and "---------" not in html


def test_a_part_saved_with_errors_has_the_focusable_shared_error_summary(client, issuer_alice,
                                                                          draft_report):
    client.force_login(issuer_alice)
    response = client.post(reverse("submissions:part", args=[draft_report.pk, "a"]), {
        "version": draft_report.version, "qis_title": "x" * 201})
    body = response.content.decode()
    summary = body[body.index("data-error-summary"):]
    assert 'tabindex="-1"' in body and "This part was not saved" in summary
    assert 'href="#id_qis_title">QIS Title: 201 characters' in summary
    assert "<title>Error: " in body
