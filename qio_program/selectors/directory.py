"""Directory reads: the filtered provider list and everything gathered on a provider page."""

import re

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from qio_program.models import (
    SPL_ELIGIBLE,
    Interaction,
    OutcomeValue,
    Provider,
    SplEntry,
    Task,
    TaskStatus,
)
from qio_program.selectors.scope import interactions_for, providers_for, tasks_for

CCN_SEARCH = re.compile(r"^[A-Za-z0-9]{6}$")


def spl_filter(value: str) -> Q | None:
    """SPL status as the directory shows it: on the current SPL, or any AIAN provider."""
    on = SPL_ELIGIBLE
    if value == "yes":
        return on
    if value == "no":
        return ~on
    return None


def identifier_filter(q: str) -> Q | None:
    """An exact CCN (6 letters or digits), TIN (9 digits) or NPI (10 digits), a hyphen
    ignored; None when `q` looks like none of them."""
    q = q.strip()
    condition = None
    if CCN_SEARCH.match(q):
        condition = Q(ccn=q.upper())
    digits = q.replace("-", "")
    if digits.isdigit() and len(digits) in (9, 10):
        number = Q(tin=digits) if len(digits) == 9 else Q(npi=digits)
        condition = number if condition is None else condition | number
    return condition


def search_filter(q: str) -> Q | None:
    """Part of a name, or an exact CCN, TIN or NPI (each column has its own index)."""
    q = q.strip()[:100]
    if not q:
        return None
    condition = Q(name__icontains=q)
    identifier = identifier_filter(q)
    return condition if identifier is None else condition | identifier


def provider_search(user, *, q: str = "", state: str = "", setting: str = "", spl: str = "",
                    medicare_status: str = "", region: str = "") -> QuerySet[Provider]:
    """The directory list of `user`, filtered. No joins: every column shown is on the row."""
    qs = providers_for(user)
    for condition in (search_filter(q), spl_filter(spl)):
        if condition is not None:
            qs = qs.filter(condition)
    if state:
        qs = qs.filter(state=state)
    if setting:
        qs = qs.filter(setting=setting)
    if medicare_status:
        qs = qs.filter(medicare_status=medicare_status)
    if region:
        qs = qs.filter(region=region)
    return qs


def provider_for_user(user, pk) -> Provider:
    """The provider if `user` may see it, else 404 (another tenant's provider does not exist)."""
    return get_object_or_404(providers_for(user), pk=pk)


def current_spl_entry(provider: Provider) -> SplEntry | None:
    return (SplEntry.objects.filter(provider=provider, version__is_current=True)
            .select_related("version").first())


def provider_open_tasks(user, provider: Provider, limit: int = 10) -> list[Task]:
    return list(tasks_for(user).filter(
        related_type__app_label="qio_program", related_type__model="provider",
        related_id=provider.pk, status=TaskStatus.OPEN,
    ).select_related("assigned_user", "assigned_group").order_by("due_date", "id")[:limit])


def provider_recent_interactions(user, provider: Provider, limit: int = 10) -> list[Interaction]:
    return list(interactions_for(user).filter(provider=provider)
                .select_related("created_by", "intervention_report")
                .order_by("-date", "-id")[:limit])


def provider_recent_outcomes(provider: Provider, limit: int = 12) -> list[OutcomeValue]:
    return list(OutcomeValue.objects.filter(provider=provider).select_related("measure")
                .order_by("-year", "-quarter", "measure__code")[:limit])
