"""What the header search finds in FQS: requests and referrals by facility name or number,
each within its list's own scope (a submitter's own requests; a QIO's own referrals; CMS all)."""

from django.db.models import Q
from django.urls import reverse

from fqs import selectors
from qis_portal.search import SearchHit, SearchSource, record_number, text_match


def _number(q: str) -> Q | None:
    number = record_number(q)
    return Q(pk=number) if number is not None else None


def request_rows(user, q: str):
    return text_match(selectors.requests_for_user(user), q,
                      ("facility_name", "provider__name"), _number(q)).order_by("-id")


def request_hit(fqs_request) -> SearchHit:
    return SearchHit(str(fqs_request), fqs_request.get_status_display(),
                     reverse("fqs:request_detail", args=[fqs_request.pk]))


def referral_rows(user, q: str):
    return text_match(selectors.referrals_for_user(user), q,
                      ("provider__name", "activation_provider__facility_name"),
                      _number(q)).order_by("-id")


def referral_hit(referral) -> SearchHit:
    return SearchHit(str(referral), f"{referral.get_status_display()} · "
                     f"{referral.get_region_display()}",
                     reverse("fqs:referral_detail", args=[referral.pk]))


REQUESTS = SearchSource(kind="FQS requests", permission="fqs.view_fqsrequest",
                        rows=request_rows, hit=request_hit, order=30)
REFERRALS = SearchSource(kind="FQS referrals", permission="fqs.view_referral",
                         rows=referral_rows, hit=referral_hit, order=31)
