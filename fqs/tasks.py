"""FQS sweeps (Celery beat, registered in apps.py): each idempotent, a thin wrapper over a
service, so a doubled beat does nothing twice."""

import logging

from celery import shared_task
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from fqs import sprint
from fqs.models import Referral, SprintRequest
from fqs.models.choices import KEEPS_REFERRAL_OPEN
from fqs.services import referral_auto_close
from fqs.services.common import users_with_role
from fqs.services.escalation import undecided_requests_escalate
from qis_portal.models import Role
from qis_portal.services.notifications import notify_on_commit
from qis_portal.workflow import WorkflowConflict, lock

logger = logging.getLogger(__name__)


@shared_task
def close_out_ended_sprints() -> int:
    """Close every running referral whose sprint end date has come (seed 001: "automatically
    closed out by the system"). Held referrals are skipped: their clock is stopped; so are
    referrals whose extension or hold the COR has still to decide."""
    undecided = SprintRequest.objects.filter(referral=OuterRef("pk"), kind__in=KEEPS_REFERRAL_OPEN,
                                             status=SprintRequest.Status.PENDING)
    due = (Referral.objects.filter(status__in=Referral.RUNNING, sprint_end__lte=sprint.today())
           .exclude(Exists(undecided)).values_list("pk", flat=True))
    closed = 0
    for pk in list(due):
        try:
            referral_auto_close(referral=Referral.objects.get(pk=pk))
        except WorkflowConflict as exc:
            # Someone closed, held or extended it since the query: nothing to do.
            logger.info("FQS referral %s not auto-closed: %s", pk, exc.message)
            continue
        closed += 1
    return closed


@shared_task
def flag_overdue_launches() -> int:
    """Notify the associate and the QIO managers once when a launch deadline has passed."""
    overdue = Referral.objects.filter(
        status=Referral.Status.ASSIGNED, launch_due_date__lt=sprint.today(),
        launch_overdue_notified_at__isnull=True,
    ).values_list("pk", flat=True)
    flagged = 0
    for pk in list(overdue):
        with transaction.atomic():
            referral = lock(Referral, pk)
            if (referral.status != Referral.Status.ASSIGNED
                    or referral.launch_overdue_notified_at is not None):
                continue
            referral.launch_overdue_notified_at = timezone.now()
            referral.save(update_fields=["launch_overdue_notified_at", "updated_at"])
            managers = users_with_role(Role.QIO_MANAGER, referral.organization)
            notify_on_commit(
                recipients=[referral.assigned_to, *managers], kind="fqs.launch_overdue",
                title=f"FQS referral #{referral.pk} is past its launch deadline",
                body=f"It was due to launch by {referral.launch_due_date:%B %-d, %Y}.",
                url=f"/fqs/referrals/{referral.pk}/",
                idempotency_key=f"fqs:launch-overdue:{referral.pk}",
            )
        flagged += 1
    return flagged


@shared_task
def escalate_undecided_sprint_requests() -> int:
    """Tell the CORs of extensions and holds still undecided a business day after the end."""
    return undecided_requests_escalate()
