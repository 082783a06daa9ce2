"""General Directory: filters, search, scope, keyset pages, export, bulk actions, queries."""

import csv
import io

import pytest
from django.urls import reverse

from qio_program.models import MedicareStatus, Provider, Task, TaskQueue
from qis_portal.regions import Region
from tests.qio_program.factories import ProviderFactory

pytestmark = pytest.mark.django_db

LIST = reverse("qio_program:provider_list")


def names(response) -> list[str]:
    return [p.name for p in response.context["page"].object_list]


def test_a_qio_user_sees_only_the_providers_of_their_region(client, associate_ann, ne_provider,
                                                             west_provider):
    client.force_login(associate_ann)
    response = client.get(LIST)
    assert names(response) == ["Maple Grove Nursing"]


def test_cms_roles_see_every_region_and_can_filter_by_region(client, readonly_pat, ne_provider,
                                                             west_provider):
    client.force_login(readonly_pat)
    assert names(client.get(LIST)) == ["Maple Grove Nursing", "Riverside Community Hospital"]
    assert names(client.get(LIST, {"region": Region.WEST})) == ["Riverside Community Hospital"]


def test_a_provider_user_sees_only_their_own_provider(client, provider_pia, ne_provider):
    ProviderFactory(name="Another Northeast Home")
    client.force_login(provider_pia)
    assert names(client.get(LIST)) == ["Maple Grove Nursing"]


def test_a_user_without_a_role_is_refused_the_directory(client, outsider_charlie):
    client.force_login(outsider_charlie)
    assert client.get(LIST).status_code == 403


@pytest.mark.parametrize(("params", "expected"), [
    ({"state": "VT"}, ["Vermont Clinic"]),
    ({"setting": "outpatient_clinical_practice"}, ["Vermont Clinic"]),
    ({"spl": "no"}, ["Off List Home"]),
    ({"spl": "yes"}, ["Maple Grove Nursing", "Vermont Clinic"]),
    ({"medicare_status": MedicareStatus.PENDING}, ["Off List Home"]),
    ({"q": "grove"}, ["Maple Grove Nursing"]),
    ({"q": "205123"}, ["Maple Grove Nursing"]),
    ({"q": "12-3456789"}, ["Vermont Clinic"]),
])
def test_the_list_filters_by_state_setting_spl_medicare_and_searches_name_ccn_tin(
        client, associate_ann, ne_provider, params, expected):
    ProviderFactory(name="Vermont Clinic", state="VT", ccn="", tin="123456789",
                    setting="outpatient_clinical_practice")
    ProviderFactory(name="Off List Home", on_spl=False, medicare_status=MedicareStatus.PENDING,
                    medicare_verified_at=None)
    client.force_login(associate_ann)
    assert names(client.get(LIST, params)) == expected


def test_an_invalid_filter_value_is_ignored_not_an_error(client, associate_ann, ne_provider):
    client.force_login(associate_ann)
    response = client.get(LIST, {"state": "ZZ", "setting": "<script>", "cursor": "@@@"})
    assert response.status_code == 200
    assert names(response) == ["Maple Grove Nursing"]


def test_pages_move_by_keyset_without_counting_the_table(client, associate_ann):
    for index in range(30):
        ProviderFactory(name=f"Home {index:02d}")
    client.force_login(associate_ann)
    first = client.get(LIST)
    assert len(names(first)) == 25 and first.context["page"].has_next
    second = client.get(LIST, {"cursor": first.context["page"].next_cursor})
    assert names(second) == [f"Home {i:02d}" for i in range(25, 30)]
    back = client.get(LIST, {"cursor": second.context["page"].previous_cursor})
    assert names(back) == names(first)


def test_the_directory_list_runs_the_same_queries_at_1_and_30_rows(client, associate_ann,
                                                                  count_queries):
    ProviderFactory()
    client.force_login(associate_ann)
    at_one = count_queries(client, LIST)
    for _ in range(29):
        ProviderFactory()
    assert count_queries(client, LIST) == at_one
    assert count_queries(client, LIST, {"q": "Provider", "spl": "yes"}) == at_one


def test_the_export_escapes_formula_cells(client, associate_ann):
    ProviderFactory(name="=HYPERLINK(\"http://evil\")", ccn="A1B2C3")
    client.force_login(associate_ann)
    response = client.get(reverse("qio_program:provider_export"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "name"
    assert rows[1][0] == "'=HYPERLINK(\"http://evil\")"
    assert response["Content-Disposition"].startswith("attachment;")


def test_provider_users_cannot_export_the_directory(client, provider_pia):
    client.force_login(provider_pia)
    assert client.get(reverse("qio_program:provider_export")).status_code == 403


def test_the_bulk_interaction_action_opens_one_form_for_the_selected_providers(
        client, associate_ann, ne_provider):
    other = ProviderFactory(name="Harbor View")
    client.force_login(associate_ann)
    response = client.post(reverse("qio_program:provider_bulk"),
                           {"action": "interaction", "provider": [ne_provider.pk, other.pk]})
    assert response.status_code == 302
    assert response.url.startswith(reverse("qio_program:interaction_create"))
    assert f"provider={ne_provider.pk}" in response.url and f"provider={other.pk}" in response.url


def test_the_bulk_ahqt_action_queues_one_task_per_provider_once(client, associate_ann,
                                                                ne_provider):
    other = ProviderFactory(name="Harbor View")
    client.force_login(associate_ann)
    url = reverse("qio_program:provider_bulk")
    client.post(url, {"action": "ahqt", "confirm": "on", "provider": [ne_provider.pk, other.pk]})
    client.post(url, {"action": "ahqt", "confirm": "on", "provider": [ne_provider.pk]})
    tasks = Task.objects.filter(assigned_queue=TaskQueue.AHQT)
    assert tasks.count() == 2
    assert {t.related for t in tasks} == {ne_provider, other}


def test_a_bulk_action_ignores_providers_of_another_region(client, associate_ann,
                                                          west_provider):
    client.force_login(associate_ann)
    response = client.post(reverse("qio_program:provider_bulk"),
                           {"action": "ahqt", "provider": [west_provider.pk]}, follow=True)
    assert Task.objects.count() == 0
    assert "None of the selected providers" in response.content.decode()


def test_a_bulk_action_without_a_selection_explains_itself(client, associate_ann):
    client.force_login(associate_ann)
    response = client.post(reverse("qio_program:provider_bulk"), {"action": "ahqt"},
                           follow=True)
    assert "Select at least one provider." in response.content.decode()


def test_cms_users_get_no_bulk_actions(client, cor_bob, ne_provider):
    client.force_login(cor_bob)
    assert client.post(reverse("qio_program:provider_bulk"),
                       {"action": "ahqt", "provider": [ne_provider.pk]}).status_code == 403
    assert not client.get(LIST).context["can_bulk"]


def test_name_search_is_case_insensitive_and_partial(client, associate_ann):
    ProviderFactory(name="Litchfield Hills Nursing Center")
    client.force_login(associate_ann)
    assert names(client.get(LIST, {"q": "HILLS nur"})) == ["Litchfield Hills Nursing Center"]
    assert Provider.objects.count() == 1
