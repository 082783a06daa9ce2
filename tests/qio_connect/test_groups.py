"""Discussion groups (seed 001): one private community per QIO, created with it; user-created
groups private unless made public; a facilitator and a co-facilitator; COR-to-QIO channels.
Another QIO's private group is not there at all: 404 in pages and API."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from qio_connect import selectors, services
from qio_connect.models import Group, GroupMember
from qis_portal.models import Notification
from qis_portal.regions import Region
from tests.factories import QioFactory

pytestmark = pytest.mark.django_db


def test_a_new_qio_gets_its_private_community(db):
    qio = QioFactory(name="Great Lakes QIN-QIO", region=Region.GREAT_LAKES)
    community = Group.objects.get(organization=qio, kind=Group.Kind.COMMUNITY)
    assert community.visibility == Group.Visibility.PRIVATE
    assert community.name == "Great Lakes QIN-QIO community"


def test_a_qio_has_one_community_only(northeast_qio, community_ne):
    qio = northeast_qio
    qio.save()  # the signal runs again
    assert Group.objects.filter(organization=qio, kind=Group.Kind.COMMUNITY).count() == 1
    with pytest.raises(IntegrityError):
        Group.objects.create(organization=qio, kind=Group.Kind.COMMUNITY, name="Second")


def test_a_community_cannot_be_made_public(manager_max, community_ne):
    with pytest.raises(ValidationError):
        services.group_update(actor=manager_max, group=community_ne, visibility="public")


def test_users_see_their_own_community_and_not_another_qios(
        associate_ann, associate_wes, community_ne, community_west):
    assert community_ne in selectors.groups_for(associate_ann)
    assert community_west not in selectors.groups_for(associate_ann)
    assert community_ne not in selectors.groups_for(associate_wes)


def test_a_user_created_group_is_private_to_its_organization_by_default(
        associate_ann, associate_ned, associate_wes):
    group = services.group_create(actor=associate_ann, name="Sepsis champions")
    assert group.visibility == Group.Visibility.PRIVATE and group.facilitator == associate_ann
    assert group in selectors.groups_for(associate_ned)
    assert group not in selectors.groups_for(associate_wes)


def test_a_public_group_is_seen_by_every_program_user(associate_ann, associate_wes, cor_bob,
                                                      issuer_alice):
    group = services.group_create(actor=associate_ann, name="Falls", visibility="public")
    assert group in selectors.groups_for(associate_wes)
    assert group in selectors.groups_for(cor_bob)
    assert not selectors.groups_for(issuer_alice).exists()


def test_the_creator_names_a_co_facilitator_who_is_told(
        associate_ann, associate_ned, django_capture_on_commit_callbacks):
    group = services.group_create(actor=associate_ann, name="Sepsis champions")
    with django_capture_on_commit_callbacks(execute=True):
        group = services.group_update(actor=associate_ann, group=group,
                                      co_facilitator=associate_ned)
    assert group.facilitator_ids() == {associate_ann.pk, associate_ned.pk}
    assert Notification.objects.filter(recipient=associate_ned,
                                       kind="connect.group_membership").exists()


def test_facilitator_and_co_facilitator_are_two_people(associate_ann):
    group = services.group_create(actor=associate_ann, name="G")
    with pytest.raises(ValidationError):
        services.group_update(actor=associate_ann, group=group, co_facilitator=associate_ann)


def test_a_facilitator_from_outside_a_private_group_becomes_a_member(associate_ann,
                                                                     associate_wes):
    group = services.group_create(actor=associate_ann, name="G")
    services.group_update(actor=associate_ann, group=group, co_facilitator=associate_wes)
    assert group in selectors.groups_for(associate_wes)


def test_the_qio_manager_assigns_the_community_facilitators(manager_max, associate_ann,
                                                            associate_wes, community_ne,
                                                            community_west):
    group = services.group_update(actor=manager_max, group=community_ne,
                                  facilitator=associate_ann)
    assert group.facilitator == associate_ann
    with pytest.raises(PermissionDenied):
        services.group_update(actor=manager_max, group=community_west, facilitator=associate_wes)
    with pytest.raises(PermissionDenied):
        services.group_update(actor=associate_ann, group=community_west, name="Mine")


def test_a_plain_member_cannot_edit_the_group(associate_ann, associate_ned):
    group = services.group_create(actor=associate_ann, name="G")
    with pytest.raises(PermissionDenied):
        services.group_update(actor=associate_ned, group=group, name="Renamed")


def test_the_nlc_runs_communities(nlc_nia, community_ne, associate_ann):
    assert community_ne in selectors.groups_for(nlc_nia)
    group = services.group_update(actor=nlc_nia, group=community_ne, facilitator=associate_ann)
    assert group.facilitator == associate_ann


def test_a_cor_to_qio_channel_is_seen_by_the_cor_and_the_qio_only(
        cor_bob, cor_cora, associate_ann, associate_wes, nlc_nia, northeast_qio,
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        channel = services.channel_create(actor=cor_bob, organization=northeast_qio)
    assert channel.kind == Group.Kind.CHANNEL and channel.visibility == "private"
    assert channel in selectors.groups_for(cor_bob)
    assert channel in selectors.groups_for(associate_ann)
    for outsider in (cor_cora, associate_wes, nlc_nia):
        assert channel not in selectors.groups_for(outsider)
    assert Notification.objects.filter(recipient=associate_ann,
                                       kind="connect.group_membership").exists()


def test_only_cms_cors_and_the_delegated_administrator_open_channels(associate_ann, admin_dee,
                                                                     northeast_qio):
    with pytest.raises(PermissionDenied):
        services.channel_create(actor=associate_ann, organization=northeast_qio)
    channel = services.channel_create(actor=admin_dee, organization=northeast_qio)
    assert channel.facilitator == admin_dee


def test_a_channel_is_with_a_qio(cor_bob, cms):
    with pytest.raises(ValidationError):
        services.channel_create(actor=cor_bob, organization=cms)


def test_join_and_leave_a_public_group(associate_wes, public_group):
    services.group_join(actor=associate_wes, group=public_group)
    assert GroupMember.objects.filter(group=public_group, user=associate_wes).exists()
    services.group_leave(actor=associate_wes, group=public_group)
    assert not GroupMember.objects.filter(group=public_group, user=associate_wes).exists()


def test_nobody_joins_another_qios_private_group(associate_wes, community_ne):
    with pytest.raises(ValidationError):
        services.group_join(actor=associate_wes, group=community_ne)


def test_a_facilitator_adds_a_member_from_outside(associate_ann, cor_bob, associate_ned,
                                                  issuer_alice):
    group = services.group_create(actor=associate_ann, name="G")
    services.group_member_add(actor=associate_ann, group=group, user=cor_bob)
    assert group in selectors.groups_for(cor_bob)
    with pytest.raises(ValidationError):
        services.group_member_add(actor=associate_ann, group=group, user=issuer_alice)
    with pytest.raises(PermissionDenied):
        services.group_member_add(actor=associate_ned, group=group, user=cor_bob)
    services.group_member_remove(actor=associate_ann, group=group, user=cor_bob)
    assert group not in selectors.groups_for(cor_bob)


def test_another_qios_private_group_answers_404_in_pages_and_api(
        client, api_client, associate_wes, community_ne):
    client.force_login(associate_wes)
    assert client.get(f"/connect/groups/{community_ne.pk}/").status_code == 404
    assert client.post(f"/connect/groups/{community_ne.pk}/join/").status_code == 404
    assert client.post(f"/connect/groups/{community_ne.pk}/posts/",
                       {"body": "hi"}).status_code == 404
    api_client.force_authenticate(associate_wes)
    assert api_client.get(f"/api/connect/groups/{community_ne.pk}/").status_code == 404
    response = api_client.post("/api/connect/posts/", {"group": community_ne.pk, "body": "x"},
                               format="json")
    assert response.status_code == 400
