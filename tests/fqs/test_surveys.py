"""Provider feedback survey: sent on close-out, answered by the provider, responses read only by
the COR and CMS read-only users (403 for everyone else, API included), every reading audited,
and absent from every other JSON body."""

import json

import pytest

from fqs import services
from fqs.models import Referral, Survey
from qis_portal.models import AuditEvent

pytestmark = pytest.mark.django_db

SECRET_COMMENT = "The QIO associate was wonderful-7f3a"


@pytest.fixture
def answered(world, provider_pia):
    referral = world.referral(Referral.Status.CLOSED)
    survey = Survey.objects.get(referral=referral)
    services.survey_answer(survey=survey, actor=provider_pia, overall_satisfaction=4,
                           issue_resolved=True, would_recommend=True, comments=SECRET_COMMENT)
    return survey


def test_the_provider_answers_through_the_token_link(client, world, provider_pia):
    referral = world.referral(Referral.Status.CLOSED)
    survey = Survey.objects.get(referral=referral)
    client.force_login(provider_pia)
    page = client.get(f"/fqs/surveys/{survey.token}/")
    assert page.status_code == 200
    response = client.post(f"/fqs/surveys/{survey.token}/", {
        "overall_satisfaction": "5", "issue_resolved": "yes", "would_recommend": "no",
        "comments": "Quick help."})
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.status == Survey.Status.ANSWERED
    assert survey.response.would_recommend is False
    assert "has been answered" in client.get(f"/fqs/surveys/{survey.token}/").text


def test_a_wrong_token_is_not_found(client, provider_pia):
    client.force_login(provider_pia)
    assert client.get("/fqs/surveys/not-a-token/").status_code == 404


def test_another_user_cannot_answer_the_providers_survey(client, world, associate_ann):
    survey = Survey.objects.get(referral=world.referral(Referral.Status.CLOSED))
    client.force_login(associate_ann)
    assert client.get(f"/fqs/surveys/{survey.token}/").status_code == 403


READERS = ["cor_bob", "readonly_pat"]
OTHERS = ["outsider_charlie", "intake_ian", "fqs_fay", "manager_max", "associate_ann",
          "provider_pia", "reviewer_quinn", "officer_northeast"]


@pytest.mark.parametrize("who", READERS)
def test_the_cor_and_read_only_users_read_responses_and_each_read_is_audited(
        request, client, api_client, answered, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    api_client.force_authenticate(user)
    response_id = answered.response.pk
    assert SECRET_COMMENT in client.get(f"/fqs/survey-responses/{response_id}/").text
    assert "4 of 5" in client.get("/fqs/survey-responses/").text
    body = api_client.get("/api/fqs/survey-responses/").json()
    assert body["results"][0]["comments"] == SECRET_COMMENT
    assert api_client.get(f"/api/fqs/survey-responses/{response_id}/").status_code == 200
    reads = AuditEvent.objects.filter(action="survey_response.read_restricted", actor=user,
                                      outcome="success", target_id=str(response_id))
    assert reads.count() == 4


@pytest.mark.parametrize("who", OTHERS)
def test_everyone_else_gets_403_and_the_refusal_is_audited(request, client, api_client,
                                                           answered, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    api_client.force_authenticate(user)
    response_id = answered.response.pk
    for url in ("/fqs/survey-responses/", f"/fqs/survey-responses/{response_id}/"):
        assert client.get(url).status_code == 403
    for url in ("/api/fqs/survey-responses/", f"/api/fqs/survey-responses/{response_id}/"):
        assert api_client.get(url).status_code == 403
    assert AuditEvent.objects.filter(action="survey_response.read_restricted", actor=user,
                                     outcome="denied").exists()
    assert not AuditEvent.objects.filter(action="survey_response.read_restricted", actor=user,
                                         outcome="success").exists()


def test_responses_are_absent_from_every_other_json_body(api_client, answered, cor_bob):
    api_client.force_authenticate(cor_bob)
    referral = answered.referral
    urls = ["/api/fqs/requests/", f"/api/fqs/requests/{referral.activation.request_id}/",
            "/api/fqs/activations/", f"/api/fqs/activations/{referral.activation_id}/",
            "/api/fqs/referrals/", f"/api/fqs/referrals/{referral.pk}/",
            "/api/fqs/sprint-requests/", "/api/notifications/", "/api/me/"]
    for url in urls:
        response = api_client.get(url)
        assert response.status_code == 200, url
        text = json.dumps(response.json())
        assert SECRET_COMMENT not in text, url
        assert "overall_satisfaction" not in text and "would_recommend" not in text, url


def test_the_survey_answer_is_not_in_the_audit_trail(answered):
    assert not AuditEvent.objects.filter(note__contains=SECRET_COMMENT).exists()
    assert not any(SECRET_COMMENT in json.dumps(details) for details in
                   AuditEvent.objects.values_list("details", flat=True))
