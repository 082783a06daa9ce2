"""The bulk read path of /api/submissions/ (issue 20): the list built from plain rows is the
list serializer's rows, value for value, scoped as before (a reviewer never sees a draft),
and the NDJSON export with `updated_since` streams the same rows."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from qis_portal.api_bulk import export
from submissions import selectors
from submissions.api import QisSubmissionListOutput
from submissions.models import Submission

pytestmark = pytest.mark.django_db


def serializer_rows(user) -> list[dict]:
    rows = selectors.list_rows(selectors.submissions_for(user)).order_by("-id")
    return json.loads(JSONRenderer().render(QisSubmissionListOutput(rows, many=True).data))


def test_the_list_is_the_serializers_rows_and_a_reviewer_sees_no_draft(
        api_client, reviewer_quinn, issuer_alice, submitted_report, draft_work_plan):
    api_client.force_authenticate(reviewer_quinn)
    got = api_client.get("/api/submissions/").json()["results"]
    assert got == serializer_rows(reviewer_quinn)
    assert [row["id"] for row in got] == [submitted_report.pk]
    assert got[0]["qis_title"] and got[0]["submitted_at"]

    api_client.force_authenticate(issuer_alice)
    mine = api_client.get("/api/submissions/").json()["results"]
    assert mine == serializer_rows(issuer_alice)
    assert {row["id"] for row in mine} == {submitted_report.pk, draft_work_plan.pk}


def test_the_export_streams_the_rows_changed_since_in_chunks(
        api_client, issuer_alice, submitted_report, draft_work_plan, monkeypatch):
    monkeypatch.setattr(export, "CHUNK", 1)
    Submission.objects.filter(pk=submitted_report.pk).update(
        updated_at=timezone.now() - timedelta(days=3))
    api_client.force_authenticate(issuer_alice)
    since = (timezone.now() - timedelta(days=1)).isoformat()
    whole = api_client.get("/api/submissions/export/")
    assert [json.loads(line) for line in b"".join(whole.streaming_content).splitlines()] == (
        serializer_rows(issuer_alice))
    recent = api_client.get("/api/submissions/export/", {"updated_since": since})
    lines = b"".join(recent.streaming_content).splitlines()
    assert [json.loads(line)["id"] for line in lines] == [draft_work_plan.pk]
    assert 'filename="qis-submissions.ndjson"' in recent["Content-Disposition"]
