"""Lifecycle permissions (deny by default).

CMS read-only users see everything, a COR the task orders naming them as COR or alternate
(qio_program.lifecycle.cors), and only they decide its work; a QIO's users see their own
QIO's objects (the selectors filter lists, so another QIO's object answers 404); a
provider's users see, and sign, their own PES and PSA. QIO associates and managers write;
the COR approves.
Predicates accept obj=None (the model-level check), where the role predicate decides.
"""

import rules

from qio_program.lifecycle.cors import is_cor_of
from qis_portal.predicates import (
    is_cms_read_only,
    is_cor,
    is_provider_user,
    is_qio_associate,
    is_qio_manager,
    is_qio_user,
)


def qio_id_of(obj) -> int | None:
    """The QIO organization that owns a lifecycle object (walks up to its task order)."""
    for attr in ("qap", "initiative", "intervention", "a3c", "deliverable"):
        parent = getattr(obj, attr, None)
        if parent is not None and not isinstance(parent, int | str):
            return qio_id_of(parent)
    if hasattr(obj, "qio_id"):
        return obj.qio_id
    task_order = getattr(obj, "task_order", None)
    return task_order.qio_id if task_order is not None else None


@rules.predicate
def is_qio_of(user, obj) -> bool:
    if obj is None:
        return True
    return bool(user.organization_id) and qio_id_of(obj) == user.organization_id


@rules.predicate
def is_provider_of(user, obj) -> bool:
    if obj is None:
        return True
    provider = getattr(obj, "provider", None)
    return bool(provider is not None and provider.organization_id
                and provider.organization_id == user.organization_id)


@rules.predicate
def is_incoming_qio_of(user, note) -> bool:
    """The hand-off note names the user's QIO as the incoming one."""
    return bool(note is not None and user.organization_id
                and getattr(note, "incoming_qio_id", None) == user.organization_id)


@rules.predicate
def is_named_cor(user, obj) -> bool:
    """The COR or alternate of the object's task order (qio_program.lifecycle.cors)."""
    if obj is None:
        return True
    return is_cor_of(user, task_order_of(obj))


def task_order_of(obj):
    """The task order a lifecycle object belongs to (walks up as qio_id_of does)."""
    for attr in ("qap", "initiative", "intervention", "a3c", "deliverable"):
        parent = getattr(obj, attr, None)
        if parent is not None and not isinstance(parent, int | str):
            return task_order_of(parent)
    if hasattr(obj, "alternate_cor_id"):
        return obj
    return getattr(obj, "task_order", None)


assigned_cor = is_cor & is_named_cor
sees_all = assigned_cor | is_cms_read_only
qio_member = is_qio_user & is_qio_of
qio_author = (is_qio_associate | is_qio_manager) & is_qio_of
provider_member = is_provider_user & is_provider_of

# Task order, deliverables, PSA target, completion.
rules.add_perm("qio_lifecycle.view_taskorder", sees_all | qio_member)
rules.add_perm("qio_lifecycle.add_taskorder", is_cor)
rules.add_perm("qio_lifecycle.end_taskorder", assigned_cor)
rules.add_perm("qio_lifecycle.set_psatarget", assigned_cor)
# Naming the COR and alternate (leave, turnover): the COR or the alternate hands it over.
rules.add_perm("qio_lifecycle.assign_cor_taskorder", assigned_cor)
rules.add_perm("qio_lifecycle.view_deliverable", sees_all | qio_member)
rules.add_perm("qio_lifecycle.view_handoffnote",
               sees_all | qio_member | (is_qio_user & is_incoming_qio_of))
rules.add_perm("qio_lifecycle.view_incoming_handoffnotes", is_qio_user)
rules.add_perm("qio_lifecycle.add_handoffnote", qio_author)
# Artifacts the COR approves.
for model in ("a3c", "providerassessment", "qualityactionplan", "report", "dashboardtemplate"):
    rules.add_perm(f"qio_lifecycle.view_{model}", sees_all | qio_member)
    rules.add_perm(f"qio_lifecycle.change_{model}", qio_author)
    rules.add_perm(f"qio_lifecycle.review_{model}", assigned_cor)
# Agreements the provider signs.
for model in ("providerengagementstrategy", "providerserviceagreement"):
    rules.add_perm(f"qio_lifecycle.view_{model}", sees_all | qio_member | provider_member)
    rules.add_perm(f"qio_lifecycle.change_{model}", qio_author)
    rules.add_perm(f"qio_lifecycle.sign_{model}", provider_member)
rules.add_perm("qio_lifecycle.terminate_providerserviceagreement", qio_author | provider_member)
# Pages.
rules.add_perm("qio_lifecycle.review_submissions", is_cor)
rules.add_perm("qio_lifecycle.view_agreements_to_sign", is_provider_user)
