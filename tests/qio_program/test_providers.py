"""A provider's page gathers everything; providers and contacts are edited through services."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from qio_program.models import MedicareStatus, Task, TaskQueue
from qio_program.provider_sections import PROVIDER_SECTIONS, register_provider_section
from qio_program.services.ahqt import _PSA_RESOLVERS, register_psa_resolver
from qio_program.services.providers import provider_contact_save, provider_create, provider_update
from qis_portal.models import AuditEvent
from qis_portal.regions import Region
from tests.qio_program.factories import ContactFactory, InteractionFactory, ProviderFactory

pytestmark = pytest.mark.django_db

VALID = {"name": "Harbor View Hospital", "setting": "hospital", "ccn": "220071", "tin": "",
         "state": "MA", "city": "Boston", "medicare_status": MedicareStatus.PENDING}


def detail(provider):
    return reverse("qio_program:provider_detail", args=[provider.pk])


def test_a_qio_user_creates_a_provider_in_their_own_region(associate_ann):
    provider = provider_create(actor=associate_ann, data=VALID)
    assert provider.region == Region.NORTHEAST
    assert provider.on_spl is False  # only an SPL upload puts a QIN provider on the SPL
    assert AuditEvent.objects.filter(action="provider.create", target_id=str(provider.pk)).exists()


def test_an_aian_qio_provider_is_on_the_spl_from_the_start(aian_tala):
    provider = provider_create(actor=aian_tala, data=VALID)
    assert provider.region == Region.AIAN_SOUTHWEST and provider.on_spl


@pytest.mark.parametrize(("field", "value", "message"), [
    ("ccn", "12345", "A CCN is exactly 6 letters or digits."),
    ("ccn", "12345!", "A CCN is exactly 6 letters or digits."),
    ("tin", "12345678", "A TIN is exactly 9 digits."),
    ("tin", "12345678A", "A TIN is exactly 9 digits."),
    ("state", "XX", "“XX” is not a US state code."),
])
def test_ccn_is_6_alphanumerics_and_tin_is_9_digits(associate_ann, field, value, message):
    with pytest.raises(ValidationError) as caught:
        provider_create(actor=associate_ann, data={**VALID, field: value})
    assert message in caught.value.message_dict[field]


def test_a_provider_needs_a_ccn_or_a_tin(associate_ann):
    with pytest.raises(ValidationError) as caught:
        provider_create(actor=associate_ann, data={**VALID, "ccn": "", "tin": ""})
    assert "Give a CCN, a TIN, or both." in caught.value.message_dict["ccn"]


def test_a_tin_with_a_hyphen_and_a_lowercase_ccn_are_normalised(associate_ann):
    provider = provider_create(actor=associate_ann,
                               data={**VALID, "ccn": "ab12cd", "tin": "12-3456789"})
    assert (provider.ccn, provider.tin) == ("AB12CD", "123456789")


def test_two_providers_cannot_share_a_ccn(associate_ann, ne_provider):
    with pytest.raises(ValidationError) as caught:
        provider_create(actor=associate_ann, data={**VALID, "ccn": ne_provider.ccn})
    assert "already has CCN" in caught.value.message_dict["ccn"][0]


def test_active_medicare_needs_the_date_it_was_verified(associate_ann):
    with pytest.raises(ValidationError) as caught:
        provider_create(actor=associate_ann,
                        data={**VALID, "medicare_status": MedicareStatus.ACTIVE})
    assert "medicare_verified_at" in caught.value.message_dict


def test_cms_users_do_not_create_providers(cor_bob):
    with pytest.raises(PermissionDenied):
        provider_create(actor=cor_bob, data=VALID)


def test_a_qio_user_cannot_edit_another_regions_provider(associate_ann, west_provider):
    with pytest.raises(PermissionDenied):
        provider_update(provider=west_provider, actor=associate_ann, data={"name": "Mine now"})


def test_an_edit_is_audited_with_the_fields_changed(associate_ann, ne_provider):
    provider_update(provider=ne_provider, actor=associate_ann, data={"city": "Bangor"})
    event = AuditEvent.objects.get(action="provider.update")
    assert event.details == {"fields": ["city"]}


def test_turning_medicare_active_asks_the_psa_resolver_for_the_ahqt_task(associate_ann,
                                                                          northeast_qio):
    provider = ProviderFactory(medicare_status=MedicareStatus.PENDING, medicare_verified_at=None)
    registered = list(_PSA_RESOLVERS)
    register_psa_resolver(lambda p: p.pk == provider.pk)
    try:
        provider_update(provider=provider, actor=associate_ann, data={
            "medicare_status": MedicareStatus.ACTIVE,
            "medicare_verified_at": timezone.now() - timedelta(days=1)})
    finally:
        _PSA_RESOLVERS[:] = registered
    task = Task.objects.get()
    assert task.assigned_queue == TaskQueue.AHQT and task.related == provider


def test_the_page_gathers_account_contacts_spl_interactions_tasks_and_outcomes(
        client, associate_ann, ne_provider):
    ContactFactory(provider=ne_provider, name="Dana Lead")
    InteractionFactory(provider=ne_provider, created_by=associate_ann)
    client.force_login(associate_ann)
    response = client.get(detail(ne_provider))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Maple Grove Nursing", "205123", "Dana Lead", "Hands-on technical assistance",
                 "aim work (PES, PSA, assessments, QAP) is open", "Outcomes", "History"):
        assert text in html, text


def test_another_regions_provider_answers_404(client, associate_ann, west_provider):
    client.force_login(associate_ann)
    assert client.get(detail(west_provider)).status_code == 404


def test_a_provider_user_sees_their_own_provider_and_404_for_others(client, provider_pia,
                                                                    ne_provider):
    other = ProviderFactory(name="Not Yours")
    client.force_login(provider_pia)
    own = client.get(detail(ne_provider))
    assert own.status_code == 200
    assert "Log an interaction" not in own.content.decode()
    assert client.get(detail(other)).status_code == 404


def test_cms_sees_any_provider_page_without_write_buttons(client, readonly_pat, west_provider):
    client.force_login(readonly_pat)
    response = client.get(detail(west_provider))
    assert response.status_code == 200
    assert not response.context["can_edit"] and not response.context["can_log"]


def test_other_apps_add_sections_to_the_provider_page(client, associate_ann, ne_provider):
    registered = list(PROVIDER_SECTIONS)
    register_provider_section(
        "Test referrals", "qio_program/interactions/_report_status.html",
        lambda request, provider: {"interaction": {"intervention_delivered": False}},
        "qio_program.view_provider", order=1)
    register_provider_section("Hidden", "qio_program/home/spl.html",
                              lambda request, provider: {}, "qio_program.upload_spl")
    try:
        client.force_login(associate_ann)
        html = client.get(detail(ne_provider)).content.decode()
    finally:
        PROVIDER_SECTIONS[:] = registered
    assert "Test referrals" in html and "Not needed" in html
    assert "Hidden" not in html


def test_a_contact_is_added_and_marked_qi_lead(client, associate_ann, ne_provider):
    client.force_login(associate_ann)
    response = client.post(reverse("qio_program:contact_create", args=[ne_provider.pk]),
                           {"name": "Lee Poc", "title": "DON", "email": "lee@example.test",
                            "is_qi_lead": "on"})
    assert response.status_code == 302
    contact = ne_provider.contacts.get()
    assert contact.is_qi_lead and contact.title == "DON"


def test_a_contact_of_another_provider_cannot_be_edited_through_this_one(associate_ann,
                                                                        ne_provider):
    stranger = ContactFactory()
    with pytest.raises(PermissionDenied):
        provider_contact_save(provider=ne_provider, actor=associate_ann, data={"name": "X"},
                              contact=stranger)


def test_the_edit_form_shows_service_errors_on_its_fields(client, associate_ann, ne_provider):
    client.force_login(associate_ann)
    response = client.post(reverse("qio_program:provider_edit", args=[ne_provider.pk]),
                           {**VALID, "ccn": "", "tin": ""})
    assert response.status_code == 200
    assert "Give a CCN, a TIN, or both." in response.content.decode()
