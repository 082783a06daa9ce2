"""Context for the lifecycle's “My Home” panels (registered in apps.py)."""

from qio_program.lifecycle.selectors import agreements_to_sign, approvals_waiting, qio_dashboard

PANEL_ROWS = 5


def approvals(request) -> dict:
    items = approvals_waiting(request.user)
    return {"approvals": items[:PANEL_ROWS], "approvals_count": len(items),
            "overdue_count": sum(1 for item in items if item.overdue)}


def deliverables(request) -> dict:
    board = qio_dashboard(request.user)
    return {"overdue": board.overdue[:PANEL_ROWS], "overdue_count": len(board.overdue),
            "upcoming": board.upcoming[:PANEL_ROWS]}


def agreements(request) -> dict:
    return {"agreements": agreements_to_sign(request.user)}
