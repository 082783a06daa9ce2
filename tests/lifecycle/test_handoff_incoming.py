"""Transition off (seed 001, Completion: "hand-off activities ... to the incoming
contractor"): a note naming the incoming QIO is readable by that QIO's staff, by the incumbent
and by CMS, and by nobody else."""

import pytest
from django.core.exceptions import ValidationError

from qio_program.lifecycle import selectors
from qio_program.lifecycle.services import completion as services
from qis_portal.models import Role
from tests.factories import OrganizationFactory, QioFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(ne_order, associate_ann, west_qio, maple):
    return services.handoff_note_create(
        actor=associate_ann, task_order=ne_order, topic="provider_relationships",
        provider=maple, body="Pia leads QI; prefers on-site visits.", incoming_qio=west_qio)


@pytest.fixture
def provider_pia(db):
    org = OrganizationFactory(name="Maple Grove (org)", org_type="provider", state="ME")
    return user_with_role(Role.PROVIDER_USER, org, email="pia@maple.test")


@pytest.fixture
def stranger(db):
    third = QioFactory(name="Great Lakes QIN-QIO", region="great_lakes")
    return user_with_role(Role.QIO_MANAGER, third, email="lee@greatlakes.test")


def test_the_incoming_qios_staff_read_the_note_and_nobody_else(
        note, associate_wes, associate_ann, cor_bob, stranger, provider_pia):
    for reader in (associate_wes, associate_ann, cor_bob):
        assert list(selectors.handoff_notes_for(reader)) == [note]
        assert reader.has_perm("qio_lifecycle.view_handoffnote", note)
    assert list(selectors.incoming_handoff_notes_for(associate_wes)) == [note]
    for outsider in (stranger, provider_pia):
        assert not selectors.handoff_notes_for(outsider).exists()
        assert not selectors.incoming_handoff_notes_for(outsider).exists()
        assert not outsider.has_perm("qio_lifecycle.view_handoffnote", note)


def test_the_incoming_page_lists_the_note_for_the_incoming_qio_only(
        client, note, associate_wes, stranger):
    client.force_login(associate_wes)
    page = client.get("/lifecycle/handoff-notes/incoming/").content.decode()
    assert "Pia leads QI; prefers on-site visits." in page
    client.force_login(stranger)
    page = client.get("/lifecycle/handoff-notes/incoming/").content.decode()
    assert "Pia leads QI" not in page and "No hand-off note has been handed" in page


def test_the_api_serves_the_note_to_the_incoming_qio(api_client, note, associate_wes, stranger):
    api_client.force_authenticate(associate_wes)
    response = api_client.get(f"/api/lifecycle/handoff-notes/{note.pk}/")
    assert (response.status_code, response.json()["incoming_qio"]) == (200, note.incoming_qio_id)
    api_client.force_authenticate(stranger)
    assert api_client.get(f"/api/lifecycle/handoff-notes/{note.pk}/").status_code == 404


def test_the_incoming_qio_is_another_qio(ne_order, associate_ann, northeast_qio, cms):
    for wrong in (northeast_qio, cms):
        with pytest.raises(ValidationError) as caught:
            services.handoff_note_create(actor=associate_ann, task_order=ne_order,
                                         topic="partnerships", body="x", incoming_qio=wrong)
        assert "incoming_qio" in caught.value.message_dict
