"""Navigation by role: each app registers its entries; the header shows what the user may use."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str  # a rules permission checked with obj=None
    order: int = 100


NAV_ITEMS: list[NavItem] = []


def register_nav(item: NavItem) -> None:
    if item not in NAV_ITEMS:
        NAV_ITEMS.append(item)
        NAV_ITEMS.sort(key=lambda entry: (entry.order, entry.label))


def nav_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    return [
        {"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name}
        for item in NAV_ITEMS
        if user.has_perm(item.permission)
    ]
