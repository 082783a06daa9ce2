"""Contractor types (the seed's table) and the organizations on record as contractors."""

from django.db import transaction

from qis_portal.models import Organization, OrgType
from qis_portal.services.audit import audit_record
from qpp_assist.models import Contractor, ContractorType
from qpp_assist.who_does_what import CONTRACTOR_TYPES, QIN_QIO_QPP, QIN_QIO_TCPI


def contractor_types_ensure() -> list[ContractorType]:
    """The four types as data migration 0002 loads them (again after a test flush)."""
    rows = []
    for row in CONTRACTOR_TYPES:
        obj, _ = ContractorType.objects.update_or_create(
            code=row["code"], defaults={k: v for k, v in row.items() if k != "code"})
        rows.append(obj)
    return rows


@transaction.atomic
def contractor_register(*, organization: Organization, type_code: str, region: str,
                        service_area: str = "", actor=None) -> Contractor:
    """Put an organization on record as a contractor of a type (idempotent)."""
    contractor_type = ContractorType.objects.get(code=type_code)
    contractor = Contractor.objects.filter(organization=organization,
                                           contractor_type=contractor_type,
                                           region=region).first()
    if contractor is not None:
        return contractor
    contractor = Contractor(organization=organization, contractor_type=contractor_type,
                            region=region, service_area=service_area[:200])
    contractor.full_clean()  # a QIN-QIO type needs a QIN-QIO of that region, and so on
    contractor.save()
    audit_record(action="contractor.register", actor=actor, target=contractor,
                 details={"type": type_code, "region": region})
    return contractor


def qin_qio_contractors_ensure(actor=None) -> list[Contractor]:
    """Every QIN-QIO acts as QIN-QIO: QPP and QIN-QIO: TCPI for its own region (seed 004)."""
    rows = []
    for org in Organization.objects.filter(org_type=OrgType.QIN_QIO).exclude(region=""):
        for code in (QIN_QIO_QPP, QIN_QIO_TCPI):
            rows.append(contractor_register(organization=org, type_code=code,
                                            region=org.region, actor=actor))
    return rows
