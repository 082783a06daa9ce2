"""REST under /api/qio/: the same scope, rules and validation as the pages."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from qio_program.models import IDF_DISCIPLINES, Interaction, Provider, SplVersion, TaskQueue
from qio_program.services.outcomes import current_quarter, outcome_record
from qio_program.services.spl import spl_upload_process
from qio_program.services.tasks import task_create
from qis_portal.regions import Region
from tests.lifecycle.builders import open_outcome_reporting
from tests.qio_program.conftest import PDF
from tests.qio_program.factories import InteractionFactory, MeasureFactory, ProviderFactory
from tests.qio_program.spl_files import spl_csv_bytes, spl_row

pytestmark = pytest.mark.django_db

API = "/api/qio"


@pytest.fixture
def as_user(api_client):
    def _login(user):
        api_client.force_authenticate(user)
        return api_client

    return _login


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_provider_list_is_scoped_like_the_directory(as_user, associate_ann, readonly_pat,
                                                        ne_provider, west_provider):
    assert ids(as_user(associate_ann).get(f"{API}/providers/")) == [ne_provider.pk]
    assert sorted(ids(as_user(readonly_pat).get(f"{API}/providers/"))) == sorted(
        [ne_provider.pk, west_provider.pk])
    assert as_user(associate_ann).get(f"{API}/providers/{west_provider.pk}/").status_code == 404


def test_providers_filter_by_updated_since_and_search(as_user, associate_ann, ne_provider):
    old = ProviderFactory(name="Old Home")
    Provider.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=3))
    client = as_user(associate_ann)
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert ids(client.get(f"{API}/providers/", {"updated_since": since})) == [ne_provider.pk]
    assert ids(client.get(f"{API}/providers/", {"q": "old"})) == [old.pk]
    bad = client.get(f"{API}/providers/", {"updated_since": "yesterday"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid"


def test_lists_are_cursor_paginated(as_user, associate_ann):
    for _ in range(3):
        ProviderFactory()
    page = as_user(associate_ann).get(f"{API}/providers/", {"page_size": 2}).json()
    assert len(page["results"]) == 2 and "cursor=" in page["next"] and "count" not in page


def test_a_qio_user_creates_a_provider_and_the_region_is_theirs(as_user, associate_ann):
    response = as_user(associate_ann).post(f"{API}/providers/", {
        "name": "Harbor View", "setting": "hospital", "ccn": "220071", "state": "MA",
        "region": "west", "on_spl": True}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["region"], body["on_spl"]) == (Region.NORTHEAST, False)


def test_a_bad_ccn_answers_400_with_the_field(as_user, associate_ann):
    response = as_user(associate_ann).post(f"{API}/providers/", {
        "name": "X", "setting": "hospital", "ccn": "12", "state": "MA"}, format="json")
    assert response.status_code == 400
    assert "ccn" in response.json()["error"]["fields"]


def test_cms_cannot_create_or_edit_providers(as_user, readonly_pat, ne_provider):
    client = as_user(readonly_pat)
    assert client.post(f"{API}/providers/", {"name": "X"}, format="json").status_code == 403
    assert client.patch(f"{API}/providers/{ne_provider.pk}/", {"name": "Y"},
                        format="json").status_code == 403


def test_a_qio_user_edits_a_provider_partially(as_user, associate_ann, ne_provider):
    response = as_user(associate_ann).patch(f"{API}/providers/{ne_provider.pk}/",
                                            {"city": "Bangor"}, format="json")
    assert response.status_code == 200 and response.json()["city"] == "Bangor"


def test_api_lists_run_the_same_queries_at_1_and_30_rows(as_user, associate_ann, northeast_qio,
                                                         ne_provider):
    client = as_user(associate_ann)
    task_create(qio=northeast_qio, subject="T", related=ne_provider, assigned_user=associate_ann)
    InteractionFactory(provider=ne_provider, created_by=associate_ann)
    urls = [f"{API}/providers/", f"{API}/tasks/", f"{API}/interactions/"]
    at_one = [queries(client, url) for url in urls]
    for index in range(29):
        provider = ProviderFactory()
        task_create(qio=northeast_qio, subject=f"T{index}", related=provider,
                    assigned_user=associate_ann, owner=associate_ann)
        InteractionFactory(provider=provider, created_by=associate_ann)
    assert [queries(client, url) for url in urls] == at_one


def test_the_cor_uploads_an_spl_and_polls_it(as_user, cor_bob, make_file,
                                             django_capture_on_commit_callbacks):
    client = as_user(cor_bob)
    response = client.post(f"{API}/spl-versions/upload/", {
        "region": Region.NORTHEAST, "file": make_file("spl.csv", spl_csv_bytes([spl_row()]))},
        format="multipart")
    assert response.status_code == 202, response.json()
    upload_id = response.json()["id"]
    spl_upload_process(upload_id=upload_id)
    polled = client.get(f"{API}/spl-uploads/{upload_id}/").json()
    version = SplVersion.objects.get()
    assert (polled["status"], polled["percent"], polled["version"]) == ("imported", 100,
                                                                         version.pk)
    listed = client.get(f"{API}/spl-versions/").json()["results"]
    assert [(v["region"], v["number"], v["is_current"]) for v in listed] == [
        ("northeast", 1, True)]
    entries = client.get(f"{API}/spl-versions/{version.pk}/entries/").json()["results"]
    assert entries[0]["deficits"] == [{"aim": "Patient Safety",
                                       "sub_aim": "Falls with major injury"}]


def test_a_refused_upload_reports_its_problems(as_user, cor_bob, make_file):
    client = as_user(cor_bob)
    response = client.post(f"{API}/spl-versions/upload/", {
        "region": Region.NORTHEAST,
        "file": make_file("spl.csv", spl_csv_bytes([spl_row(ccn="bad")]))}, format="multipart")
    spl_upload_process(upload_id=response.json()["id"])
    body = client.get(f"{API}/spl-uploads/{response.json()['id']}/").json()
    assert body["status"] == "failed"
    assert body["errors"] == [{"row": 2, "column": "ccn", "value": "bad",
                               "rule": "a CCN is exactly 6 letters or digits"}]


def test_uploads_are_refused_to_non_cor_users_and_bad_files_to_the_cor(as_user, associate_ann,
                                                                      cor_bob, make_file):
    assert as_user(associate_ann).post(f"{API}/spl-versions/upload/", {},
                                       format="multipart").status_code == 403
    response = as_user(cor_bob).post(f"{API}/spl-versions/upload/", {
        "region": Region.NORTHEAST, "file": make_file("spl.txt", b"x")}, format="multipart")
    assert response.status_code == 400
    assert "is not a CSV file" in str(response.json()["error"])


def test_cms_has_no_tasks_in_the_api(as_user, readonly_pat):
    assert as_user(readonly_pat).get(f"{API}/tasks/").status_code == 403


def test_tasks_are_created_assigned_and_completed_and_a_second_completion_is_409(
        as_user, associate_ann, manager_max, northeast_qio):
    created = as_user(associate_ann).post(f"{API}/tasks/", {"subject": "Call Dr. Smith"},
                                          format="json")
    assert created.status_code == 201 and created.json()["assigned_user"] == associate_ann.email
    queued = task_create(qio=northeast_qio, subject="AHQT", assigned_queue=TaskQueue.AHQT)
    assert as_user(associate_ann).post(f"{API}/tasks/{queued.pk}/assign/", {
        "assigned_user": manager_max.pk}, format="json").status_code == 403
    assigned = as_user(manager_max).post(f"{API}/tasks/{queued.pk}/assign/", {
        "assigned_user": associate_ann.pk}, format="json")
    assert assigned.status_code == 200 and assigned.json()["assigned_queue"] == ""
    client = as_user(associate_ann)
    done = client.post(f"{API}/tasks/{queued.pk}/complete/", {"note": "Sent"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "completed"
    again = client.post(f"{API}/tasks/{queued.pk}/complete/", {}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"
    mine = client.get(f"{API}/tasks/", {"mine": "true", "status": "open"})
    assert ids(mine) == [created.json()["id"]]
    comment = client.post(f"{API}/tasks/{queued.pk}/comment/", {"body": "Done."}, format="json")
    assert comment.status_code == 201


def test_interactions_one_and_bulk_with_a_checked_file(as_user, associate_ann, ne_provider,
                                                       make_file):
    client = as_user(associate_ann)
    body = {"date": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "audience_type": "quality_staff", "mode": "phone", "category": "engagement",
            "subcategory": "recruitment", "duration_minutes": 20, "details": "Intro call."}
    one = client.post(f"{API}/interactions/", {**body, "provider": ne_provider.pk},
                      format="json")
    assert one.status_code == 201, one.json()
    others = [ProviderFactory(), ProviderFactory()]
    bulk = client.post(f"{API}/interactions/bulk/", {
        **body, "providers": [ne_provider.pk, *(p.pk for p in others)]}, format="json")
    assert bulk.status_code == 201 and len(bulk.json()) == 3
    assert Interaction.objects.count() == 4
    url = f"{API}/interactions/{one.json()['id']}/attachments/"
    refused = client.post(url, {"file": make_file("x.exe", b"MZ")}, format="multipart")
    assert refused.status_code == 400
    stored = client.post(url, {"file": make_file("notes.pdf", PDF)}, format="multipart")
    assert stored.status_code == 201 and stored.json()["content_type"] == "application/pdf"


def test_an_interaction_for_another_region_is_refused(as_user, associate_ann, west_provider):
    response = as_user(associate_ann).post(f"{API}/interactions/", {
        "provider": west_provider.pk, "date": timezone.localdate().isoformat(),
        "audience_type": "quality_staff", "mode": "phone", "category": "engagement",
        "subcategory": "recruitment", "duration_minutes": 20, "details": "x"}, format="json")
    assert response.status_code == 400


def test_intervention_reports_are_filed_through_the_api(as_user, associate_ann, ne_provider):
    interaction = InteractionFactory(provider=ne_provider, created_by=associate_ann)
    body = {"interaction": interaction.pk, "mode_of_engagement": "one_on_one_virtual",
            "targeted_audience": "clinical_staff", "level_of_intensity": "moderate",
            "progress_percent": 20, **{name: "Details." for name, _, _ in IDF_DISCIPLINES}}
    response = as_user(associate_ann).post(f"{API}/intervention-reports/", body, format="json")
    assert response.status_code == 201, response.json()
    assert ids(as_user(associate_ann).get(f"{API}/intervention-reports/")) == [
        response.json()["id"]]


def test_the_7th_outpatient_measure_of_a_quarter_answers_409(as_user, associate_ann, cor_bob):
    measures = [MeasureFactory() for _ in range(7)]  # in the catalogue when the QAP is approved
    practice = ProviderFactory(setting="outpatient_clinical_practice")
    open_outcome_reporting(practice, author=associate_ann, cor=cor_bob)
    year, quarter = current_quarter()
    for measure in measures[:6]:
        outcome_record(actor=associate_ann, provider=practice, measure=measure,
                       year=year, quarter=quarter, value=Decimal("1"))
    seventh = measures[6]
    response = as_user(associate_ann).post(f"{API}/outcomes/", {
        "provider": practice.pk, "measure": seventh.code, "year": year, "quarter": quarter,
        "value": "12.5"}, format="json")
    assert response.status_code == 409
    assert "at most 6 measures a quarter" in response.json()["error"]["message"]


def test_a_provider_user_pulls_and_pushes_only_their_own_outcomes(as_user, provider_pia,
                                                                  ne_provider, associate_ann,
                                                                  cor_bob):
    year, quarter = current_quarter()
    measure = MeasureFactory()
    open_outcome_reporting(ne_provider, author=associate_ann, cor=cor_bob, signer=provider_pia)
    client = as_user(provider_pia)
    assert client.post(f"{API}/outcomes/", {
        "provider": ne_provider.pk, "measure": measure.code, "year": year, "quarter": quarter,
        "value": "3"}, format="json").status_code == 201
    other = ProviderFactory()
    assert client.post(f"{API}/outcomes/", {
        "provider": other.pk, "measure": measure.code, "year": year, "quarter": quarter,
        "value": "3"}, format="json").status_code == 400
    assert len(ids(client.get(f"{API}/outcomes/"))) == 1
    assert client.get(f"{API}/outcome-measures/").status_code == 200


def test_the_api_refuses_anonymous_callers(api_client):
    assert api_client.get(f"{API}/providers/").status_code in (401, 403)
