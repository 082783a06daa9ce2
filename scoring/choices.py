"""Choices shared by the scoring models, forms, CSV columns and API (seed 003)."""

from django.db import models

from scoring.engine import constants as c
from scoring.engine import types as t

PERFORMANCE_YEAR = c.PERFORMANCE_YEAR


class ApmType(models.TextChoices):
    """The 2020 MIPS APMs (seed §3)."""

    MSSP = "mssp", "Medicare Shared Savings Program"
    NGACO = "ngaco", "Next Generation ACO Model"
    CPC_PLUS = "cpc_plus", "Comprehensive Primary Care Plus (CPC+)"
    OCM = "ocm", "Oncology Care Model (OCM)"
    CEC = "cec", "Comprehensive ESRD Care (CEC) Model"
    IAH = "iah", "Independence at Home (IAH) Demonstration"
    BPCI_ADVANCED = "bpci_advanced", "Bundled Payments for Care Improvement Advanced"
    MDPCP = "mdpcp", "Maryland Primary Care Program"
    VT_ACO = "vt_aco", "Vermont All-Payer ACO Model"


# Seed §4.1.1: in 2020 only Shared Savings Program and Next Generation ACO entities must submit
# quality data through a MIPS mechanism (Vermont ACOs were removed on 12/10/2020, Version
# History); every other MIPS APM earns the 50 % APM Quality Reporting Credit (§4.1.2).
REQUIRES_MIPS_QUALITY_REPORTING = frozenset({ApmType.MSSP, ApmType.NGACO})


class Level(models.TextChoices):
    ENTITY = t.ENTITY, "APM Entity"
    TIN = t.TIN, "TIN (group)"
    NPI = t.NPI, "TIN/NPI (individual)"


class SubmissionMethod(models.TextChoices):
    """Collection types, spelled as in qpp-measures-data (seed §4.1.1)."""

    CLAIMS = c.CLAIMS, "Medicare Part B claims"
    REGISTRY = c.REGISTRY, "MIPS CQM / QCDR (registry)"
    EHR = c.EHR, "eCQM (electronic health record)"
    WEB_INTERFACE = c.WEB_INTERFACE, "CMS Web Interface"
    ADMIN_CLAIMS = c.ADMIN_CLAIMS, "Administrative claims (CMS calculated)"
    SURVEY = c.SURVEY, "CAHPS survey (certified survey vendor)"


class YesNoDerived(models.TextChoices):
    """A tri-state answer in forms and CSV: blank lets the engine derive the value."""

    DERIVED = "", "Derive it"
    YES = "yes", "Yes"
    NO = "no", "No"
