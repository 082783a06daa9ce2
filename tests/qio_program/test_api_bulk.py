"""The bulk read path of /api/qio/providers/ and /api/qio/tasks/ (issue 20): rows built from
plain `.values()` rows are the serializers' rows, value for value, scoped as before; the
export streams the same rows."""

import csv
import io
import json

import pytest
from rest_framework.renderers import JSONRenderer

from qio_program.api.providers import QioProviderOutput
from qio_program.api.tasks import QioTaskOutput
from qio_program.models import Provider, Task
from qio_program.services.tasks import task_create
from qis_portal.api_bulk import export
from qis_portal.regions import Region
from tests.qio_program.factories import ContactFactory, ProviderFactory

pytestmark = pytest.mark.django_db

API = "/api/qio"


def as_drf(serializer_data) -> list[dict]:
    """What DRF's own serializer and renderer answered for the same rows."""
    return json.loads(JSONRenderer().render(serializer_data))


@pytest.fixture
def directory(ne_provider, west_provider):
    ContactFactory(provider=ne_provider, name="Ada Lead", email="ada@example.org")
    ContactFactory(provider=ne_provider, name="Bea Backup", is_qi_lead=False)
    off_list = ProviderFactory(name="Off-list Home", on_spl=False, medicare_verified_at=None)
    aian = ProviderFactory(name="Tribal Clinic", region=Region.AIAN_NORTHWEST, on_spl=False,
                           state="WA")
    return [ne_provider, west_provider, off_list, aian]


def test_the_provider_list_is_the_serializers_rows_with_contacts_and_aian_on_spl(
        api_client, readonly_pat, directory):
    api_client.force_authenticate(readonly_pat)
    got = api_client.get(f"{API}/providers/", {"page_size": 1000}).json()["results"]
    expected = as_drf(QioProviderOutput(
        Provider.objects.prefetch_related("contacts").order_by("-id"), many=True).data)
    assert got == expected
    by_name = {row["name"]: row for row in got}
    assert by_name["Tribal Clinic"]["on_spl"] is True  # seed 001: every AIAN provider is
    assert by_name["Off-list Home"]["on_spl"] is False
    assert [c["name"] for c in by_name[directory[0].name]["contacts"]] == ["Ada Lead",
                                                                          "Bea Backup"]


def test_the_task_list_is_the_serializers_rows_with_the_related_label(
        api_client, associate_ann, manager_max, northeast_qio, west_qio, ne_provider):
    task_create(qio=northeast_qio, subject="Call the home", related=ne_provider,
                assigned_user=associate_ann, owner=manager_max)
    task_create(qio=northeast_qio, subject="Unlinked")
    task_create(qio=west_qio, subject="Another QIO's")
    api_client.force_authenticate(associate_ann)
    got = api_client.get(f"{API}/tasks/").json()["results"]
    expected = as_drf(QioTaskOutput(Task.objects.filter(qio=northeast_qio).order_by("-id"),
                                    many=True).data)
    assert got == expected
    assert [row["subject"] for row in got] == ["Unlinked", "Call the home"]
    assert got[1]["related"] == {"type": "provider", "id": ne_provider.pk,
                                 "label": str(ne_provider)}


def test_the_provider_export_streams_every_scoped_row_in_chunks(
        api_client, associate_ann, directory, monkeypatch):
    monkeypatch.setattr(export, "CHUNK", 1)
    api_client.force_authenticate(associate_ann)
    listed = api_client.get(f"{API}/providers/").json()["results"]
    response = api_client.get(f"{API}/providers/export/")
    assert response["Content-Type"] == "application/x-ndjson"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert [json.loads(line) for line in lines] == listed
    assert {row["region"] for row in listed} == {Region.NORTHEAST}  # scoped to the region

    sheet = api_client.get(f"{API}/providers/export/", {"output": "csv"})
    rows = list(csv.DictReader(io.StringIO(
        b"".join(sheet.streaming_content).decode().lstrip("\ufeff"))))
    assert [int(row["id"]) for row in rows] == [row["id"] for row in listed]
    first = next(row for row in rows if row["name"] == directory[0].name)
    assert json.loads(first["contacts"])[0]["name"] == "Ada Lead"


def test_an_unknown_export_format_is_a_400_naming_the_parameter(api_client, associate_ann):
    api_client.force_authenticate(associate_ann)
    response = api_client.get(f"{API}/tasks/export/", {"output": "xlsx"})
    assert response.status_code == 400
    assert "output" in response.json()["error"]["fields"]
