"""Permissions of the General Directory, SPL, work basket, interactions and outcomes.

Scope (one rule for every object): a QIO user acts in their QIO's region, CMS roles read
everything, a provider user sees their own provider only. Lists apply the same scope in
`qio_program.selectors.scope`; these predicates guard single objects and actions.
"""

import rules

from qis_portal.predicates import (
    is_cms,
    is_cor,
    is_own_region,
    is_provider_user,
    is_qio_manager,
    is_qio_user,
)

from .models import TaskQueue, TaskStatus


@rules.predicate
def model_level(user, obj) -> bool:
    """True for the model-level check (obj None), so `model_level | is_own_region` lets any
    QIO user open a list while each object still has to lie in their region."""
    return obj is None


# Every object checked here has `.region` (Interaction, InterventionReport and OutcomeValue
# through their provider); providers carry the provider user's organization.
in_qio_region = model_level | is_own_region


@rules.predicate
def is_own_provider(user, obj) -> bool:
    """The provider itself, or an object hanging off it (an outcome value), is the provider
    user's own organization; True for the model-level check, like `model_level`."""
    if obj is None:
        return True
    provider = getattr(obj, "provider", obj)
    org_id = getattr(user, "organization_id", None)
    return bool(org_id) and provider.organization_id == org_id


@rules.predicate
def is_task_of_own_qio(user, task) -> bool:
    if task is None:
        return True
    return bool(user.organization_id) and task.qio_id == user.organization_id


@rules.predicate
def works_the_task(user, task) -> bool:
    """The assignee, a member of the assigned group, or anyone of the QIO for a queued task."""
    if task is None:
        return True
    if task.assigned_user_id == user.pk:
        return True
    if task.assigned_group_id and task.assigned_group.members.filter(pk=user.pk).exists():
        return True
    if task.assigned_queue == TaskQueue.SUPPORT_TEAM:
        return user.has_role("qio_support")
    return bool(task.assigned_queue) or not (task.assigned_user_id or task.assigned_group_id)


@rules.predicate
def is_untouched_ahqt_queued_by(user, task) -> bool:
    """The bulk action's undo: an AHQT task this user queued, still open in the queue, nobody
    assigned and nothing said on it (True for the model-level check)."""
    if task is None:
        return True
    return (task.owner_id == user.pk and task.status == TaskStatus.OPEN
            and task.assigned_queue == TaskQueue.AHQT and not task.assigned_user_id
            and not task.assigned_group_id and bool(task.auto_key)
            and task.auto_key.startswith("ahqt:") and not task.comments.exists())


# General Directory
rules.add_perm("qio_program.view_directory", is_cms | is_qio_user | is_provider_user)
rules.add_perm("qio_program.view_provider",
               is_cms | (is_qio_user & in_qio_region) | (is_provider_user & is_own_provider))
rules.add_perm("qio_program.add_provider", is_qio_user)
rules.add_perm("qio_program.change_provider", is_qio_user & in_qio_region)
rules.add_perm("qio_program.bulk_providers", is_qio_user)
rules.add_perm("qio_program.withdraw_queued_ahqt",
               is_qio_user & is_task_of_own_qio & is_untouched_ahqt_queued_by)
rules.add_perm("qio_program.export_directory", is_cms | is_qio_user)

# SPL: CMS uploads per QIN region. The COR holds the QIO contract for CMS and gives its final
# approvals (DOMAIN §1); read-only and reviewer roles change nothing here.
rules.add_perm("qio_program.upload_spl", is_cor)
rules.add_perm("qio_program.view_spl", is_cms | (is_qio_user & in_qio_region))

# Work basket: "Only QIO Basic Users will have and create tasks. CMS roles will not."
rules.add_perm("qio_program.view_workbasket", is_qio_user)
rules.add_perm("qio_program.view_task", is_qio_user & is_task_of_own_qio)
rules.add_perm("qio_program.add_task", is_qio_user)
rules.add_perm("qio_program.comment_task", is_qio_user & is_task_of_own_qio)
rules.add_perm("qio_program.assign_task", is_qio_manager & is_task_of_own_qio)
rules.add_perm("qio_program.complete_task",
               is_qio_user & is_task_of_own_qio & (is_qio_manager | works_the_task))
rules.add_perm("qio_program.reopen_task",
               is_qio_user & is_task_of_own_qio & (is_qio_manager | works_the_task))
rules.add_perm("qio_program.manage_workgroups", is_qio_manager)

# Interactions and intervention reports: the QIO's own work; CMS monitors it.
rules.add_perm("qio_program.view_interaction", is_cms | (is_qio_user & in_qio_region))
rules.add_perm("qio_program.add_interaction", is_qio_user & in_qio_region)
rules.add_perm("qio_program.add_interventionreport", is_qio_user & in_qio_region)

# Outcomes: the provider reports directly, or the QIO on its behalf (seed 001).
rules.add_perm("qio_program.view_outcomes",
               is_cms | (is_qio_user & in_qio_region) | (is_provider_user & is_own_provider))
rules.add_perm("qio_program.add_outcome",
               (is_qio_user & in_qio_region) | (is_provider_user & is_own_provider))
rules.add_perm("qio_program.view_own_outcomes", is_provider_user)
# Each value is validated or queried by the QIO (in its region) or the COR (seed 001 via issue
# 17); CMS read-only roles change nothing. The progress dashboard is CMS's view across QIOs.
rules.add_perm("qio_program.review_outcome", (is_qio_user & in_qio_region) | is_cor)
rules.add_perm("qio_program.view_outcome_progress", is_cms)

# Dashboards
rules.add_perm("qio_program.view_dashboard", is_cms | is_qio_user)
