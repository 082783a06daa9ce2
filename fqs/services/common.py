"""What every FQS service shares: the portal's own actor and the people a step tells."""

from qio_program.lifecycle.cors import cors_of_qios
from qis_portal.models import Role, User
from qis_portal.selectors import users_with_roles
from qis_portal.workflow import SystemActor

# The sweep's actor: allowed only the steps the portal takes itself (automatic close-out at
# the sprint end; withdrawing requests a close-out made moot).
SYSTEM = SystemActor("fqs.auto_close_referral", "fqs.auto_withdraw_sprintrequest")
# Moves an FQS work-basket task along with the FQS step a support-team member took (only
# managers assign tasks by hand; the referral's assignment carries its task with it).
TASKS = SystemActor("qio_program.assign_task", "qio_program.complete_task")


def users_with_role(role: str, organization=None) -> list[User]:
    return users_with_roles(role, organization_id=organization.pk if organization else None)


def cors(qio_id: int | None = None) -> list[User]:
    """The COR and alternate of the QIO's task order (qio_program.lifecycle.cors); every COR
    when the QIO has none naming them."""
    if qio_id is None:
        return users_with_roles(Role.CMS_COR)
    return cors_of_qios([qio_id])
