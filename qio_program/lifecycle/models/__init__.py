"""Lifecycle models, one module per concept."""

from qio_program.lifecycle.models.a3c import A3C, FocusAreaAssessment
from qio_program.lifecycle.models.contract import Deliverable, HandoffNote, PsaTarget, TaskOrder
from qio_program.lifecycle.models.outcomes import OutcomeMeasureSet
from qio_program.lifecycle.models.provider_work import (
    ProviderAssessment,
    ProviderEngagementStrategy,
    ProviderServiceAgreement,
    business_days_left,
)
from qio_program.lifecycle.models.qap import (
    QapActivity,
    QapInitiative,
    QapIntervention,
    QualityActionPlan,
    TrainingPlanItem,
)
from qio_program.lifecycle.models.reference import Aim, SubAim
from qio_program.lifecycle.models.reports import DashboardTemplate, Report
from qio_program.lifecycle.models.signatures import SignatureMethod

__all__ = [
    "A3C", "Aim", "DashboardTemplate", "Deliverable", "FocusAreaAssessment", "HandoffNote",
    "OutcomeMeasureSet",
    "ProviderAssessment", "ProviderEngagementStrategy", "ProviderServiceAgreement", "PsaTarget",
    "QapActivity", "QapInitiative", "QapIntervention", "QualityActionPlan", "Report",
    "SignatureMethod", "SubAim",
    "TaskOrder", "TrainingPlanItem", "business_days_left",
]
