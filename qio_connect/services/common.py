"""What every QIO Connect write shares: the permission check (audited when refused), the
moderators to tell, notifications scheduled after commit, and text clean-up."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from qis_portal.models import RoleAssignment, User
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify
from qis_portal.workflow import ActionDenied

from ..rules import MODERATOR_ROLES


def require(actor, perm: str, obj=None, *, action: str, message: str = "") -> None:
    """Refuse with 403 (audited at the boundary) unless `actor` holds `perm` on `obj`."""
    if not actor.has_perm(perm, obj):
        raise ActionDenied(message or "You do not have permission to do this in QIO Connect.",
                           action=action, target=obj)


def moderators() -> list[User]:
    """The NLC staff and Delegated Administrators (they approve content and events)."""
    return list(User.objects.filter(
        is_active=True, role_assignments__role__in=MODERATOR_ROLES,
        role_assignments__status=RoleAssignment.Status.APPROVED).distinct())


def notify_on_commit(recipients, *, kind: str, title: str, body: str = "", url: str = "",
                     exclude=None, idempotency_key: str | None = None) -> None:
    """Notify after the transaction commits, so a rolled-back write tells nobody."""
    skip = getattr(exclude, "pk", None)
    people = [user for user in dict.fromkeys(recipients) if user is not None and user.pk != skip]
    if not people:
        return
    transaction.on_commit(lambda: notify(recipients=people, kind=kind, title=title, body=body,
                                         url=url, idempotency_key=idempotency_key))


def url(name: str, *args) -> str:
    return reverse(f"qio_connect:{name}", args=args)


def required_text(value, field: str, message: str, max_length: int) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: message})
    if len(text) > max_length:
        raise ValidationError({field: f"At most {max_length} characters."})
    return text


def optional_text(value, field: str, max_length: int) -> str:
    text = (value or "").strip()
    if len(text) > max_length:
        raise ValidationError({field: f"At most {max_length} characters."})
    return text


def audit(action: str, *, actor, target, request=None, note: str = "", details=None) -> None:
    audit_record(action=action, actor=actor, target=target, request=request, note=note,
                 details=details)
