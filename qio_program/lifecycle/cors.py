"""Which CORs a QIO's work belongs to: the COR and the alternate named on its task order.

Seed 001 has "the COR" of each QIN-QIO contract approve its A3C, Provider Assessment and
reports and decide its FQS activations; only the two named on the task order hear of, are
reminded of, see and decide that QIO's work, and another task order's COR gets 404 and no
notification. A task order recorded before CORs were named (both empty) stays with every COR,
so that nothing waits on nobody; naming one closes it to the two.
"""

from django.db.models import Q

from qio_program.lifecycle.choices import TaskOrderStatus
from qis_portal.models import Role, User
from qis_portal.selectors import users_with_roles


def named_cor_ids(task_order) -> set[int]:
    return {pk for pk in (task_order.cor_id, task_order.alternate_cor_id) if pk}


def cors_of(task_order) -> list[User]:
    """Who is told of, and reminded about, this task order's submissions."""
    if task_order is None or not named_cor_ids(task_order):
        return users_with_roles(Role.CMS_COR)
    return [user for user in (task_order.cor, task_order.alternate_cor)
            if user is not None and user.is_active and user.has_role(Role.CMS_COR)]


def active_task_orders_of(qio_ids):
    from qio_program.lifecycle.models import TaskOrder

    return (TaskOrder.objects.filter(qio_id__in=list(qio_ids), status=TaskOrderStatus.ACTIVE)
            .select_related("cor", "alternate_cor"))


def cors_of_qios(qio_ids) -> list[User]:
    """The CORs of the active task orders of these QIOs (an FQS activation that spans
    regions goes to each region's QIO's CORs); with no task order, every COR."""
    orders = list(active_task_orders_of(qio_ids))
    if not orders:
        return users_with_roles(Role.CMS_COR)
    people = {}
    for order in orders:
        people.update({user.pk: user for user in cors_of(order)})
    return list(people.values())


def is_cor_of(user, task_order) -> bool:
    """A COR who may decide this task order's work (every COR when none is named)."""
    if not user.has_role(Role.CMS_COR):
        return False
    if task_order is None:
        return True
    named = named_cor_ids(task_order)
    return not named or user.pk in named


def cor_scope(user, task_order_path: str) -> Q | None:
    """The filter that keeps a COR to their own task orders' objects (`task_order_path` is
    the path to the task order: "" for TaskOrder itself, "task_order__" for its work); None
    for anyone else. CMS read-only users (PMEC evaluators among them) read everything."""
    if not user.has_role(Role.CMS_COR) or user.has_role(Role.CMS_READ_ONLY):
        return None
    return (Q(**{f"{task_order_path}cor": user}) | Q(**{f"{task_order_path}alternate_cor": user})
            | Q(**{f"{task_order_path}cor__isnull": True,
                   f"{task_order_path}alternate_cor__isnull": True}))
