"""QPP personas: the contractors on record, their staff, a clinician and the CMS help desk,
plus a builder that records an inquiry through the real service."""

from decimal import Decimal

import pytest

from qis_portal.models import OrgType, Role
from qis_portal.regions import Region
from qpp_assist import services
from qpp_assist.models import MipsCategory
from qpp_assist.who_does_what import PTN, QIN_QIO_QPP, QIN_QIO_TCPI, QPP_SURS
from tests.factories import OrganizationFactory, user_with_role


@pytest.fixture
def contractor_types(db):
    """Data migration 0002's rows, again after a transactional test truncated the tables."""
    return services.contractor_types_ensure()


@pytest.fixture
def surs_org(db):
    return OrganizationFactory(name="Northeast QPP Small, Underserved and Rural Support",
                               org_type=OrgType.TA_CONTRACTOR, region=Region.NORTHEAST)


@pytest.fixture
def ptn_org(db):
    return OrganizationFactory(name="Keystone Practice Transformation Network",
                               org_type=OrgType.TA_CONTRACTOR, region=Region.MID_ATLANTIC)


@pytest.fixture
def provider_org(db):
    return OrganizationFactory(name="Maple Grove Family Practice", org_type=OrgType.PROVIDER,
                               state="ME")


@pytest.fixture
def contractors(contractor_types, northeast_qio, west_qio, surs_org, ptn_org):
    register = services.contractor_register
    return {
        QIN_QIO_QPP: register(organization=northeast_qio, type_code=QIN_QIO_QPP,
                              region=Region.NORTHEAST),
        QIN_QIO_TCPI: register(organization=northeast_qio, type_code=QIN_QIO_TCPI,
                               region=Region.NORTHEAST),
        "west_qpp": register(organization=west_qio, type_code=QIN_QIO_QPP, region=Region.WEST),
        QPP_SURS: register(organization=surs_org, type_code=QPP_SURS, region=Region.NORTHEAST),
        PTN: register(organization=ptn_org, type_code=PTN, region=Region.MID_ATLANTIC,
                      service_area="Pennsylvania"),
    }


@pytest.fixture
def hal(cms):
    return user_with_role(Role.CMS_HELP_DESK, cms, email="hal@cms.test")


@pytest.fixture
def pia(provider_org):
    return user_with_role(Role.PROVIDER_USER, provider_org, email="pia@maplegrove.test")


@pytest.fixture
def other_provider(db):
    org = OrganizationFactory(name="Harbor Clinic", org_type=OrgType.PROVIDER, state="MA")
    return user_with_role(Role.PROVIDER_USER, org, email="omar@harbor.test")


@pytest.fixture
def sue(surs_org, contractors):
    return user_with_role(Role.TA_CONTRACTOR_STAFF, surs_org, email="sue@surs.test")


@pytest.fixture
def kit(ptn_org, contractors):
    return user_with_role(Role.TA_CONTRACTOR_STAFF, ptn_org, email="kit@keystone.test")


@pytest.fixture
def quinn_qpp(northeast_qio, contractors):
    """QPP technical assistance staff of the Northeast QIN-QIO."""
    return user_with_role(Role.TA_CONTRACTOR_STAFF, northeast_qio, email="quinn@northeast.test")


def intake(**overrides) -> dict:
    """A Northeast practice's intake; the defaults route to QIN-QIO: QPP (20 clinicians, EC)."""
    data = {
        "practice_name": "Casco Bay Physician Group", "tin": "123456789", "state": "ME",
        "clinician_name": "Dr. Ada Lin", "contact_email": "", "group_size": 20,
        "medicare_charges": Decimal("85000"), "medicare_patients": 240,
        "advanced_apm": False, "any_apm": False, "ptn_enrolled": False, "ptn": None,
        "rural": False, "underserved": False, "shortage_area": False, "kind": "question",
        "mips_category": MipsCategory.QUALITY, "question": "Which quality measures fit us?",
    }
    data.update(overrides)
    return data


@pytest.fixture
def submit(pia, contractors, django_capture_on_commit_callbacks):
    def _submit(actor=None, **overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return services.inquiry_submit(actor=actor or pia, data=intake(**overrides))

    return _submit
