"""Restricted data (issue #8, item 1): survey responses reach the COR and CMS read-only users
only, every reading is audited, and the Django superuser — who holds every other portal
permission — reads none of them, in the portal, its API or the admin.

(The access matrix scans every body of every route for every other persona.)"""

import pytest
from django.urls import reverse

from qis_portal.models import AuditEvent
from tests.access.conftest import client_for, consume
from tests.access.matrix import _url, restricted_leak
from tests.access.routes import CHECKS
from tests.access.world import SURVEY_COMMENT

pytestmark = pytest.mark.django_db

RESPONSE_PAGES = [
    ("fqs:survey_response_list", None),
    ("fqs:survey_response_detail", "survey_response"),
    ("fqs-survey-response-list", None),
    ("fqs-survey-response-detail", "survey_response"),
]


def _response_url(world, route, attr):
    return reverse(route, kwargs={"pk": getattr(world, attr).pk} if attr else None)


@pytest.mark.parametrize("persona", ["cor", "readonly"])
@pytest.mark.parametrize(("route", "attr"), RESPONSE_PAGES)
def test_the_cor_and_cms_read_only_read_survey_responses_and_each_reading_is_audited(
        world, persona, route, attr):
    before = AuditEvent.objects.filter(action="survey_response.read_restricted").count()
    response = client_for(world, persona).get(_response_url(world, route, attr))
    assert response.status_code == 200
    body = consume(response)
    if route == "fqs:survey_response_list":  # ratings and a link; the comment is one click on
        assert reverse("fqs:survey_response_detail", args=[world.survey_response.pk]).encode() \
            in body
    else:
        assert SURVEY_COMMENT.encode() in body
    audits = AuditEvent.objects.filter(action="survey_response.read_restricted")
    assert audits.count() > before
    assert audits.order_by("-id").first().actor == world.user(persona)


@pytest.mark.parametrize(("route", "attr"), RESPONSE_PAGES)
def test_the_superuser_cannot_read_survey_responses(world, route, attr):
    response = client_for(world, "superuser").get(_response_url(world, route, attr))
    assert response.status_code in (403, 404)
    assert SURVEY_COMMENT.encode() not in consume(response)


def test_no_page_or_api_body_shows_the_superuser_a_survey_response(world):
    leaks = []
    for check in CHECKS:
        if check.method != "GET":
            continue
        url = _url(check, world)
        body = consume(client_for(world, "superuser").get(url))
        problem = restricted_leak("superuser", url, body)
        if problem:
            leaks.append(f"{url}: {problem}")
    assert leaks == []


def test_the_admin_shows_surveys_but_not_their_responses(world):
    client = client_for(world, "superuser")
    survey = world.survey_response.survey
    for url in ("/admin/fqs/survey/", f"/admin/fqs/survey/{survey.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SURVEY_COMMENT.encode() not in consume(response), url
    assert client.get("/admin/fqs/surveyresponse/").status_code == 404
