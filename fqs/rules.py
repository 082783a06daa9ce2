"""FQS permissions (deny by default). Roles from DOMAIN.md §1 and seed 001's FQS swimlanes.

Predicates that look at an object accept obj=None and answer True there, so the model-level
check (list pages, API has_permission) rests on the role alone; selectors scope the lists.
"""

import rules

from qis_portal.models import Role
from qis_portal.predicates import (
    add_restricted_perm,
    can_read_restricted,
    has_role,
    is_cms,
    is_cor,
    is_fqs_reviewer,
    is_intake_reviewer,
    is_provider_user,
    is_qio_associate,
    is_qio_manager,
    is_qio_user,
)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def no_object(user, obj) -> bool:
    return obj is None


@rules.predicate
def is_submitter(user, fqs_request) -> bool:
    return fqs_request is not None and fqs_request.submitted_by_id == user.pk


@rules.predicate
def request_is_new(user, fqs_request) -> bool:
    return fqs_request is not None and fqs_request.status == "new"


def _referral(obj):
    return getattr(obj, "referral", obj)


@rules.predicate
def in_referral_qio(user, obj) -> bool:
    """The referral (or its sprint request) was deployed to the user's own QIO."""
    if obj is None:
        return True
    org = getattr(user, "organization", None)
    return bool(org is not None and org.is_qio and _referral(obj).organization_id == org.pk)


@rules.predicate
def is_assignee(user, obj) -> bool:
    if obj is None:
        return True
    return _referral(obj).assigned_to_id == user.pk


@rules.predicate
def is_requester(user, sprint_request) -> bool:
    if sprint_request is None:
        return True
    return sprint_request.requested_by_id == user.pk


@rules.predicate
def is_survey_provider(user, survey) -> bool:
    """A provider user of the surveyed provider's own portal organization."""
    if survey is None:
        return True
    org_id = survey.provider.organization_id
    return bool(org_id and org_id == getattr(user, "organization_id", None))


@rules.predicate
def in_handoff_qio(user, handoff) -> bool:
    """The Non-FQS support hand-off went to the user's own QIO."""
    if handoff is None:
        return True
    org = getattr(user, "organization", None)
    return bool(org is not None and org.is_qio and handoff.organization_id == org.pk)


@rules.predicate
def is_activation_cor(user, activation) -> bool:
    """A COR named on the task order of a QIO the activation deploys to (fqs.cor_scope)."""
    if activation is None:
        return True
    from fqs.cor_scope import is_cor_of_activation

    return is_cor_of_activation(user, activation)


@rules.predicate
def is_referral_cor(user, obj) -> bool:
    """A COR named on the task order of the QIO the referral was deployed to."""
    if obj is None:
        return True
    from qio_program.lifecycle.cors import active_task_orders_of, is_cor_of

    orders = list(active_task_orders_of([_referral(obj).organization_id]))
    return not orders or any(is_cor_of(user, order) for order in orders)


is_qio_support = has_role(Role.QIO_SUPPORT)
qio_referral_worker = is_qio_associate & is_assignee & in_referral_qio
qio_referral_lead = (qio_referral_worker | is_qio_manager) & in_referral_qio

# Requests: anyone with a login submits (seed 001: "Anyone with a CQP login can submit").
rules.add_perm("fqs.access", is_signed_in)
rules.add_perm("fqs.add_fqsrequest", is_signed_in)
rules.add_perm("fqs.view_fqsrequest", is_signed_in & (no_object | is_cms | is_submitter))
rules.add_perm("fqs.review_fqsrequest", is_intake_reviewer)
rules.add_perm("fqs.attach_fqsrequest", is_intake_reviewer | (is_submitter & request_is_new))
# Activations: the FQS Reviewer prepares, the COR decides; CMS reads.
rules.add_perm("fqs.view_activation", is_cms)
rules.add_perm("fqs.change_activation", is_fqs_reviewer)
rules.add_perm("fqs.decide_activation", is_cor & is_activation_cor)
# Referrals: CMS reads all; a QIO reads its own; the support team or the manager assigns
# (seed 001, Referral Assignment: the QIO FQS Support Team); the assignee works it.
rules.add_perm("fqs.view_referral", is_cms | (is_qio_user & in_referral_qio))
rules.add_perm("fqs.assign_referral", (is_qio_manager | is_qio_support) & in_referral_qio)
# Non-FQS support hand-offs: CMS reads all; the QIO's manager or support team decides.
rules.add_perm("fqs.view_handoff", is_cms | (is_qio_user & in_handoff_qio))
rules.add_perm("fqs.decide_handoff", (is_qio_manager | is_qio_support) & in_handoff_qio)
rules.add_perm("fqs.work_referral", qio_referral_worker)
rules.add_perm("fqs.create_provider", is_qio_user & in_referral_qio)
rules.add_perm("fqs.resume_referral", qio_referral_lead | (is_cor & is_referral_cor))
# Sprint requests (close-out, extension, hold): the QIO files, the COR decides.
rules.add_perm("fqs.add_sprintrequest", qio_referral_lead)
rules.add_perm("fqs.view_sprintrequest", is_cms | (is_qio_user & in_referral_qio))
rules.add_perm("fqs.decide_sprintrequest", is_cor & is_referral_cor)
rules.add_perm("fqs.withdraw_sprintrequest", is_qio_user & is_requester & in_referral_qio)
# Dashboards, survey answers, and the restricted survey responses.
rules.add_perm("fqs.view_dashboard", is_cms | is_qio_user)
rules.add_perm("fqs.answer_survey", is_provider_user & is_survey_provider)
add_restricted_perm("fqs.read_survey_response", can_read_restricted)
rules.add_perm("fqs.view_qio_referrals", is_qio_user)
