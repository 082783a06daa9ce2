"""Intervention reports: due within 5 days of the interaction, flagged and reminded when late."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from qio_program.models import IDF_DISCIPLINES, InterventionReport
from qio_program.services.interventions import (
    intervention_report_reminders,
    intervention_report_save,
)
from qio_program.tasks import intervention_report_reminder_sweep
from qis_portal.models import Notification
from tests.qio_program.factories import InteractionFactory

pytestmark = pytest.mark.django_db

REPORT = {"mode_of_engagement": "one_on_one_on_site", "targeted_audience": "clinical_staff",
          "level_of_intensity": "high", "progress_percent": 40,
          "progress_notes": "Two of three units.",
          **{name: f"Details of {label}." for name, label, _ in IDF_DISCIPLINES}}


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


def test_the_report_records_the_five_idf_disciplines_and_progress(associate_ann, ne_provider):
    interaction = InteractionFactory(provider=ne_provider, created_by=associate_ann)
    report = intervention_report_save(interaction=interaction, actor=associate_ann, data=REPORT)
    assert len(IDF_DISCIPLINES) == 5
    assert all(getattr(report, name) for name, _, _ in IDF_DISCIPLINES)
    assert (report.level_of_intensity, report.progress_percent) == ("high", 40)
    assert not report.submitted_late


def test_a_report_after_the_5_days_is_kept_and_marked_late(associate_ann, ne_provider):
    interaction = InteractionFactory(provider=ne_provider, created_by=associate_ann,
                                     date=days_ago(6))
    assert interaction.report_overdue
    report = intervention_report_save(interaction=interaction, actor=associate_ann, data=REPORT)
    assert report.submitted_late


def test_on_the_5th_day_the_report_is_due_not_overdue(associate_ann, ne_provider):
    interaction = InteractionFactory(provider=ne_provider, created_by=associate_ann,
                                     date=days_ago(5))
    assert interaction.report_due_date == timezone.localdate()
    assert not interaction.report_overdue


def test_a_second_save_corrects_the_same_report(associate_ann, ne_provider):
    interaction = InteractionFactory(provider=ne_provider, created_by=associate_ann)
    first = intervention_report_save(interaction=interaction, actor=associate_ann, data=REPORT)
    second = intervention_report_save(interaction=interaction, actor=associate_ann,
                                      data={**REPORT, "progress_percent": 100})
    assert first.pk == second.pk and InterventionReport.objects.count() == 1
    assert second.submitted_at == first.submitted_at


@pytest.mark.parametrize(("field", "value"), [("progress_percent", 101),
                                              ("level_of_intensity", "extreme"),
                                              ("idf_health_equity", "")])
def test_a_report_with_bad_fields_is_refused(associate_ann, ne_provider, field, value):
    interaction = InteractionFactory(provider=ne_provider, created_by=associate_ann)
    with pytest.raises(ValidationError) as caught:
        intervention_report_save(interaction=interaction, actor=associate_ann,
                                 data={**REPORT, field: value})
    assert field in caught.value.message_dict


def test_another_qio_cannot_report_on_the_interaction(associate_ann, associate_wes,
                                                      ne_provider):
    interaction = InteractionFactory(provider=ne_provider, created_by=associate_ann)
    with pytest.raises(PermissionDenied):
        intervention_report_save(interaction=interaction, actor=associate_wes, data=REPORT)


def test_an_interaction_without_an_intervention_has_no_report(associate_ann, ne_provider):
    interaction = InteractionFactory(provider=ne_provider, created_by=associate_ann,
                                     intervention_delivered=False, report_due_date=None)
    with pytest.raises(ValidationError):
        intervention_report_save(interaction=interaction, actor=associate_ann, data=REPORT)


def test_the_sweep_reminds_once_per_overdue_report(associate_ann, ne_provider):
    overdue = InteractionFactory(provider=ne_provider, created_by=associate_ann,
                                 date=days_ago(6))
    InteractionFactory(provider=ne_provider, created_by=associate_ann, date=days_ago(2))
    filed = InteractionFactory(provider=ne_provider, created_by=associate_ann, date=days_ago(9))
    intervention_report_save(interaction=filed, actor=associate_ann, data=REPORT)
    assert intervention_report_reminder_sweep.run() == 1
    assert intervention_report_reminders() == 0
    note = Notification.objects.get()
    assert note.recipient == associate_ann and note.kind == "qio.intervention_report_overdue"
    assert note.url == overdue.get_absolute_url()


def test_the_report_form_files_the_report(client, associate_ann, ne_provider):
    interaction = InteractionFactory(provider=ne_provider, created_by=associate_ann)
    client.force_login(associate_ann)
    url = reverse("qio_program:intervention_report", args=[interaction.pk])
    page = client.get(url).content.decode()
    assert all(label in page for _, label, _ in IDF_DISCIPLINES)
    response = client.post(url, REPORT)
    assert response.status_code == 302
    detail = client.get(interaction.get_absolute_url()).content.decode()
    assert "Details of Health equity." in detail and "40%" in detail


def test_the_report_form_shows_errors_instead_of_failing(client, associate_ann, ne_provider):
    interaction = InteractionFactory(provider=ne_provider, created_by=associate_ann)
    client.force_login(associate_ann)
    response = client.post(reverse("qio_program:intervention_report", args=[interaction.pk]),
                           {**REPORT, "progress_percent": "lots"})
    assert response.status_code == 200 and InterventionReport.objects.count() == 0
