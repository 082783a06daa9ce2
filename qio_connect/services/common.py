"""What every QIO Connect write shares beyond the core: the moderators to tell, and the
address of a page."""

from django.urls import reverse

from qis_portal.models import User
from qis_portal.selectors import users_with_roles

from ..rules import MODERATOR_ROLES


def moderators() -> list[User]:
    """The NLC staff and Delegated Administrators (they approve content and events)."""
    return users_with_roles(*MODERATOR_ROLES)


def url(name: str, *args) -> str:
    return reverse(f"qio_connect:{name}", args=args)
