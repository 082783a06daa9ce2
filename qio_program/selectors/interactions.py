"""Interaction reads: the lists (overall and per provider) and one interaction's page."""

from datetime import date

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from qio_program.models import Interaction
from qio_program.selectors.scope import interactions_for

INTERACTION_ORDERING = ["-date", "-id"]


def interaction_list(user, *, provider_id: int | None = None, date_from: date | None = None,
                     date_to: date | None = None, subcategory: str = "",
                     associate_id: int | None = None,
                     report: str = "") -> QuerySet[Interaction]:
    """`report`: "overdue" (due date passed, no report), "missing", "filed" or ""."""
    qs = interactions_for(user)
    if provider_id:
        qs = qs.filter(provider_id=provider_id)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    if subcategory:
        qs = qs.filter(subcategory=subcategory)
    if associate_id:
        qs = qs.filter(created_by_id=associate_id)
    if report == "filed":
        qs = qs.filter(intervention_report__isnull=False)
    elif report in ("missing", "overdue"):
        qs = qs.filter(intervention_delivered=True, intervention_report__isnull=True)
        if report == "overdue":
            qs = qs.filter(report_due_date__lt=timezone.localdate())
    return qs.select_related("provider", "created_by", "intervention_report")


def interaction_for_user(user, pk) -> Interaction:
    return get_object_or_404(
        interactions_for(user).select_related("provider", "created_by", "qio",
                                              "intervention_report")
        .prefetch_related("contacts", "attachments"), pk=pk)
