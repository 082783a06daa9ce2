"""Home panels (registered in apps.py): the queue to answer, and my own questions."""

from qpp_assist import selectors
from qpp_assist.models import Inquiry


def queue(request) -> dict:
    user = request.user
    rows = selectors.open_queue(user)
    today = selectors.today()
    items = list(rows[:5])
    return {"qpp_rows": items, "qpp_count": rows.count(), "qpp_today": today,
            "qpp_overdue": rows.filter(status=Inquiry.Status.ROUTED,
                                       respond_by__lt=today).count()}


def mine(request) -> dict:
    rows = selectors.inquiries_for_user(request.user).filter(submitted_by=request.user)
    return {"qpp_rows": list(rows[:5]), "qpp_count": rows.count()}
