"""audit_record: the one way every app writes to the audit trail."""

import ipaddress

from django.conf import settings
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
    """The client's address, as the sign-in limit, the API throttle and the audit see it.

    With no proxy in front (TRUSTED_PROXY_HOPS = 0) it is REMOTE_ADDR. Behind n trusted
    proxies (docker-compose.yml: the balancer, 1) it is the n-th entry from the right of
    X-Forwarded-For: the address the outermost trusted proxy saw. Entries further left were
    written by the client and are ignored; a missing or malformed entry falls back to
    REMOTE_ADDR."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    hops = settings.TRUSTED_PROXY_HOPS
    if hops <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-hops].strip()))
    except ValueError:
        return remote


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
