"""Helpers every QIO page uses."""

from django.core.exceptions import PermissionDenied

PER_PAGE = 25


def require_perm(request, permission: str, obj=None, message: str = "") -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied(message or "You do not have permission to open this page.")


def int_or_none(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None
