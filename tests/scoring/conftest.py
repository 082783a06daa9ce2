"""Fixtures of the scoring Django tests: the reference tables, a REST client persona, and the
seed's 047 example entity."""

import pytest

from qis_portal.models import Role
from scoring.choices import ApmType, Level
from scoring.models import ApmEntity, Participant, QualitySubmission
from scoring.services.reference import reference_load
from tests.factories import user_with_role

TIN = "123456789"
NPIS = [f"{1000000000 + n}" for n in range(20)]


@pytest.fixture
def reference(db):
    """The catalogue tables, loaded from the npm package."""
    return reference_load()


@pytest.fixture
def api_alice(issuer_org):
    """The Sunrise REST client: pushes Sunrise's entities' data, sees no one else's."""
    return user_with_role(Role.API_CLIENT, issuer_org, email="api@sunrise.test")


def make_entity(entity_id="OCM-0001", *, organization=None, npis=NPIS, **fields):
    defaults = {"name": "Riverside Oncology Partners", "apm_type": ApmType.OCM,
                "complex_patient_bonus": 1.5, "improvement_activities_score": 100,
                "promoting_interoperability_score": 80,
                "prior_year_quality_achievement_percent": 40}
    entity = ApmEntity.objects.create(entity_id=entity_id, organization=organization,
                                      **{**defaults, **fields})
    Participant.objects.bulk_create([Participant(entity=entity, tin=TIN, npi=n) for n in npis])
    return entity


def add_047(entity, **overrides):
    """Seed §4.2.2: measure 047 by registry, 120/156 = 76.9231 % -> decile 5, 5.8733 points."""
    values = {"level": Level.ENTITY, "measure_id": "047", "submission_method": "registry",
              "numerator": 120, "denominator": 156, "eligible_population": 160,
              "data_completeness": 85}
    return QualitySubmission.objects.create(entity=entity, **{**values, **overrides})


def add_458(entity):
    return QualitySubmission.objects.create(
        entity=entity, level=Level.ENTITY, measure_id="458",
        submission_method="administrativeClaims", performance_rate=14.2,
        eligible_population=350)


@pytest.fixture
def ocm_entity(db, issuer_org):
    entity = make_entity(organization=issuer_org)
    add_047(entity)
    add_458(entity)
    return entity
