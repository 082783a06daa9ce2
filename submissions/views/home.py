"""The "QIS submissions" panel on My Home."""

from django.db.models import Count

from submissions import selectors
from submissions.models import Submission


def home_panel_context(request) -> dict:
    qs = selectors.submissions_for(request.user)
    counts = dict(qs.order_by().values_list("status").annotate(n=Count("id")))
    window = selectors.open_windows().order_by("due_date").first()
    return {
        "qis_drafts": counts.get(Submission.Status.DRAFT, 0),
        "qis_waiting": counts.get(Submission.Status.SUBMITTED, 0),
        "qis_under_review": counts.get(Submission.Status.UNDER_REVIEW, 0),
        "qis_window": window,
        "qis_is_reviewer": request.user.has_perm("submissions.review_submission"),
    }
