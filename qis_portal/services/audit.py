"""audit_record: the one way every app writes to the audit trail."""

from django.db import models
from django.utils import timezone

from qis_portal.models import AuditEvent

# Never stored, whatever a caller passes in `details`.
_SECRET_MARKERS = ("password", "token", "secret", "key", "otp", "authorization", "cookie")


def _scrub(details: dict) -> dict:
    clean = {}
    for key, value in details.items():
        if any(marker in key.lower() for marker in _SECRET_MARKERS):
            continue
        clean[key] = _scrub(value) if isinstance(value, dict) else value
    return clean


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _event(
    *,
    action: str,
    actor=None,
    target: models.Model | None = None,
    target_ref: tuple[str, str] = ("", ""),
    outcome: str = AuditEvent.Outcome.SUCCESS,
    from_state: str = "",
    to_state: str = "",
    note: str = "",
    request=None,
    details: dict | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """An unsaved event: who did what to which object, when (UTC), from where, with what
    outcome. `target_ref` (model label, id) names a target known only by its id."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent(
        at=timezone.now(),
        actor=actor,
        actor_label=actor.email if actor is not None else actor_label[:254],
        action=action,
        outcome=outcome,
        target_type=target._meta.label_lower if target is not None else target_ref[0],
        target_id=str(target.pk) if target is not None else target_ref[1],
        target_label=str(target)[:255] if target is not None else "",
        from_state=from_state or "",
        to_state=to_state or "",
        note=note,
        ip_address=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:255] if request else ""),
        path=(request.path[:255] if request else ""),
        details=_scrub(details or {}),
    )


def audit_record(**fields) -> AuditEvent:
    """Record one event (the keyword arguments of `_event`)."""
    event = _event(**fields)
    event.save(force_insert=True)
    return event


def audit_record_many(*, targets, details=None, **fields) -> list[AuditEvent]:
    """One event per target in a single INSERT (a page of reads, each audited);
    `details(target)` gives each event's details."""
    return AuditEvent.objects.bulk_create([
        _event(target=target, details=details(target) if details else None, **fields)
        for target in targets])


def audit_history(obj: models.Model):
    """The trail of one object, newest first (the history panel on its page)."""
    return AuditEvent.objects.filter(
        target_type=obj._meta.label_lower, target_id=str(obj.pk)
    ).select_related("actor")
