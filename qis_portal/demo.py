"""Demo organizations and one user per role of DOMAIN.md §1 (the embedded default)."""

from dataclasses import dataclass

from django.utils import timezone

from qis_portal.models import Organization, OrgType, Role, TrainingModule, User
from qis_portal.regions import AIAN_REGIONS, QIN_REGIONS, Region
from qis_portal.services.accounts import role_grant
from qis_portal.services.training import modules_outstanding, training_attest

DEMO_PASSWORD = "demo-portal-2026"

ISSUERS = [
    ("Sunrise Health Plans of California", "12345", "CA"),
    ("Granite State Mutual Health", "54321", "NH"),
]
PROVIDER_ORGS = [
    ("Maple Grove Nursing and Rehabilitation", "ME"),
    ("Riverside Community Hospital", "CA"),
]
AIAN_QIO = ("Four Directions Tribal QIO", Region.AIAN_SOUTHWEST, "AZ")
NLC = "National Learning and Communications Contractor"
SURS = ("Northeast QPP Small, Underserved and Rural Support", Region.NORTHEAST)
COVERED_CA = "Covered California"  # keeps and reviews the QIS 2 Work Plans (seed 002)


@dataclass(frozen=True)
class DemoUser:
    email: str
    first: str
    last: str
    org: str
    roles: tuple[str, ...]
    region: str = ""


def qio_name(region: Region) -> str:
    return f"{region.label} QIN-QIO"


def demo_users() -> list[DemoUser]:
    ne = qio_name(Region.NORTHEAST)
    west = qio_name(Region.WEST)
    users = [
        DemoUser("issuer@sunrise.demo", "Alice", "Issuer", ISSUERS[0][0], (Role.ISSUER_USER,)),
        DemoUser("issuer@granite.demo", "Gina", "Issuer", ISSUERS[1][0], (Role.ISSUER_USER,)),
        DemoUser("qis.reviewer@cms.demo", "Quinn", "Reviewer", "CMS", (Role.CMS_QIS_REVIEWER,)),
        DemoUser("intake@cms.demo", "Ian", "Intake", "CMS", (Role.CMS_INTAKE_REVIEWER,)),
        DemoUser("fqs.reviewer@cms.demo", "Fay", "Reviewer", "CMS", (Role.CMS_FQS_REVIEWER,)),
        DemoUser("cor@cms.demo", "Bob", "Cor", "CMS", (Role.CMS_COR,)),
        DemoUser("readonly@cms.demo", "Pat", "Evaluator", "CMS", (Role.CMS_READ_ONLY,)),
        DemoUser("associate@northeast.demo", "Ann", "Associate", ne, (Role.QIO_ASSOCIATE,)),
        DemoUser("manager@northeast.demo", "Max", "Manager", ne, (Role.QIO_MANAGER,)),
        DemoUser("support@northeast.demo", "Sam", "Support", ne, (Role.QIO_SUPPORT,)),
        DemoUser("associate@west.demo", "Wes", "Associate", west, (Role.QIO_ASSOCIATE,)),
        DemoUser("associate@aian.demo", "Tala", "Associate", AIAN_QIO[0], (Role.QIO_ASSOCIATE,)),
        DemoUser("provider@maplegrove.demo", "Pia", "Provider", PROVIDER_ORGS[0][0],
                 (Role.PROVIDER_USER,)),
        DemoUser("api@sunrise.demo", "Api", "Client", ISSUERS[0][0], (Role.API_CLIENT,)),
        DemoUser("helpdesk@cms.demo", "Hal", "Helpdesk", "CMS", (Role.CMS_HELP_DESK,)),
        DemoUser("surs@northeast.demo", "Sue", "Surs", SURS[0], (Role.TA_CONTRACTOR_STAFF,)),
        DemoUser("admin@nlc.demo", "Dee", "Admin", NLC, (Role.DELEGATED_ADMIN,)),
        DemoUser("staff@nlc.demo", "Nia", "Learning", NLC, (Role.NLC_STAFF,)),
        DemoUser("qis.reviewer@coveredca.demo", "Cal", "Reviewer", COVERED_CA,
                 (Role.COVERED_CA_REVIEWER,)),
    ]
    for region in [*QIN_REGIONS, AIAN_QIO[1]]:
        users.append(DemoUser(f"so.{region.value}@cms.demo", "Sol", f"Officer {region.label}",
                              "CMS", (Role.SECURITY_OFFICER,), region=region.value))
    return users


def seed_organizations() -> dict[str, Organization]:
    orgs = {}
    specs = [("CMS", OrgType.CMS, "", "", "MD")]
    specs += [(name, OrgType.ISSUER, "", hios, state) for name, hios, state in ISSUERS]
    specs += [(qio_name(region), OrgType.QIN_QIO, region.value, "", "") for region in QIN_REGIONS]
    specs.append((AIAN_QIO[0], OrgType.AIAN_QIO, AIAN_QIO[1].value, "", AIAN_QIO[2]))
    specs += [(name, OrgType.PROVIDER, "", "", state) for name, state in PROVIDER_ORGS]
    specs.append((NLC, OrgType.SUPPORT_CONTRACTOR, "", "", "MD"))
    specs.append((SURS[0], OrgType.TA_CONTRACTOR, SURS[1].value, "", ""))
    specs.append((COVERED_CA, OrgType.STATE_EXCHANGE, "", "", "CA"))
    for name, org_type, region, hios, state in specs:
        orgs[name], _ = Organization.objects.update_or_create(
            name=name, defaults={"org_type": org_type, "region": region,
                                 "hios_issuer_id": hios, "state": state},
        )
    return orgs


def seed_users(orgs: dict[str, Organization]) -> list[User]:
    created = []
    for spec in demo_users():
        user = User.objects.filter(email=spec.email).first()
        if user is None:
            user = User.objects.create_user(
                spec.email, DEMO_PASSWORD, first_name=spec.first, last_name=spec.last,
                organization=orgs[spec.org],
            )
        for role in spec.roles:
            if not user.role_assignments.filter(role=role, status="approved").exists():
                role_grant(user=user, role=role, region=spec.region)
        created.append(user)
    seed_training(created)
    if not User.objects.filter(email="admin@cms.demo").exists():
        User.objects.create_superuser("admin@cms.demo", DEMO_PASSWORD, first_name="Ada",
                                      last_name="Admin", organization=orgs["CMS"])
    return created


# The modules of the training environment the QIO roles and Security Officers go through
# first (seed 001); every demo login has attested them, so each works at once.
DEMO_TRAINING = {
    Role.QIO_ASSOCIATE: "CQP basics for QIO associates",
    Role.QIO_MANAGER: "CQP basics for QIO managers",
    Role.QIO_SUPPORT: "CQP basics for the QIO support team",
    Role.SECURITY_OFFICER: "CQP onboarding for Security Officers",
}
DEMO_TRAINING_URL = "https://cqp-training.example/modules/"


def seed_training(users: list[User]) -> None:
    for role, title in DEMO_TRAINING.items():
        TrainingModule.objects.get_or_create(
            role=role, defaults={"title": title, "url": f"{DEMO_TRAINING_URL}{role}"})
    for user in User.objects.filter(pk__in=[user.pk for user in users]):  # roles as stored
        for module in modules_outstanding(user):
            training_attest(actor=user, module=module, completed_on=timezone.localdate())


def all_region_values() -> list[str]:
    return [r.value for r in (*QIN_REGIONS, *AIAN_REGIONS)]
