"""Intervention reports: what was done in an interaction, due within 5 days of it.

Seed 001 (Interventions reporting): "Report intervention details to the CMS system in near
real-time or no later than 5 days after the provider/outpatient clinical practice
interaction", with mode of engagement, targeted audience, level of intensity, details of the
5 IDF key disciplines and progress toward completion.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from qio_program.models import IDF_DISCIPLINES, Interaction, InterventionReport
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify
from qis_portal.workflow import require_permission

REPORT_FIELDS = ("mode_of_engagement", "targeted_audience", "level_of_intensity",
                 *(name for name, _, _ in IDF_DISCIPLINES), "progress_percent",
                 "progress_notes")


@transaction.atomic
def intervention_report_save(*, interaction: Interaction, actor, data: dict,
                             request=None) -> InterventionReport:
    """File (or correct) the interaction's intervention report."""
    locked = Interaction.objects.select_for_update().select_related("provider").get(
        pk=interaction.pk)
    require_permission(actor, "qio_program.add_interventionreport", locked,
                       action="interventionreport.save", request=request,
                       message="You cannot report on this interaction.")
    if not locked.intervention_delivered:
        raise ValidationError("This interaction delivered no intervention, so it has no "
                              "intervention report.")
    report = InterventionReport.objects.filter(interaction=locked).first()
    created = report is None
    if created:
        report = InterventionReport(interaction=locked, submitted_by=actor,
                                    submitted_at=timezone.now())
    for name in REPORT_FIELDS:
        if name in data:
            setattr(report, name, data[name])
    report.full_clean()
    report.save()
    audit_record(action="intervention_report.submit" if created
                 else "intervention_report.update", actor=actor, target=locked,
                 request=request, details={"late": report.submitted_late,
                                           "progress": report.progress_percent})
    return report


def intervention_reports_overdue(today=None):
    """Interactions whose report is past its due date and still missing."""
    today = today or timezone.localdate()
    return Interaction.objects.filter(intervention_delivered=True, report_due_date__lt=today,
                                      intervention_report__isnull=True)


def intervention_report_reminders(*, today=None) -> int:
    """The sweep: remind each associate once per overdue report (reminder_sent_at + key)."""
    sent = 0
    pending = intervention_reports_overdue(today).filter(
        report_reminder_sent_at__isnull=True).select_related("created_by", "provider")
    for interaction in pending.iterator(chunk_size=500):
        with transaction.atomic():
            claimed = Interaction.objects.filter(
                pk=interaction.pk, report_reminder_sent_at__isnull=True,
            ).update(report_reminder_sent_at=timezone.now())
            if not claimed:
                continue  # another sweep got here first
            notify(recipients=[interaction.created_by], kind="qio.intervention_report_overdue",
                   title=f"Intervention report overdue: {interaction.provider}"[:200],
                   body=f"The report for the {interaction.date:%b %d, %Y} interaction was due "
                        f"{interaction.report_due_date:%b %d, %Y} (5 days after it).",
                   url=interaction.get_absolute_url(),
                   idempotency_key=f"intervention-report-overdue:{interaction.pk}")
            sent += 1
    return sent
