"""Who sees and does what: submitters their own, contractor staff their organization's (and
read-only what they handed off), CMS help desk and read-only everything, others nothing."""

import pytest
from django.urls import reverse

from qpp_assist import selectors, services
from qpp_assist.who_does_what import QPP_SURS

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry(submit):
    return submit()  # Pia's, with the Northeast QIN-QIO


def visible(user, inquiry) -> bool:
    return selectors.inquiries_for_user(user).filter(pk=inquiry.pk).exists()


@pytest.mark.parametrize(("persona", "sees"), [
    ("pia", True), ("other_provider", False), ("quinn_qpp", True), ("associate_ann", True),
    ("sue", False), ("kit", False), ("associate_wes", False), ("hal", True),
    ("readonly_pat", True), ("cor_bob", False), ("outsider_charlie", False),
])
def test_who_sees_an_inquiry(request, inquiry, persona, sees):
    user = request.getfixturevalue(persona)
    assert visible(user, inquiry) is sees
    assert user.has_perm("qpp_assist.view_inquiry", inquiry) is sees


@pytest.mark.parametrize(("persona", "respond", "hand_off", "override"), [
    ("quinn_qpp", True, True, True), ("associate_ann", True, True, True),
    ("hal", True, False, True), ("readonly_pat", False, False, False),
    ("pia", False, False, False), ("sue", False, False, False),
])
def test_who_may_act_on_it(request, inquiry, persona, respond, hand_off, override):
    user = request.getfixturevalue(persona)
    assert user.has_perm("qpp_assist.respond_inquiry", inquiry) is respond
    assert user.has_perm("qpp_assist.hand_off_inquiry", inquiry) is hand_off
    assert user.has_perm("qpp_assist.override_route_inquiry", inquiry) is override


def test_the_receiving_contractor_gains_sight_and_the_sender_keeps_it(inquiry, quinn_qpp, sue,
                                                                      contractors):
    services.inquiry_hand_off(inquiry=inquiry, actor=quinn_qpp,
                              to_contractor=contractors[QPP_SURS], note="Small group.")
    assert visible(sue, inquiry) and visible(quinn_qpp, inquiry)


def test_an_inquiry_outside_the_user_s_view_is_404_and_a_roleless_user_gets_403(
        client, inquiry, sue, outsider_charlie, cor_bob):
    url = reverse("qpp_assist:inquiry_detail", args=[inquiry.pk])
    client.force_login(sue)
    assert client.get(url).status_code == 404
    assert client.post(reverse("qpp_assist:inquiry_respond", args=[inquiry.pk]),
                       {"response": "x"}).status_code == 404
    for user in (outsider_charlie, cor_bob):
        client.force_login(user)
        assert client.get(reverse("qpp_assist:inquiry_list")).status_code == 403
        assert client.get(url).status_code == 404
        assert client.get(reverse("qpp_assist:dashboard")).status_code == 403
        assert client.get(reverse("qpp_assist:practice_list")).status_code == 403


def test_a_provider_cannot_open_the_dashboard_or_practices(client, pia, contractors):
    client.force_login(pia)
    assert client.get(reverse("qpp_assist:dashboard")).status_code == 403
    assert client.get(reverse("qpp_assist:practice_list")).status_code == 403
    assert client.get(reverse("qpp_assist:practice_create")).status_code == 403


def test_staff_of_an_organization_that_is_no_contractor_are_not_contractor_staff(
        associate_wes, contractors, inquiry):
    # The West QIN-QIO is on record (QIN-QIO: QPP) but did not receive this inquiry.
    assert associate_wes.has_perm("qpp_assist.access")
    assert not visible(associate_wes, inquiry)


def test_practices_are_seen_by_region(submit, sue, kit, hal):
    practice = submit().practice
    assert sue.has_perm("qpp_assist.view_practice", practice)
    assert not kit.has_perm("qpp_assist.view_practice", practice)  # Mid-Atlantic PTN
    assert selectors.practices_for_user(hal).filter(pk=practice.pk).exists()
    assert not selectors.practices_for_user(kit).filter(pk=practice.pk).exists()


def test_anyone_signed_in_reads_the_who_does_what_table(client, outsider_charlie,
                                                        contractor_types):
    client.force_login(outsider_charlie)
    assert client.get(reverse("qpp_assist:contractor_types")).status_code == 200
