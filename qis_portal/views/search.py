"""The header search's results page: every kind the user may list, grouped, each scoped like
its own list."""

from django.shortcuts import render

from qis_portal.search import MAX_QUERY_LENGTH, clean_query, search_for


def search(request):
    q = clean_query(request.GET.get("q", ""))
    groups = search_for(request.user, q)
    return render(request, "search.html", {
        "q": q, "groups": groups, "max_length": MAX_QUERY_LENGTH,
        "total": sum(len(group.hits) for group in groups),
    })
