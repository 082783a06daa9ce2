"""Signed, single-use, expiring links: how a person without a portal account acts once.

A provider's QI lead signs a PSA, a contact answers a survey, an invitee accepts: each gets an
e-mail with one link. The API is small and stable (docs/CONVENTIONS.md, One-time links):

    link, token = create_link(purpose="psa.sign", target=psa, email=contact.email,
                              name=contact.name, actor=request.user, request=request)
    url = link_url(token)                     # put it in the e-mail; it is never stored
    link = resolve(token, purpose="psa.sign") # show the page; raises LinkRefused
    with consume(token, purpose="psa.sign", permissions=(SIGN,), request=request) as holder:
        psa_sign(actor=holder, psa=link.target, request=request)

- The token is `<id>-<secret>` signed with the project's key (`django.core.signing`), so a
  forged or altered token is refused before the database is asked; only a hash of the secret
  is stored, so the table alone cannot rebuild a link.
- `resolve` refuses an invalid, expired, used or revoked link with `LinkRefused`, whose
  `reason` says which; `refusal_response` is the page for it (no data of the target).
- `consume` locks the link row, checks it again, yields a `LinkHolder` (the actor that
  represents the recipient in `run_transition`: it holds only the permissions it is given, on
  the link's target only, and is audited under the recipient's e-mail), and marks the link
  used when the block succeeds: one use, whoever races. A block that raises leaves it unused.
- Each creation, use, revocation and refused use is an audit record with IP and time, like a
  signed-in action. A new link for the same purpose and target revokes the earlier open ones
  (a reminder sends a fresh link; only the newest works).
- One public page, `/links/<token>/`, dispatches to the view registered for the purpose with
  `register_link_view(purpose, view)`; `view(request, link, token)` renders or acts.
"""

import hashlib
import hmac
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import models, transaction
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from qis_portal.models import AuditEvent, OneTimeLink
from qis_portal.services.audit import audit_record, client_ip

DEFAULT_TTL = timedelta(days=7)
_SALT = "qis_portal.onetime_links"


class LinkRefused(Exception):
    """The link cannot be used; `reason` is one of REASONS, `message` says it to a person."""

    INVALID, EXPIRED, USED, REVOKED = "invalid", "expired", "used", "revoked"
    REASONS = {
        INVALID: "This link is not valid. Check that you copied the whole link from the e-mail.",
        EXPIRED: "This link has expired. Ask the sender for a new one.",
        USED: "This link has already been used; each link works once.",
        REVOKED: "This link was withdrawn by the sender; a newer e-mail may hold a new one.",
    }

    def __init__(self, reason: str, link: OneTimeLink | None = None):
        super().__init__(self.REASONS[reason])
        self.reason = reason
        self.message = self.REASONS[reason]
        self.link = link
        self.recorded = False


class LinkHolder:
    """The recipient of a link, acting through it: audited under their e-mail, holding only
    `permissions`, and only on the link's own target."""

    is_authenticated = False
    is_active = False
    pk = None
    id = None

    def __init__(self, link: OneTimeLink, permissions: tuple[str, ...] = ()):
        self.link = link
        self.email = link.recipient_email
        self.name = link.recipient_name
        self.permissions = frozenset(permissions)

    def has_perm(self, perm: str, obj=None) -> bool:
        if perm not in self.permissions:
            return False
        return obj is None or (isinstance(obj, models.Model) and _is_target(self.link, obj))

    def has_role(self, *roles: str) -> bool:
        return False


def _is_target(link: OneTimeLink, obj: models.Model) -> bool:
    return (ContentType.objects.get_for_model(obj, for_concrete_model=False).pk
            == link.target_type_id and str(obj.pk) == str(link.target_id))


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_link(*, purpose: str, target: models.Model, email: str, name: str = "",
                expires_at: datetime | None = None, ttl: timedelta = DEFAULT_TTL, actor=None,
                request=None) -> tuple[OneTimeLink, str]:
    """A new link (and its token, to put in the e-mail); earlier open links for the same
    purpose and target are revoked."""
    secret = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
        OneTimeLink.objects.filter(purpose=purpose, target_type=content_type,
                                   target_id=target.pk, used_at__isnull=True,
                                   revoked_at__isnull=True).update(revoked_at=now)
        link = OneTimeLink.objects.create(
            purpose=purpose, target_type=content_type, target_id=target.pk,
            recipient_email=email, recipient_name=name[:200], secret_hash=_hash(secret),
            expires_at=expires_at or now + ttl,
            created_by=actor if getattr(actor, "is_authenticated", False) else None)
        audit_record(action="onetime_link.create", actor=actor, target=target, request=request,
                     actor_label=getattr(actor, "email", "") or "",
                     details={"link": link.pk, "purpose": purpose, "recipient": email,
                              "expires_at": link.expires_at.isoformat()})
    return link, signing.Signer(salt=_SALT).sign(f"{link.pk}-{secret}")


def link_url(token: str) -> str:
    """The absolute address to e-mail."""
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("onetime_link", args=[token])


def _check(link: OneTimeLink, now: datetime) -> None:
    if link.revoked_at is not None:
        raise LinkRefused(LinkRefused.REVOKED, link)
    if link.used_at is not None:
        raise LinkRefused(LinkRefused.USED, link)
    if link.expires_at <= now:
        raise LinkRefused(LinkRefused.EXPIRED, link)


def _load(token: str, purpose: str | None, *, for_update: bool) -> OneTimeLink:
    try:
        link_id, _, secret = signing.Signer(salt=_SALT).unsign(token).partition("-")
        rows = OneTimeLink.objects.select_for_update() if for_update else OneTimeLink.objects
        link = rows.get(pk=int(link_id))
    except (signing.BadSignature, ValueError, OneTimeLink.DoesNotExist) as exc:
        raise LinkRefused(LinkRefused.INVALID) from exc
    if not hmac.compare_digest(link.secret_hash, _hash(secret)) or (
            purpose is not None and link.purpose != purpose):
        raise LinkRefused(LinkRefused.INVALID)
    return link


def resolve(token: str, *, purpose: str | None = None) -> OneTimeLink:
    """The link a token names, if it can still be used; else `LinkRefused`."""
    link = _load(token, purpose, for_update=False)
    _check(link, timezone.now())
    return link


@contextmanager
def consume(token: str, *, purpose: str, permissions: tuple[str, ...] = (),
            request=None) -> Iterator[LinkHolder]:
    """Use the link once: lock it, check it, run the block as its holder, mark it used."""
    try:
        with transaction.atomic():
            link = _load(token, purpose, for_update=True)
            now = timezone.now()
            _check(link, now)
            yield LinkHolder(link, permissions)
            link.used_at, link.used_ip = now, client_ip(request)
            link.save(update_fields=["used_at", "used_ip"])
            audit_record(action="onetime_link.use", target=link.target, request=request,
                         actor_label=link.recipient_email,
                         details={"link": link.pk, "purpose": purpose})
    except LinkRefused as refused:
        record_refusal(refused, request=request)
        raise


def revoke(link: OneTimeLink, *, actor, request=None) -> OneTimeLink:
    """Withdraw an unused link (a wrong address, a re-sent invitation)."""
    with transaction.atomic():
        locked = OneTimeLink.objects.select_for_update().get(pk=link.pk)
        if locked.revoked_at is None and locked.used_at is None:
            locked.revoked_at, locked.revoked_by = timezone.now(), actor
            locked.save(update_fields=["revoked_at", "revoked_by"])
            audit_record(action="onetime_link.revoke", actor=actor, target=locked.target,
                         request=request, details={"link": locked.pk})
    return locked


def record_refusal(refused: LinkRefused, *, request=None) -> None:
    """A refused use of a known link is audited once (an unknown token names nothing)."""
    if refused.link is None or refused.recorded:
        return
    refused.recorded = True
    audit_record(action="onetime_link.refused", outcome=AuditEvent.Outcome.DENIED,
                 target=refused.link.target, request=request,
                 actor_label=refused.link.recipient_email, note=refused.message,
                 details={"link": refused.link.pk, "reason": refused.reason})


def refusal_response(request, refused: LinkRefused):
    """The page for a refused link: what happened, and nothing of the target."""
    status = 404 if refused.reason == LinkRefused.INVALID else 410
    return render(request, "onetime/refused.html", {"refused": refused}, status=status)


_VIEWS: dict[str, Callable] = {}


def register_link_view(purpose: str, view: Callable) -> None:
    """`view(request, link, token)` answers `/links/<token>/` for links of `purpose`."""
    _VIEWS[purpose] = view


def link_view_for(purpose: str) -> Callable | None:
    return _VIEWS.get(purpose)
