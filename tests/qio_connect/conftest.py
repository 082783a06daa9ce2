"""QIO Connect personas (the NLC, the Delegated Administrator, a second COR and a second
Northeast associate) and builders that walk content through the real services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from qio_connect import services
from qio_connect.models import Category, Group, LibraryItem, Tag
from qis_portal.models import OrgType, Role
from tests.factories import OrganizationFactory, user_with_role


@pytest.fixture
def nlc_org(db):
    return OrganizationFactory(name="National Learning and Communications Contractor",
                               org_type=OrgType.SUPPORT_CONTRACTOR)


@pytest.fixture
def nlc_nia(nlc_org):
    return user_with_role(Role.NLC_STAFF, nlc_org, email="nia@nlc.test")


@pytest.fixture
def admin_dee(nlc_org):
    return user_with_role(Role.DELEGATED_ADMIN, nlc_org, email="dee@nlc.test")


@pytest.fixture
def cor_cora(cms):
    return user_with_role(Role.CMS_COR, cms, email="cora@cms.test")


@pytest.fixture
def associate_ned(northeast_qio):
    return user_with_role(Role.QIO_ASSOCIATE, northeast_qio, email="ned@northeast.test")


@pytest.fixture
def topic(db):
    return Category.objects.get_or_create(slug="patient-safety",
                                          defaults={"name": "Patient safety"})[0]


@pytest.fixture
def tag(db):
    return Tag.objects.create(name="Sepsis", slug="sepsis")


class Library:
    """Builds library items in a given state through the services."""

    def __init__(self, moderator):
        self.moderator = moderator

    def draft(self, author, title="Falls prevention huddles", **fields):
        fields.setdefault("kind", LibraryItem.Kind.ARTICLE)
        if fields["kind"] == LibraryItem.Kind.ARTICLE:
            fields.setdefault("body", "Huddle at every shift change about residents at risk.")
        return services.library_item_create(actor=author, title=title, **fields)

    def published(self, author, title="Falls prevention huddles", **fields):
        item = self.draft(author, title, **fields)
        return services.library_item_approve(actor=self.moderator, item=item)


@pytest.fixture
def library(admin_dee):
    return Library(admin_dee)


@pytest.fixture
def community_ne(northeast_qio):
    return Group.objects.get(kind=Group.Kind.COMMUNITY, organization=northeast_qio)


@pytest.fixture
def community_west(west_qio):
    return Group.objects.get(kind=Group.Kind.COMMUNITY, organization=west_qio)


@pytest.fixture
def public_group(nlc_nia):
    return services.group_create(actor=nlc_nia, name="Nursing Home Collaborative",
                                 visibility=Group.Visibility.PUBLIC)


def soon(days: int = 3, hours: int = 0):
    start = timezone.now().replace(microsecond=0) + timedelta(days=days, hours=hours)
    return start, start + timedelta(hours=1)


@pytest.fixture
def make_event(admin_dee):
    def build(actor, *, group=None, approve=True, days=3, title="Infection control webinar",
              **fields):
        start, end = soon(days)
        event = services.event_submit(actor=actor, title=title, starts_at=start, ends_at=end,
                                      group=group, **fields)
        if approve:
            approver = admin_dee if group is None or group.kind != Group.Kind.CHANNEL \
                else group.facilitator
            event = services.event_approve(actor=approver, event=event)
        return event
    return build
