"""Factories shared by every test module."""

import factory
from django.utils import timezone

from qis_portal.models import Organization, OrgType, Role, RoleAssignment, User
from qis_portal.regions import Region

PASSWORD = "correct-horse-battery-staple-9"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Organization {n}")
    org_type = OrgType.ISSUER


class IssuerFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"Issuer {n}")
    org_type = OrgType.ISSUER
    hios_issuer_id = factory.Sequence(lambda n: f"{10000 + n:05d}")
    state = "CA"


class QioFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"QIN-QIO {n}")
    org_type = OrgType.QIN_QIO
    region = Region.NORTHEAST


class CmsFactory(OrganizationFactory):
    name = "CMS"
    org_type = OrgType.CMS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    organization = factory.SubFactory(IssuerFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def user_with_role(role: str, organization: Organization, *, region: str = "",
                   status: str = RoleAssignment.Status.APPROVED, email: str | None = None) -> User:
    user = UserFactory(organization=organization, **({"email": email} if email else {}))
    RoleAssignment.objects.create(
        user=user, role=role, region=region or organization.region, status=status,
        decided_at=timezone.now() if status != RoleAssignment.Status.PENDING else None,
    )
    return user


__all__ = ["PASSWORD", "Role", "Region", "user_with_role"]


def sunrise_issuer_and_reviewer() -> tuple[User, User]:
    """The QIS browser journeys' two people: Alice of a California issuer (HIOS 12345) and
    Quinn, a CMS QIS reviewer."""
    issuer = IssuerFactory(name="Sunrise Health Plans", hios_issuer_id="12345", state="CA")
    alice = user_with_role(Role.ISSUER_USER, issuer, email="alice@sunrise.test")
    alice.first_name, alice.last_name = "Alice", "Issuer"
    alice.save()
    quinn = user_with_role(Role.CMS_QIS_REVIEWER, CmsFactory(), email="quinn@cms.test")
    return alice, quinn
