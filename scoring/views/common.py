"""Small helpers shared by the scoring views."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import QueryDict

from qis_portal.keyset import keyset_page

PAGE_SIZE = 50


def permission_required(perm: str):
    """Refuse (403, audited by the handler) unless the user holds ``perm`` (obj None)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                raise PermissionDenied("You do not have permission to open this page.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def paginate(request, queryset, per_page: int = PAGE_SIZE) -> dict:
    """A page of ``queryset`` and the query string to keep the filters between pages."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    query: QueryDict = request.GET.copy()
    query.pop("page", None)
    return {"page": page, "query": query.urlencode()}


def keyset(request, queryset, ordering: list[str], per_page: int = PAGE_SIZE) -> dict:
    """A "next page" page of a list that grows with the nation (entities, scores): no COUNT(*)
    and no OFFSET, whatever page is asked for."""
    return {"page": keyset_page(queryset, ordering=ordering, cursor=request.GET.get("cursor"),
                                per_page=per_page)}
