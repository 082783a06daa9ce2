"""The demo seed: published articles, a candidate waiting for the NLC, each QIO's community, a
public group, a COR-to-QIO channel, a public and a private event, an announcement; run twice,
it creates nothing twice."""

import pytest

from qio_connect import selectors
from qio_connect.demo import seed
from qio_connect.models import Announcement, Event, Group, LibraryItem, Post
from qis_portal.demo import seed_organizations, seed_users
from qis_portal.models import Organization, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    seed_users(seed_organizations())
    seed()


def counts():
    return [model.objects.count() for model in (LibraryItem, Group, Post, Event, Announcement)]


def test_the_seed_makes_the_promised_content_and_is_idempotent(demo):
    assert LibraryItem.objects.filter(status="published").count() == 3
    assert LibraryItem.objects.filter(status="draft").count() == 1
    qios = Organization.objects.filter(org_type__in=["qin_qio", "aian_qio"])
    assert Group.objects.filter(kind="community").count() == qios.count()
    assert Group.objects.filter(kind="group", visibility="public").exists()
    assert Group.objects.filter(kind="channel").exists()
    assert Event.objects.filter(group__isnull=True, status="approved").exists()
    assert Event.objects.filter(group__kind="community", status="approved").exists()
    assert Announcement.objects.filter(to_all=True, recipient_count__gt=0).exists()
    before = counts()
    seed()
    assert counts() == before


def test_the_demo_west_associate_does_not_see_the_northeast_private_content(demo):
    wes = User.objects.get(email="associate@west.demo")
    ann = User.objects.get(email="associate@northeast.demo")
    huddle = Event.objects.get(title="Northeast team huddle")
    assert huddle in selectors.events_for(ann) and huddle not in selectors.events_for(wes)
    channel = Group.objects.get(kind="channel")
    assert channel not in selectors.groups_for(wes)
    assert channel in selectors.groups_for(User.objects.get(email="cor@cms.demo"))
