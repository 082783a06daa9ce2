"""FQS data: request → activation → referral → sprint requests → survey (seed 001, FQS)."""

from .activations import Activation, ActivationProvider
from .choices import CloseoutReason, RequestSource, SprintDays, SprintRequestKind
from .handoffs import SupportHandoff
from .referrals import Referral, ReferralIntervention, ReferralOutcome
from .requests import FqsRequest, RequestAttachment, RequestNote
from .sprint_requests import SprintRequest
from .surveys import Survey, SurveyResponse
from .verifications import MedicareVerification

__all__ = [
    "Activation",
    "ActivationProvider",
    "CloseoutReason",
    "FqsRequest",
    "MedicareVerification",
    "Referral",
    "ReferralIntervention",
    "ReferralOutcome",
    "RequestAttachment",
    "RequestNote",
    "RequestSource",
    "SprintDays",
    "SprintRequest",
    "SprintRequestKind",
    "SupportHandoff",
    "Survey",
    "SurveyResponse",
]
