"""What the header search finds in QIO Connect: library items, by the library's own keyword
search over what the user may read."""

from urllib.parse import urlencode

from django.urls import reverse

from qis_portal.search import SearchHit, SearchSource

from .selectors.library import LibraryFilters, library_search


def item_rows(user, q: str):
    return library_search(user, LibraryFilters(q=q))


def item_hit(item) -> SearchHit:
    return SearchHit(item.title, f"{item.get_kind_display()} · {item.summary}"[:200],
                     reverse("qio_connect:item_detail", args=[item.pk]))


LIBRARY_ITEMS = SearchSource(
    kind="Library items", permission="qio_connect.view_libraryitem", rows=item_rows,
    hit=item_hit, order=50,
    list_url=lambda q: f"{reverse('qio_connect:library')}?{urlencode({'q': q})}")
