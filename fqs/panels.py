"""Home panels (registered in apps.py): intake queue, activations pending, my referrals."""

from fqs import selectors
from fqs.models import Activation, FqsRequest, Referral


def intake_queue(request) -> dict:
    rows = selectors.requests_for_user(request.user).filter(status=FqsRequest.Status.NEW)
    return {"fqs_rows": list(rows[:5]), "fqs_count": rows.count()}


def activations_pending(request) -> dict:
    rows = selectors.activations_for_user(request.user).filter(
        status=Activation.Status.PENDING_COR)
    return {"fqs_rows": list(rows[:5]), "fqs_count": rows.count()}


def my_referrals(request) -> dict:
    user = request.user
    rows = selectors.referrals_for_user(user).exclude(status=Referral.Status.CLOSED)
    if user.has_role("qio_associate") and not user.has_role("qio_manager", "qio_support"):
        rows = rows.filter(assigned_to=user)
    return {"fqs_rows": selectors.with_days_left(rows.order_by("sprint_end", "id")[:5]),
            "fqs_count": rows.count()}
