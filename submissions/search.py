"""What the header search finds among QIS forms: by QIS title, issuer name, HIOS Issuer ID or
the form's number, within the submissions list's own scope (an issuer's own forms; reviewers
see filed forms only)."""

from django.db.models import Q

from qis_portal.search import SearchHit, SearchSource, record_number, text_match
from submissions import selectors

HIOS_ISSUER_ID_DIGITS = 5


def submission_rows(user, q: str):
    exact = Q(pk__in=[])
    number = record_number(q)
    if number is not None:
        exact |= Q(pk=number)
    if q.isdigit() and len(q) == HIOS_ISSUER_ID_DIGITS:
        exact |= Q(issuer__hios_issuer_id=q)
    rows = selectors.list_rows(selectors.submissions_for(user))
    return text_match(rows, q, ("qis_title", "issuer__name"), exact).order_by("-updated_at",
                                                                             "-id")


def submission_hit(submission) -> SearchHit:
    title = submission.qis_title or submission.get_form_type_display()
    return SearchHit(f"#{submission.pk} {title}",
                     f"{submission.get_form_type_display()} · {submission.issuer.name} · "
                     f"{submission.window.plan_year} plan year · "
                     f"{submission.get_status_display()}", submission.get_absolute_url())


SUBMISSIONS = SearchSource(kind="QIS submissions", permission="submissions.view_submission",
                           rows=submission_rows, hit=submission_hit, order=20)
