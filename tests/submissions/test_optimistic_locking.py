"""A second tab or user editing the same draft cannot silently overwrite the first: each save
names the version it read; on conflict they are told and shown both versions."""

import pytest
from django.urls import reverse

from qis_portal.models import Role
from submissions.services import EditConflict, submission_save_draft, submission_submit
from tests.factories import user_with_role
from tests.submissions.conftest import fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(issuer_org):
    return user_with_role(Role.ISSUER_USER, issuer_org, email="bea@sunrise.test")


def test_each_save_raises_the_version(make_progress_report, issuer_alice):
    draft = make_progress_report()
    assert draft.version == 1
    saved = submission_save_draft(submission=draft, actor=issuer_alice, expected_version=1,
                                  data={"goal_1": "First"})
    assert saved.version == 2 and saved.last_saved_by == issuer_alice


def test_a_save_from_a_stale_version_is_refused_and_shows_the_saved_one(
        make_progress_report, issuer_alice, colleague):
    draft = make_progress_report()
    submission_save_draft(submission=draft, actor=colleague, expected_version=1,
                          data={"qis_title": "Colleague's title"})
    with pytest.raises(EditConflict) as exc:
        submission_save_draft(submission=draft, actor=issuer_alice, expected_version=1,
                              data={"qis_title": "Alice's title"})
    assert exc.value.current.version == 2
    assert exc.value.current.data["qis_title"] == "Colleague's title"
    assert "saved by bea@sunrise.test (version 2) after you opened it (version 1)" in \
        exc.value.message
    assert fresh(draft).data["qis_title"] == "Colleague's title"


def test_submitting_a_version_that_changed_meanwhile_is_refused(draft_report, issuer_alice,
                                                                 colleague):
    submission_save_draft(submission=draft_report, actor=colleague,
                          expected_version=draft_report.version, data={"goal_1": "Newer"})
    with pytest.raises(EditConflict):
        submission_submit(submission=draft_report, actor=issuer_alice,
                          expected_version=draft_report.version)
    assert fresh(draft_report).status == "draft"


def test_the_browser_shows_both_versions_and_keeps_the_users_values(
        client, make_progress_report, issuer_alice, colleague):
    draft = make_progress_report()
    submission_save_draft(submission=draft, actor=colleague, expected_version=1,
                          data={"qis_title": "Colleague's title"})
    client.force_login(issuer_alice)
    url = reverse("submissions:part", args=[draft.pk, "a"])
    response = client.post(url, {"version": "1", "qis_title": "Alice's title"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this draft" in body
    assert "Colleague&#x27;s title" in body and "Alice&#x27;s title" in body
    assert 'name="version" value="2"' in body
    assert fresh(draft).data["qis_title"] == "Colleague's title"
    # Saving again, now knowing version 2, keeps Alice's values deliberately.
    client.post(url, {"version": "2", "qis_title": "Alice's title"})
    assert fresh(draft).data["qis_title"] == "Alice's title"


def test_the_api_answers_409_with_the_saved_version(api_client, make_progress_report,
                                                    issuer_alice, colleague):
    draft = make_progress_report()
    submission_save_draft(submission=draft, actor=colleague, expected_version=1,
                          data={"goal_1": "Colleague's goal"})
    api_client.force_authenticate(issuer_alice)
    response = api_client.patch(f"/api/submissions/{draft.pk}/",
                                {"version": 1, "data": {"goal_1": "Alice's goal"}},
                                format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert response.json()["current"]["version"] == 2
    assert response.json()["current"]["data"]["goal_1"] == "Colleague's goal"
    assert response.json()["current"]["last_saved_by"] == "bea@sunrise.test"


def test_saving_a_part_after_the_form_was_submitted_in_another_tab_is_a_clear_message(
        client, draft_report, issuer_alice, monkeypatch):
    from submissions.views import submissions as views

    client.force_login(issuer_alice)
    url = reverse("submissions:part", args=[draft_report.pk, "a"])
    original = views.get_submission

    def stale_read(request, pk):
        stale = original(request, pk)
        submission_submit(submission=stale, actor=issuer_alice)  # the other tab submits
        return stale

    monkeypatch.setattr(views, "get_submission", stale_read)
    response = client.post(url, {"version": str(draft_report.version), "qis_title": "x"})
    assert response.status_code == 302 and response.url == draft_report.get_absolute_url()
    assert fresh(draft_report).data["qis_title"] == "Reducing NTSV C-sections"
