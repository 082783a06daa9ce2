"""Interaction Tool: one interaction per provider, checked files, lists per provider and overall."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from qio_program.models import Attachment, Interaction
from qio_program.services.interactions import interaction_create
from tests.qio_program.conftest import JPEG, PDF, PNG, ooxml
from tests.qio_program.factories import ContactFactory, InteractionFactory, ProviderFactory

pytestmark = pytest.mark.django_db

DATA = {"audience_type": "quality_staff", "mode": "on_site", "category": "quality_improvement",
        "subcategory": "technical_assistance", "duration_minutes": 45,
        "details": "Walked the falls huddle.", "learnings": "Night shift next.",
        "intervention_delivered": True}


def data(**overrides):
    return {**DATA, "date": timezone.localdate() - timedelta(days=1), **overrides}


def form_data(providers, **overrides):
    values = {**DATA, "date": (timezone.localdate() - timedelta(days=1)).isoformat(),
              "intervention_delivered": "on", "provider": [p.pk for p in providers]}
    values.update(overrides)
    return values


def test_one_interaction_is_logged_with_every_field(associate_ann, ne_provider):
    contact = ContactFactory(provider=ne_provider)
    [interaction] = interaction_create(actor=associate_ann, providers=[ne_provider],
                                       data=data(other_contacts="Dr. Smith"),
                                       contacts=[contact])
    assert interaction.qio == associate_ann.organization
    assert list(interaction.contacts.all()) == [contact]
    assert (interaction.duration_minutes, interaction.batch) == (45, None)


def test_many_providers_get_one_interaction_each(associate_ann, ne_provider):
    others = [ProviderFactory(), ProviderFactory()]
    created = interaction_create(actor=associate_ann, providers=[ne_provider, *others],
                                 data=data())
    assert len(created) == 3 and Interaction.objects.count() == 3
    assert {i.provider for i in created} == {ne_provider, *others}
    assert len({i.batch for i in created}) == 1 and created[0].batch is not None


def test_the_intervention_report_is_due_5_calendar_days_after_the_interaction(associate_ann,
                                                                              ne_provider):
    day = timezone.localdate() - timedelta(days=2)
    [interaction] = interaction_create(actor=associate_ann, providers=[ne_provider],
                                       data=data(date=day))
    assert interaction.report_due_date == day + timedelta(days=5)
    [no_report] = interaction_create(actor=associate_ann, providers=[ne_provider],
                                     data=data(intervention_delivered=False))
    assert no_report.report_due_date is None


def test_another_regions_provider_is_refused(associate_ann, west_provider):
    with pytest.raises(PermissionDenied):
        interaction_create(actor=associate_ann, providers=[west_provider], data=data())


def test_cms_users_do_not_log_interactions(readonly_pat, ne_provider):
    with pytest.raises(PermissionDenied):
        interaction_create(actor=readonly_pat, providers=[ne_provider], data=data())


@pytest.mark.parametrize(("overrides", "field"), [
    ({"date": timezone.localdate() + timedelta(days=1)}, "date"),
    ({"category": "education", "subcategory": "technical_assistance"}, "subcategory"),
    ({"duration_minutes": 0}, "duration_minutes"),
    ({"mode": "carrier_pigeon"}, "mode"),
])
def test_bad_fields_are_refused_with_a_reason(associate_ann, ne_provider, overrides, field):
    with pytest.raises(ValidationError) as caught:
        interaction_create(actor=associate_ann, providers=[ne_provider], data=data(**overrides))
    assert field in caught.value.message_dict


def test_contacts_must_belong_to_the_provider(associate_ann, ne_provider):
    with pytest.raises(ValidationError):
        interaction_create(actor=associate_ann, providers=[ne_provider], data=data(),
                           contacts=[ContactFactory()])


@pytest.mark.parametrize(("name", "content", "content_type"), [
    ("visit.pdf", PDF, "application/pdf"),
    ("notes.docx", ooxml("word/document.xml"),
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("data.xlsx", ooxml("xl/workbook.xml"),
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("photo.png", PNG, "image/png"),
    ("photo.JPEG", JPEG, "image/jpeg"),
    ("minutes.txt", "Réunion notes\n".encode(), "text/plain"),
])
def test_the_six_allowed_file_types_are_stored_under_a_server_name(associate_ann, ne_provider,
                                                                   make_file, name, content,
                                                                   content_type):
    [interaction] = interaction_create(actor=associate_ann, providers=[ne_provider],
                                       data=data(), files=[make_file(name, content, "x/y")])
    attachment = interaction.attachments.get()
    assert attachment.original_name == name and attachment.content_type == content_type
    assert name not in attachment.file.name
    assert attachment.file.name.startswith("qio/interactions/")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("run.exe", b"MZ\x90\x00", "is not an allowed file type"),
    ("page.html", b"<html>", "is not an allowed file type"),
    ("fake.pdf", b"MZ\x90\x00 not a pdf", "does not contain what its name says"),
    ("fake.png", PDF, "does not contain what its name says"),
    ("zip.docx", ooxml("xl/workbook.xml"), "does not contain what its name says"),
    ("binary.txt", b"\x00\x01\x02", "does not contain what its name says"),
    ("empty.pdf", b"", "is empty"),
])
def test_other_types_and_disguised_files_are_refused_clearly(associate_ann, ne_provider,
                                                             make_file, name, content, message):
    with pytest.raises(ValidationError) as caught:
        interaction_create(actor=associate_ann, providers=[ne_provider], data=data(),
                           files=[make_file(name, content)])
    assert message in " ".join(caught.value.message_dict["files"])
    assert Interaction.objects.count() == 0 and Attachment.objects.count() == 0


def test_a_file_over_10_mb_is_refused(associate_ann, ne_provider, make_file):
    big = make_file("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as caught:
        interaction_create(actor=associate_ann, providers=[ne_provider], data=data(),
                           files=[big])
    assert "files may be up to 10 MB" in " ".join(caught.value.message_dict["files"])


def test_a_bulk_entry_stores_each_file_once_for_all_its_interactions(associate_ann,
                                                                     ne_provider, make_file):
    created = interaction_create(actor=associate_ann, providers=[ne_provider, ProviderFactory()],
                                 data=data(), files=[make_file("agenda.pdf", PDF)])
    assert Attachment.objects.count() == 1
    assert all(i.attachments.count() == 1 for i in created)


def test_files_download_as_attachments_with_their_checked_type(client, associate_ann,
                                                               ne_provider, make_file):
    [interaction] = interaction_create(actor=associate_ann, providers=[ne_provider],
                                       data=data(),
                                       files=[make_file("visit notes.pdf", PDF, "text/html")])
    attachment = interaction.attachments.get()
    client.force_login(associate_ann)
    response = client.get(reverse("qio_program:attachment_download",
                                  args=[interaction.pk, attachment.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF


def test_another_qios_file_answers_404(client, associate_wes, associate_ann, ne_provider,
                                       make_file):
    [interaction] = interaction_create(actor=associate_ann, providers=[ne_provider],
                                       data=data(), files=[make_file("a.txt", b"hello")])
    client.force_login(associate_wes)
    url = reverse("qio_program:attachment_download",
                  args=[interaction.pk, interaction.attachments.get().pk])
    assert client.get(url).status_code == 404


def test_three_providers_from_the_directory_get_three_interactions_through_the_form(
        client, associate_ann, ne_provider, make_file):
    providers = [ne_provider, ProviderFactory(name="Harbor View"), ProviderFactory(name="Pine")]
    client.force_login(associate_ann)
    url = reverse("qio_program:interaction_create")
    page = client.get(url, {"provider": [p.pk for p in providers]})
    assert "One interaction is created for each of these 3 providers" in page.content.decode()
    response = client.post(url, {**form_data(providers), "files": make_file("a.pdf", PDF)})
    assert response.status_code == 302
    assert Interaction.objects.count() == 3


def test_the_form_shows_a_refused_file_without_saving(client, associate_ann, ne_provider,
                                                      make_file):
    client.force_login(associate_ann)
    response = client.post(reverse("qio_program:interaction_create"),
                           {**form_data([ne_provider]), "files": make_file("x.exe", b"MZ")})
    assert response.status_code == 200
    assert "is not an allowed file type" in response.content.decode()
    assert Interaction.objects.count() == 0


def test_the_form_without_providers_sends_the_user_to_the_directory(client, associate_ann):
    client.force_login(associate_ann)
    response = client.get(reverse("qio_program:interaction_create"))
    assert response.url == reverse("qio_program:provider_list")


def test_lists_per_provider_and_overall_are_scoped(client, associate_ann, associate_wes,
                                                   ne_provider, west_provider):
    InteractionFactory(provider=ne_provider, created_by=associate_ann)
    InteractionFactory(provider=ProviderFactory(name="Harbor"), created_by=associate_ann)
    InteractionFactory(provider=west_provider, created_by=associate_wes)
    client.force_login(associate_ann)
    overall = client.get(reverse("qio_program:interaction_list"))
    assert len(overall.context["page"].object_list) == 2
    per_provider = client.get(reverse("qio_program:provider_interactions",
                                      args=[ne_provider.pk]))
    assert [i.provider for i in per_provider.context["page"].object_list] == [ne_provider]
    assert client.get(reverse("qio_program:provider_interactions",
                              args=[west_provider.pk])).status_code == 404


def test_cms_sees_every_qios_interactions(client, readonly_pat, associate_ann, associate_wes,
                                          ne_provider, west_provider):
    InteractionFactory(provider=ne_provider, created_by=associate_ann)
    InteractionFactory(provider=west_provider, created_by=associate_wes)
    client.force_login(readonly_pat)
    assert len(client.get(reverse("qio_program:interaction_list")).context["page"]
               .object_list) == 2


def test_provider_users_do_not_read_interactions(client, provider_pia, ne_provider):
    interaction = InteractionFactory(provider=ne_provider, created_by=_associate(ne_provider))
    client.force_login(provider_pia)
    assert client.get(reverse("qio_program:interaction_list")).status_code == 403
    assert client.get(interaction.get_absolute_url()).status_code == 404


def _associate(provider):
    from qis_portal.models import Organization, OrgType, Role
    from tests.factories import user_with_role

    qio, _ = Organization.objects.get_or_create(
        name="Northeast QIN-QIO", defaults={"org_type": OrgType.QIN_QIO,
                                            "region": provider.region})
    return user_with_role(Role.QIO_ASSOCIATE, qio)


def test_the_interaction_list_runs_the_same_queries_at_1_and_30_rows(client, associate_ann,
                                                                     ne_provider,
                                                                     count_queries):
    url = reverse("qio_program:interaction_list")
    InteractionFactory(provider=ne_provider, created_by=associate_ann)
    client.force_login(associate_ann)
    at_one = count_queries(client, url)
    for _ in range(29):
        InteractionFactory(provider=ProviderFactory(), created_by=associate_ann)
    assert count_queries(client, url) == at_one


def test_the_list_filters_by_date_and_report_state(client, associate_ann, ne_provider):
    today = timezone.localdate()
    InteractionFactory(provider=ne_provider, created_by=associate_ann,
                       date=today - timedelta(days=20))
    InteractionFactory(provider=ne_provider, created_by=associate_ann, date=today)
    client.force_login(associate_ann)
    url = reverse("qio_program:interaction_list")
    recent = client.get(url, {"date_from": (today - timedelta(days=3)).isoformat()})
    assert [i.date for i in recent.context["page"].object_list] == [today]
    overdue = client.get(url, {"report": "overdue"})
    assert [i.date for i in overdue.context["page"].object_list] == [today - timedelta(days=20)]
