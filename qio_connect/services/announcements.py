"""Targeted communications: CMS (the COR) or the Delegated Administrator sends an announcement
to chosen QIO organizations or to all; each user of those organizations is notified (seed 001:
"Ability for CMS to send targeted communications to specific QIO organizations or All")."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from qis_portal.models import QIO_ORG_TYPES, Organization, User
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify
from qis_portal.validation import require_text
from qis_portal.workflow import require_permission

from ..models import Announcement
from .common import url

KIND = "connect.announcement"


@transaction.atomic
def announcement_send(*, actor, title: str, body: str, to_all: bool = False,
                      organizations=(), request=None) -> Announcement:
    require_permission(actor, "qio_connect.send_announcement", action="announcement.send",
                       request=request)
    organizations = list(organizations or [])
    if not to_all and not organizations:
        raise ValidationError({"organizations": "Choose the QIOs to send to, or all QIOs."})
    if any(not isinstance(org, Organization) or not org.is_qio for org in organizations):
        raise ValidationError({"organizations": "Announcements go to QIO organizations."})
    announcement = Announcement.objects.create(
        title=require_text(title, "title", "Give the announcement a title.", 200),
        body=require_text(body, "body", "Write the announcement.", 5000),
        sent_by=actor, to_all=bool(to_all))
    if not to_all:
        announcement.organizations.set(organizations)
    audit_record(action="announcement.send", actor=actor, target=announcement, request=request,
                 details={"to_all": bool(to_all),
                          "organizations": [org.pk for org in organizations]})
    from ..tasks import deliver_announcement

    transaction.on_commit(lambda: deliver_announcement.delay(announcement.pk))
    return announcement


def announcement_recipients(announcement: Announcement):
    orgs = (Organization.objects.filter(org_type__in=QIO_ORG_TYPES) if announcement.to_all
            else announcement.organizations.all())
    return User.objects.filter(organization__in=orgs, is_active=True).order_by("pk")


@transaction.atomic
def announcement_deliver(*, announcement_id: int) -> int:
    """Notify every user of the targeted QIOs. Safe to run twice: each notification carries
    the announcement's key, so nobody is told twice."""
    announcement = Announcement.objects.select_for_update().get(pk=announcement_id)
    recipients = list(announcement_recipients(announcement))
    notify(recipients=recipients, kind=KIND, title=announcement.title,
           body=announcement.body[:1000], url=url("announcement_detail", announcement.pk),
           idempotency_key=f"connect.announcement:{announcement.pk}")
    announcement.delivered_at = announcement.delivered_at or timezone.now()
    announcement.recipient_count = len(recipients)
    announcement.save(update_fields=["delivered_at", "recipient_count"])
    return len(recipients)
