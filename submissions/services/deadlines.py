"""Deadline reminders: issuers with open drafts hear 30, 7 and 1 days before the due date."""

from datetime import timedelta

from django.utils import timezone

from qis_portal.services.notifications import notify
from submissions import selectors
from submissions.models import Submission, SubmissionWindow

REMINDER_DAYS = (30, 7, 1)


def reminder_due(days_left: int) -> int | None:
    """The reminder a draft should have had by now: the nearest threshold at or above the days
    left, so a sweep that missed a day still sends it (and the key keeps it to once)."""
    if days_left < 0:
        return None
    eligible = [days for days in REMINDER_DAYS if days_left <= days]
    return min(eligible) if eligible else None


def deadline_reminders_send(*, today=None) -> int:
    """Idempotent: each (draft, threshold, recipient) is notified once, however often it runs."""
    today = today or timezone.localdate()
    sent = 0
    horizon = today + timedelta(days=max(REMINDER_DAYS))
    windows = SubmissionWindow.objects.filter(due_date__gte=today, due_date__lte=horizon)
    for window in windows:
        days_left = (window.due_date - today).days
        threshold = reminder_due(days_left)
        if threshold is None:
            continue
        drafts = (Submission.objects.filter(window=window, status=Submission.Status.DRAFT)
                  .select_related("issuer", "window"))
        for draft in drafts:
            when = "tomorrow" if days_left == 1 else (
                "today" if days_left == 0 else f"in {days_left} days")
            created = notify(
                recipients=selectors.issuer_users(draft.issuer_id),
                kind="submissions.deadline",
                title=f"Your {draft.get_form_type_display()} for {window.plan_year} is due "
                      f"{when} ({window.due_date:%m/%d/%Y})",
                body="It is still a draft. Check and submit it before the due date.",
                url=draft.get_absolute_url(),
                idempotency_key=f"submissions.deadline:{draft.pk}:{window.due_date}:{threshold}",
            )
            sent += len(created)
    return sent
