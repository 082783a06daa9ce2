"""One search across the portal (issue 18, item 4): each app registers what it can be searched
for, and each source starts from the same scoped selector as its own list, so another
tenant's record is never a candidate.

Words are matched by PostgreSQL full-text search on PostgreSQL (prefix matching, the
`simple` configuration, so names and numbers are not stemmed; the GIN indexes of each app's
migration cover the row's own columns), and by a case-insensitive substring match on SQLite,
the embedded default. A number ("#123", a CCN, a TIN) is matched exactly by the source.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

SEARCH_CONFIG = "simple"
MAX_QUERY_LENGTH = 100
PER_KIND = 10
WORD = re.compile(r"\w+")
RECORD_NUMBER = re.compile(r"^#?(\d{1,18})$")


@dataclass(frozen=True)
class SearchHit:
    title: str
    detail: str
    url: str


@dataclass(frozen=True)
class SearchSource:
    """What one kind of record answers to. `rows(user, q)` is the user's scoped, matched
    queryset; `hit(obj)` says how a row is shown; `list_url(q)` is the kind's own list
    filtered by the same words, where that list takes them."""

    kind: str
    permission: str  # the list page's own permission, checked with obj=None
    rows: Callable[[object, str], QuerySet]
    hit: Callable[[object], SearchHit]
    list_url: Callable[[str], str] | None = None
    order: int = 100


@dataclass(frozen=True)
class SearchGroup:
    kind: str
    hits: list[SearchHit]
    more: bool
    list_url: str | None


SEARCH_SOURCES: list[SearchSource] = []


def register_search(source: SearchSource) -> None:
    if all(existing.kind != source.kind for existing in SEARCH_SOURCES):
        SEARCH_SOURCES.append(source)
        SEARCH_SOURCES.sort(key=lambda item: (item.order, item.kind))


def clean_query(q: str) -> str:
    return " ".join((q or "").split())[:MAX_QUERY_LENGTH]


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def record_number(q: str) -> int | None:
    """"123" or "#123": the record's own number."""
    match = RECORD_NUMBER.match(q.strip())
    return int(match.group(1)) if match else None


def text_match(qs: QuerySet, q: str, fields: tuple[str, ...], exact: Q | None = None) -> QuerySet:
    """Rows whose `fields` hold every word of `q` (as a word prefix on PostgreSQL, as a
    substring on SQLite), or that `exact` matches (a number, a code)."""
    words = WORD.findall(q)
    condition = Q(pk__in=[])
    if words and uses_full_text():
        # Only \w+ tokens reach the raw tsquery, so no operator from the user is parsed.
        query = SearchQuery(" & ".join(f"{word}:*" for word in words), search_type="raw",
                            config=SEARCH_CONFIG)
        qs = qs.annotate(search_document=SearchVector(*fields, config=SEARCH_CONFIG))
        condition = Q(search_document=query)
    elif words:
        condition = Q()
        for word in words:
            condition &= _any_field_contains(fields, word)
    if exact is not None:
        condition |= exact
    return qs.filter(condition)


def _any_field_contains(fields: tuple[str, ...], word: str) -> Q:
    match = Q()
    for field in fields:
        match |= Q(**{f"{field}__icontains": word})
    return match


def search_for(user, q: str, per_kind: int = PER_KIND) -> list[SearchGroup]:
    """The kinds the user may list, each with its first `per_kind` matches (one query a
    kind); kinds without a match are left out."""
    q = clean_query(q)
    if not q or not user.is_authenticated:
        return []
    groups = []
    for source in SEARCH_SOURCES:
        if not user.has_perm(source.permission):
            continue
        rows = list(source.rows(user, q)[:per_kind + 1])
        if rows:
            groups.append(SearchGroup(
                kind=source.kind, hits=[source.hit(row) for row in rows[:per_kind]],
                more=len(rows) > per_kind,
                list_url=source.list_url(q) if source.list_url else None))
    return groups


def full_text_index(name: str, table: str, column: str):
    """A migration step: on PostgreSQL, a GIN index on the very expression `text_match`
    compares (`to_tsvector('simple', COALESCE(column, '')::text)`, as Django writes it), so
    a search by a word reads the index; other databases have no full-text search and skip
    it."""
    from django.db import migrations

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin "
                f"(to_tsvector('{SEARCH_CONFIG}'::regconfig, (COALESCE({column}, ''))::text))")

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop)
