"""Sign-in lockout (AC-7) and role assignments approved by the region's Security Officer."""

from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from qis_portal.models import LoginAttempt, Role, RoleAssignment, User
from qis_portal.models.accounts import QIO_ROLES, ROLE_ORG_TYPES
from qis_portal.services.audit import audit_record, client_ip
from qis_portal.services.notifications import notify
from qis_portal.workflow import ActionDenied, WorkflowConflict


def login_failure_record(*, email: str, request=None) -> User | None:
    """Count a failed sign-in; the third within the window locks the account. Returns a user
    that has just been locked, else None."""
    now = timezone.now()
    email = (email or "").strip().lower()[:254]
    LoginAttempt.objects.create(email=email, at=now, succeeded=False, ip_address=client_ip(request))
    audit_record(
        action="auth.login_failed", outcome="failure", request=request, actor_label=email,
    )
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email=email).first()
        if user is None or user.is_locked(now):
            return None
        since = max(now - settings.LOCKOUT_WINDOW, _last_unlock(user))
        failures = LoginAttempt.objects.filter(email=email, succeeded=False, at__gt=since).count()
        if failures < settings.LOCKOUT_MAX_FAILURES:
            return None
        user.locked_until = now + settings.LOCKOUT_DURATION
        user.save(update_fields=["locked_until"])
        audit_record(
            action="auth.account_locked", outcome="denied", target=user, request=request,
            actor_label=email,
            note=f"{failures} failed sign-ins within "
                 f"{int(settings.LOCKOUT_WINDOW.total_seconds() // 60)} minutes; locked until "
                 f"{user.locked_until:%Y-%m-%d %H:%M} UTC",
        )
    transaction.on_commit(lambda: notify(
        recipients=[user], kind="account.lockout", title="Your account was locked",
        body="Three failed sign-ins locked your account for 30 minutes. If this was not you, "
             "contact your Security Officer.",
    ))
    return user


def _last_unlock(user: User):
    """Failures before the end of a previous lock do not count again."""
    epoch = datetime(2000, 1, 1, tzinfo=UTC)
    last_success = (
        LoginAttempt.objects.filter(email=user.email, succeeded=True)
        .order_by("-at").values_list("at", flat=True).first()
    )
    candidates = [epoch, user.locked_until or epoch, last_success or epoch]
    return max(candidates)


def mfa_device_pending(*, user: User) -> TOTPDevice:
    """The user's authenticator awaiting its first code, made on the first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    return device


def mfa_device_confirm(*, user: User, code: str, request=None) -> TOTPDevice | None:
    """Confirm the pending authenticator with one code, under a row lock so that two
    submissions confirm it once; audited. None when there is none or the code does not match."""
    with transaction.atomic():
        device = (TOTPDevice.objects.select_for_update()
                  .filter(user=user, confirmed=False).first())
        if device is None or not device.verify_token(code):
            return None
        device.confirmed = True
        device.save()
        audit_record(action="auth.mfa_enrolled", actor=user, target=user, request=request)
    return device


def login_success_record(*, user: User, request=None) -> None:
    LoginAttempt.objects.create(
        email=user.email, at=timezone.now(), succeeded=True, ip_address=client_ip(request)
    )
    audit_record(action="auth.login", actor=user, target=user, request=request)


def role_assignment_request(
    *, user: User, role: str, region: str = "", actor=None
) -> RoleAssignment:
    """Ask for a role. QIO roles wait for the region's Security Officer; others need an admin."""
    if role not in Role.values:
        raise ValidationError({"role": f"Unknown role {role!r}."})
    org = user.organization
    if org is None or org.org_type not in ROLE_ORG_TYPES[Role(role)]:
        raise ValidationError(
            {"role": f"A {Role(role).label} must belong to a matching organization."})
    region = region or (org.region if role in QIO_ROLES else "")
    if role in QIO_ROLES and region != org.region:
        raise ValidationError({"region": "A QIO user's assignment is to their QIO's own region."})
    assignment, _ = RoleAssignment.objects.update_or_create(
        user=user, role=role,
        defaults={"region": region, "status": RoleAssignment.Status.PENDING,
                  "requested_at": timezone.now(), "decided_by": None, "decided_at": None},
    )
    audit_record(action="role_assignment.requested", actor=actor, target=assignment,
                 to_state=assignment.status, details={"role": role, "region": region})
    if role in QIO_ROLES:
        officers = security_officers_for(region)
        transaction.on_commit(lambda: notify(
            recipients=officers, kind="account.role_request",
            title=f"{user.email} asks to act as {Role(role).label}",
            body="Review the regional assignment on the Security Officer page.",
            url="/accounts/assignments/",
        ))
    return assignment


def security_officers_for(region: str) -> list[User]:
    return list(User.objects.filter(
        is_active=True, role_assignments__role=Role.SECURITY_OFFICER,
        role_assignments__status=RoleAssignment.Status.APPROVED,
        role_assignments__region=region,
    ))


def role_assignment_decide(*, assignment_id: int, actor: User, approve: bool, note: str = "",
                           request=None) -> RoleAssignment:
    """A Security Officer approves or rejects a pending assignment of their own region."""
    with transaction.atomic():
        assignment = RoleAssignment.objects.select_for_update().select_related("user").get(
            pk=assignment_id
        )
        if not actor.has_perm("qis_portal.decide_roleassignment", assignment):
            raise ActionDenied("Only the Security Officer of this region may decide.",
                               action="roleassignment.decide", target=assignment)
        if assignment.status != RoleAssignment.Status.PENDING:
            raise WorkflowConflict(
                f"This assignment is already {assignment.get_status_display().lower()}.",
                current_state=assignment.status,
            )
        from_state = assignment.status
        assignment.status = (RoleAssignment.Status.APPROVED if approve
                             else RoleAssignment.Status.REJECTED)
        assignment.decided_by = actor
        assignment.decided_at = timezone.now()
        assignment.decision_note = note[:500]
        assignment.save()
        audit_record(action="role_assignment.approve" if approve else "role_assignment.reject",
                     actor=actor, target=assignment, from_state=from_state,
                     to_state=assignment.status, note=note, request=request,
                     details={"user": assignment.user.email, "role": assignment.role})
        user = assignment.user
        verdict = "approved" if approve else "rejected"
        transaction.on_commit(lambda: notify(
            recipients=[user], kind="account.role_assignment",
            title=f"Your {assignment.get_role_display()} assignment was {verdict}",
            body=note,
        ))
    return assignment


def role_grant(*, user: User, role: str, region: str = "", actor=None) -> RoleAssignment:
    """Grant a role outright (administrators, the demo seed); still an audited permission change."""
    assignment = role_assignment_request(user=user, role=role, region=region, actor=actor)
    assignment.status = RoleAssignment.Status.APPROVED
    assignment.decided_by = actor if getattr(actor, "pk", None) else None
    assignment.decided_at = timezone.now()
    assignment.save()
    audit_record(action="role_assignment.grant", actor=actor, target=assignment,
                 from_state=RoleAssignment.Status.PENDING, to_state=assignment.status,
                 details={"user": user.email, "role": role, "region": region})
    return assignment
