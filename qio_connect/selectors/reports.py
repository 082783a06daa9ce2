"""Report queries for the NLC and the Delegated Administrator (seed 001, Dashboards &
Reports: views per page, how many people read a specific post, search terms, level of
engagement). Each report is one or a few grouped queries over the raw view and search rows."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from qis_portal.models import QIO_ORG_TYPES, Organization

from ..models import (
    EventFeedback,
    EventSubscription,
    LibraryItem,
    PageView,
    Post,
    Reaction,
    SearchLog,
)
from .scope import items_for, posts_for


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @classmethod
    def last_days(cls, days: int = 30) -> "Period":
        today = timezone.localdate()
        return cls(today - timedelta(days=days - 1), today)

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        return (timezone.make_aware(datetime.combine(self.start, time.min)),
                timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min)))

    def q(self, field: str) -> Q:
        low, high = self.bounds
        return Q(**{f"{field}__gte": low, f"{field}__lt": high})


def views_per_page(period: Period, limit: int = 200) -> list[dict]:
    return list(
        PageView.objects.filter(period.q("viewed_at")).values("path")
        .annotate(label=Max("label"), views=Count("id"), visitors=Count("user", distinct=True),
                  last_viewed=Max("viewed_at"))
        .order_by("-views", "path")[:limit])


def readers_of_items(user, period: Period, limit: int = 100) -> list[dict]:
    return list(
        PageView.objects.filter(period.q("viewed_at"), item__in=items_for(user))
        .values("item_id", "item__title", "item__kind")
        .annotate(views=Count("id"), readers=Count("user", distinct=True))
        .order_by("-readers", "-views", "item_id")[:limit])


def readers_of_posts(user, period: Period, limit: int = 100) -> list[dict]:
    return list(
        PageView.objects.filter(period.q("viewed_at"), post__in=posts_for(user))
        .values("post_id", "post__group__name", "label")
        .annotate(views=Count("id"), readers=Count("user", distinct=True))
        .order_by("-readers", "-views", "post_id")[:limit])


def readers(*, item: LibraryItem | None = None, post: Post | None = None) -> list[dict]:
    """Who read one post or item, with how often and when first and last (moderators only)."""
    target = {"item": item} if item is not None else {"post": post}
    return list(
        PageView.objects.filter(user__isnull=False, **target)
        .values("user__first_name", "user__last_name", "user__email", "organization__name")
        .annotate(views=Count("id"), first_read=Min("viewed_at"), last_read=Max("viewed_at"))
        .order_by("-last_read"))


def item_engagement(item: LibraryItem) -> dict:
    """What an author sees about their own article: counts, readers by QIO, reactions."""
    views = PageView.objects.filter(item=item)
    return {
        "views": views.count(),
        "readers": views.exclude(user__isnull=True).values("user").distinct().count(),
        "by_organization": list(
            views.values("organization__name")
            .annotate(views=Count("id"), readers=Count("user", distinct=True))
            .order_by("-readers", "organization__name")),
        "reactions": dict(item.reactions.values_list("kind").annotate(n=Count("id"))),
    }


def search_terms(period: Period, limit: int = 200) -> list[dict]:
    return list(
        SearchLog.objects.filter(period.q("searched_at")).values("normalized")
        .annotate(searches=Count("id"), searchers=Count("user", distinct=True),
                  without_results=Count("id", filter=Q(results=0)),
                  last_searched=Max("searched_at"))
        .order_by("-searches", "normalized")[:limit])


ENGAGEMENT_COLUMNS = [
    ("views", "Page views"), ("visitors", "People"), ("searches", "Searches"),
    ("posts", "Posts and replies"), ("reactions", "Reactions"),
    ("items_submitted", "Library items submitted"), ("items_published", "Library items published"),
    ("event_subscriptions", "Event subscriptions, follows and likes"),
    ("feedback", "Event feedback"),
]


def _by_org(qs, org_field: str, **aggregates) -> dict[int, dict]:
    return {row.pop(org_field): row
            for row in qs.filter(**{f"{org_field}__isnull": False}).values(org_field)
            .annotate(**aggregates).order_by()}


def engagement_by_qio(period: Period) -> list[dict]:
    """One row per QIO organization; a few grouped queries, merged here."""
    sources = [
        _by_org(PageView.objects.filter(period.q("viewed_at")), "organization",
                views=Count("id"), visitors=Count("user", distinct=True)),
        _by_org(SearchLog.objects.filter(period.q("searched_at")), "organization",
                searches=Count("id")),
        _by_org(Post.objects.filter(period.q("created_at")), "author__organization",
                posts=Count("id")),
        _by_org(Reaction.objects.filter(period.q("created_at")), "user__organization",
                reactions=Count("id")),
        _by_org(LibraryItem.objects.filter(period.q("submitted_at")), "organization",
                items_submitted=Count("id"),
                items_published=Count("id", filter=Q(status=LibraryItem.Status.PUBLISHED))),
        _by_org(EventSubscription.objects.filter(period.q("created_at")), "user__organization",
                event_subscriptions=Count("id")),
        _by_org(EventFeedback.objects.filter(period.q("created_at")), "user__organization",
                feedback=Count("id")),
    ]
    rows = []
    for org in Organization.objects.filter(org_type__in=QIO_ORG_TYPES).order_by("name"):
        row = {key: 0 for key, _ in ENGAGEMENT_COLUMNS}
        for source in sources:
            row.update(source.get(org.pk, {}))
        row["organization"] = org.name
        row["total"] = sum(row[key] for key, _ in ENGAGEMENT_COLUMNS if key != "visitors")
        rows.append(row)
    rows.sort(key=lambda r: (-r["total"], r["organization"]))
    return rows
