"""Homes that triage (issue 18, item 5): overdue and due-soon work counted by kind and by how
late, in one aggregate query, each group naming the filter its own list accepts
(`?kind=<kind>&late=<band>`), so "54 overdue" becomes "12 monthly status reports more than 30
days late", a link to exactly those.

Days are calendar days past the due date, the way the seeds' deadlines are read ("due 16
months after award"): due yesterday is 1 day late.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When


@dataclass(frozen=True)
class Band:
    key: str  # the list's `late=` value
    label: str
    first: int | None  # fewest days late (negative: days still to go), None: no bound
    last: int | None  # most days late, None: no bound

    def due_range(self, today: date) -> tuple[date | None, date | None]:
        """(earliest, latest) due date of the band, inclusive; None where unbounded."""
        earliest = today - timedelta(days=self.last) if self.last is not None else None
        latest = today - timedelta(days=self.first) if self.first is not None else None
        return earliest, latest

    def condition(self, field: str, today: date) -> Q:
        earliest, latest = self.due_range(today)
        q = Q()
        if earliest is not None:
            q &= Q(**{f"{field}__gte": earliest})
        if latest is not None:
            q &= Q(**{f"{field}__lte": latest})
        return q


DUE_SOON_DAYS = 14
# Most late first: the order a home shows them in.
BANDS = (
    Band("over-30", "More than 30 days late", 31, None),
    Band("8-30", "8–30 days late", 8, 30),
    Band("1-7", "1–7 days late", 1, 7),
    Band("soon", f"Due in the next {DUE_SOON_DAYS} days", -DUE_SOON_DAYS, 0),
)
BANDS_BY_KEY = {band.key: band for band in BANDS}


def band_for(key: str | None) -> Band | None:
    return BANDS_BY_KEY.get(key or "")


@dataclass(frozen=True)
class TriageGroup:
    band: Band
    kind: str
    kind_label: str
    count: int
    url: str


@dataclass(frozen=True)
class TriageBand:
    band: Band
    groups: list[TriageGroup]

    @property
    def count(self) -> int:
        return sum(group.count for group in self.groups)


def triage(qs: QuerySet, *, today: date, kind_field: str, kind_labels: dict, date_field: str,
           list_url: str) -> list[TriageBand]:
    """`qs` (open work) counted per band and kind in one query; bands without work left out.
    Each group links to `list_url` filtered by its kind and band."""
    whens = [When(band.condition(date_field, today), then=Value(band.key)) for band in BANDS]
    latest_soon = BANDS_BY_KEY["soon"].due_range(today)[1]
    rows = (qs.filter(**{f"{date_field}__lte": latest_soon})
            .annotate(triage_band=Case(*whens, output_field=CharField()))
            .values_list("triage_band", kind_field).annotate(n=Count("pk")).order_by())
    counts = {(band, kind): n for band, kind, n in rows}
    result = []
    for band in BANDS:
        groups = [TriageGroup(band, kind, label, counts[(band.key, kind)],
                              f"{list_url}?{urlencode({'kind': kind, 'late': band.key})}")
                  for kind, label in kind_labels.items() if (band.key, kind) in counts]
        if groups:
            result.append(TriageBand(band, groups))
    return result
