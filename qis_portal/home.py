"""“My Home” panels by role: apps register a panel; home shows those the user may see."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomePanel:
    title: str
    template: str
    permission: str
    context: Callable  # (request) -> dict
    order: int = 100


HOME_PANELS: list[HomePanel] = []


def register_home_panel(panel: HomePanel) -> None:
    if all(existing.template != panel.template for existing in HOME_PANELS):
        HOME_PANELS.append(panel)
        HOME_PANELS.sort(key=lambda item: (item.order, item.title))


def panels_for(request) -> list[dict]:
    """Each visible panel rendered with its own context (its keys both bare and as `panel.*`)."""
    from django.template.loader import render_to_string

    user = request.user
    rendered = []
    for panel in HOME_PANELS:
        if not user.has_perm(panel.permission):
            continue
        context = panel.context(request)
        html = render_to_string(panel.template, {**context, "panel": context, "user": user,
                                                 "request": request})
        rendered.append({**context, "title": panel.title, "html": html})
    return rendered
