"""What QIO Connect pages share beyond the core's view helpers: the one-insert page-view
record, and a bounded number from the query string."""

from ..services import page_view_record


def record_view(request, label: str, **target) -> None:
    page_view_record(user=request.user, path=request.path, label=label, **target)


def int_param(request, name: str, default: int, low: int, high: int) -> int:
    """A bounded integer from the query string; anything else is the default (never a 500)."""
    raw = request.GET.get(name, "")
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return default
    return value if low <= value <= high else default
