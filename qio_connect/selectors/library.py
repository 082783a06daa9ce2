"""Library search by keyword, topic, tag, QIO and author (seed 001: "Can search using keywords,
topic, QIO, name, etc."): PostgreSQL full-text search when on PostgreSQL, a case-insensitive
substring match on SQLite, the embedded default."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Count, Q, QuerySet

from ..models import LibraryItem, ReactionKind
from .scope import items_for, published_items_for

FTS_CONFIG = "english"


@dataclass(frozen=True)
class LibraryFilters:
    q: str = ""
    category: int | None = None
    tag: int | None = None
    organization: int | None = None
    author: str = ""
    kind: str = ""

    @property
    def any(self) -> bool:
        return bool(self.q or self.category or self.tag or self.organization or self.author
                    or self.kind)


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def keyword_filter(qs: QuerySet[LibraryItem], q: str) -> QuerySet[LibraryItem]:
    q = " ".join(q.split())
    if not q:
        return qs
    if uses_full_text():
        vector = (SearchVector("title", weight="A", config=FTS_CONFIG)
                  + SearchVector("summary", weight="B", config=FTS_CONFIG)
                  + SearchVector("body", weight="C", config=FTS_CONFIG))
        query = SearchQuery(q, search_type="websearch", config=FTS_CONFIG)
        return (qs.annotate(rank=SearchRank(vector, query))
                .filter(Q(rank__gt=0) | Q(title__icontains=q))
                .order_by("-rank", "-published_at", "-id"))
    words = q.split()
    for word in words:
        qs = qs.filter(Q(title__icontains=word) | Q(summary__icontains=word)
                       | Q(body__icontains=word) | Q(tags__name__iexact=word))
    return qs.distinct()


def library_search(user, filters: LibraryFilters) -> QuerySet[LibraryItem]:
    """Published items the user may read, narrowed by the filters; best matches first when
    there are keywords, newest first otherwise."""
    qs = published_items_for(user)
    if filters.category:
        qs = qs.filter(category_id=filters.category)
    if filters.tag:
        qs = qs.filter(tags__id=filters.tag)
    if filters.organization:
        qs = qs.filter(organization_id=filters.organization)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    author = " ".join(filters.author.split())
    for word in author.split():
        qs = qs.filter(Q(author__first_name__icontains=word)
                       | Q(author__last_name__icontains=word)
                       | Q(author__email__istartswith=word))
    if filters.q:
        return keyword_filter(qs, filters.q).prefetch_related("tags")
    return qs.order_by("-published_at", "-id").prefetch_related("tags")


def item_counts(item: LibraryItem) -> dict:
    """Reactions on one item, by kind, and which kinds the reader chose (for the buttons)."""
    counts = dict(item.reactions.values_list("kind").annotate(n=Count("id")))
    return {kind: counts.get(kind, 0) for kind in ReactionKind.values}


def my_items(user) -> QuerySet[LibraryItem]:
    """An author's own items with their engagement (views, readers, reactions), counted in
    the same query."""
    return (items_for(user).filter(author=user)
            .annotate(view_count=Count("views", distinct=True),
                      reader_count=Count("views__user", distinct=True),
                      reaction_count=Count("reactions", distinct=True))
            .order_by("-submitted_at", "-id"))
