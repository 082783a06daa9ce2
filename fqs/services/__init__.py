"""Every FQS write, one function per transition (CONVENTIONS.md)."""

from .activations import (
    activation_approve,
    activation_provider_add,
    activation_provider_remove,
    activation_reject,
    activation_submit,
    activation_update,
)
from .closeout import (
    referral_auto_close,
    referral_close,
    referral_resume,
    sprint_request_approve,
    sprint_request_create,
    sprint_request_reject,
    sprint_request_withdraw,
)
from .handoffs import support_handoff_accept, support_handoff_decline
from .referrals import (
    referral_agree_qap,
    referral_assign,
    referral_complete_initiation,
    referral_initiation_update,
    referral_intervention_add,
    referral_launch,
    referral_outcome_add,
    referral_provider_create,
    referral_qap_update,
)
from .requests import (
    fqs_request_approve,
    fqs_request_attach,
    fqs_request_create,
    fqs_request_note_add,
    fqs_request_reject,
    fqs_request_update,
)
from .surveys import survey_answer, survey_responses_read, survey_send
from .verifications import fqs_request_verify_medicare, referral_verify_medicare

__all__ = [
    "activation_approve",
    "activation_provider_add",
    "activation_provider_remove",
    "activation_reject",
    "activation_submit",
    "activation_update",
    "fqs_request_approve",
    "fqs_request_attach",
    "fqs_request_create",
    "fqs_request_note_add",
    "fqs_request_reject",
    "fqs_request_update",
    "fqs_request_verify_medicare",
    "referral_agree_qap",
    "referral_assign",
    "referral_auto_close",
    "referral_close",
    "referral_complete_initiation",
    "referral_initiation_update",
    "referral_intervention_add",
    "referral_launch",
    "referral_outcome_add",
    "referral_provider_create",
    "referral_qap_update",
    "referral_resume",
    "referral_verify_medicare",
    "sprint_request_approve",
    "sprint_request_create",
    "sprint_request_reject",
    "sprint_request_withdraw",
    "support_handoff_accept",
    "support_handoff_decline",
    "survey_answer",
    "survey_responses_read",
    "survey_send",
]
