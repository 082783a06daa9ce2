"""The raw rows behind the reports: one insert per page view and per search, nothing
aggregated at write time (the report queries group them)."""

from ..models import PageView, SearchLog


def page_view_record(*, user, path: str, label: str = "", item=None, post=None, event=None,
                     group=None) -> None:
    PageView.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        organization_id=getattr(user, "organization_id", None),
        path=path[:255], label=label[:200], item=item, post=post, event=event, group=group)


def normalize_terms(terms: str) -> str:
    return " ".join((terms or "").lower().split())[:200]


def search_record(*, user, terms: str, results: int) -> None:
    normalized = normalize_terms(terms)
    if not normalized:
        return
    SearchLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        organization_id=getattr(user, "organization_id", None),
        terms=" ".join(terms.split())[:200], normalized=normalized, results=results)
