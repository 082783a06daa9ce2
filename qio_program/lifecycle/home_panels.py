"""Context for the lifecycle's “My Home” panels (registered in apps.py)."""

from django.utils import timezone

from qio_program.lifecycle.selectors import (
    agreements_to_sign,
    approvals_waiting,
    deliverable_triage,
)

PANEL_ROWS = 5


def approvals(request) -> dict:
    items = approvals_waiting(request.user)
    return {"approvals": items[:PANEL_ROWS], "approvals_count": len(items),
            "overdue_count": sum(1 for item in items if item.overdue)}


def deliverables(request) -> dict:
    """Overdue and due-soon deliverables by how late and by kind, each a link to exactly
    those on the lifecycle page."""
    return {"bands": deliverable_triage(request.user, today=timezone.localdate())}


def agreements(request) -> dict:
    return {"agreements": agreements_to_sign(request.user)}
