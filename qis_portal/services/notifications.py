"""notify: in-app notification plus an e-mail copy, written to the outbox in the same
transaction (qis_portal.services.outbox sends it, and re-sends it if the broker lost it)."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from qis_portal.models import Notification, NotificationPreference
from qis_portal.notification_kinds import MANDATORY_KINDS, NOTIFICATION_KINDS
from qis_portal.services.outbox import queue_email


def _preferences(users, kind: str) -> dict[int, NotificationPreference]:
    return {
        pref.user_id: pref
        for pref in NotificationPreference.objects.filter(user__in=users, kind=kind)
    }


def notify(
    *,
    recipients: Iterable,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    idempotency_key: str | None = None,
    awaiting: models.Model | None = None,
) -> list[Notification]:
    """Notify each recipient who has not switched this kind off.

    With an idempotency key, a recipient already notified under that key is skipped, so a
    sweep that runs twice sends nothing twice. With `awaiting` (the object that awaits the
    recipient's decision) it is an action notification, resolved by that object's next step
    (`notifications_resolve`).
    """
    target = ({"target_type": ContentType.objects.get_for_model(awaiting),
               "target_id": str(awaiting.pk)} if awaiting is not None else {})
    if kind not in NOTIFICATION_KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}; register it in notification_kinds.")
    users = [user for user in recipients if user is not None and user.is_active]
    prefs = {} if kind in MANDATORY_KINDS else _preferences(users, kind)
    created = []
    for user in users:
        pref = prefs.get(user.pk)
        in_app = pref.in_app if pref else True
        email = pref.email if pref else True
        if not (in_app or email):
            continue
        try:
            with transaction.atomic():
                note = Notification.objects.create(
                    recipient=user, kind=kind, title=title[:200], body=body, url=url,
                    in_app=in_app, email_wanted=email,
                    idempotency_key=idempotency_key, **target,
                )
                if email:
                    _queue_copy(note, user.email)
        except IntegrityError:
            continue  # already sent under this key
        created.append(note)
    return created


def _queue_copy(note: Notification, to: str) -> None:
    link = f"\n\n{settings.PORTAL_BASE_URL}{note.url}" if note.url else ""
    queue_email(to=to, subject=f"[QIS & QIO Portal] {note.title}", body=f"{note.body}{link}",
                notification=note)


def notify_on_commit(*, recipients: Iterable, kind: str, title: str, body: str = "",
                     url: str = "", idempotency_key: str | None = None, exclude=None,
                     awaiting: models.Model | None = None) -> None:
    """`notify(...)` once the current transaction commits, so a rolled-back step tells nobody.

    The recipients are settled now: empty places dropped, each person once (by id, first
    place kept) whichever lists they came in through (an associate who is also a manager),
    and `exclude` (the actor, who knows) left out. A kind that is not registered fails here,
    inside the step, rather than after its commit.
    """
    if kind not in NOTIFICATION_KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}; register it in notification_kinds.")
    skip = getattr(exclude, "pk", None)
    people = list({user.pk: user for user in recipients
                   if user is not None and (skip is None or user.pk != skip)}.values())
    if people:
        transaction.on_commit(lambda: notify(
            recipients=people, kind=kind, title=title, body=body, url=url,
            idempotency_key=idempotency_key, awaiting=awaiting))


def notifications_resolve(target: models.Model) -> int:
    """The object took its next workflow step: whatever it awaited was decided, by whoever
    decided it, so every open action notification about it is done (for every recipient).
    Called by `run_transition`; a notification created by the same step (it is sent on
    commit) is not touched."""
    return Notification.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk),
        resolved_at__isnull=True).update(resolved_at=timezone.now())


def notification_mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())


def notification_preference_set(*, user, kind: str, in_app: bool, email: bool):
    if kind not in NOTIFICATION_KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}.")
    if kind in MANDATORY_KINDS and not (in_app and email):
        raise ValidationError({kind: f"“{NOTIFICATION_KINDS[kind]}” cannot be switched off: "
                                     f"an approval clock is running."})
    pref, _ = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"in_app": in_app, "email": email}
    )
    return pref
