"""Sign-in lockout (AC-7) and role assignments approved by the region's Security Officer."""

from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from qis_portal.models import ApiToken, LoginAttempt, Role, RoleAssignment, User
from qis_portal.models.accounts import QIO_ROLES, ROLE_ORG_TYPES
from qis_portal.services.audit import audit_record, client_ip
from qis_portal.services.notifications import notify_on_commit
from qis_portal.workflow import SystemActor, run_transition

# The portal's own hand in role assignments: a role asked for on a user's behalf, and the demo
# seed's grants.
ACCOUNTS = SystemActor("qis_portal.request_roleassignment", "qis_portal.grant_roleassignment")


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
        account_access_end(user=user, reason="Locked after failed sign-ins (AC-7).",
                           request=request)
    notify_on_commit(
        recipients=[user], kind="account.lockout", title="Your account was locked",
        body="Three failed sign-ins locked your account for 30 minutes. If this was not you, "
             "contact your Security Officer.",
    )
    return user


def account_access_end(*, user: User, reason: str, actor=None, request=None) -> int:
    """End every way in the account holds now, at once: its sessions (the session hash
    changes, so each is flushed on its next request, see User._get_session_auth_hash) and its
    API tokens (revoked for good). Called when an account is locked or closed; audited.
    Returns the number of tokens revoked."""
    now = timezone.now()
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(access_ended_at=now)
        user.access_ended_at = now
        revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=now)
        audit_record(action="auth.access_ended", actor=actor, target=user, request=request,
                     actor_label="" if actor else "system", note=reason[:500],
                     details={"api_credentials_revoked": revoked})
    return revoked


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
    *, user: User, role: str, region: str = "", actor=None, request=None
) -> RoleAssignment:
    """Ask for a role. QIO roles wait for the region's Security Officer; others need an admin.
    A role asked for again (after a decision) waits for a new one."""
    if role not in Role.values:
        raise ValidationError({"role": f"Unknown role {role!r}."})
    org = user.organization
    if org is None or org.org_type not in ROLE_ORG_TYPES[Role(role)]:
        raise ValidationError(
            {"role": f"A {Role(role).label} must belong to a matching organization."})
    region = region or (org.region if role in QIO_ROLES else "")
    if role in QIO_ROLES and region != org.region:
        raise ValidationError({"region": "A QIO user's assignment is to their QIO's own region."})

    def reset(assignment: RoleAssignment) -> None:
        assignment.region = region
        assignment.requested_at = timezone.now()
        assignment.decided_by = None
        assignment.decided_at = None

    def tell_officers(assignment: RoleAssignment) -> None:
        if role in QIO_ROLES:
            notify_on_commit(
                recipients=security_officers_for(region), kind="account.role_request",
                title=f"{user.email} asks to act as {Role(role).label}",
                body="Review the regional assignment on the Security Officer page.",
                url="/accounts/assignments/")

    facts = {"role": role, "region": region}
    with transaction.atomic():
        assignment = (RoleAssignment.objects.select_for_update()
                      .filter(user=user, role=role).first())
        if assignment is not None and assignment.status != RoleAssignment.Status.PENDING:
            return run_transition(
                obj=assignment, transition="request_again", actor=actor or ACCOUNTS,
                permission="qis_portal.request_roleassignment", request=request, before=reset,
                after=tell_officers, action="role_assignment.requested", details=facts)
        if assignment is None:
            assignment = RoleAssignment(user=user, role=role)
        reset(assignment)
        assignment.save()
        audit_record(action="role_assignment.requested", actor=actor, target=assignment,
                     to_state=assignment.status, request=request, details=facts)
        tell_officers(assignment)
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
    assignment = RoleAssignment.objects.select_related("user").get(pk=assignment_id)
    verdict = "approved" if approve else "rejected"

    def before(locked: RoleAssignment) -> None:
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.decision_note = note[:500]

    def after(decided: RoleAssignment) -> None:
        notify_on_commit(
            recipients=[assignment.user], kind="account.role_assignment",
            title=f"Your {decided.get_role_display()} assignment was {verdict}", body=note)

    return run_transition(
        obj=assignment, transition="approve" if approve else "reject", actor=actor,
        permission="qis_portal.decide_roleassignment", note=note, request=request,
        before=before, after=after,
        action="role_assignment.approve" if approve else "role_assignment.reject",
        details={"user": assignment.user.email, "role": assignment.role},
        refusal=lambda locked: f"This assignment is already "
                               f"{locked.get_status_display().lower()}.",
        denied="Only the Security Officer of this region may decide.")


def role_assignment_grant(*, assignment: RoleAssignment, actor=None,
                          request=None) -> RoleAssignment:
    """Grant a pending assignment outright (an administrator, or the demo seed): still an
    audited permission change."""

    def before(locked: RoleAssignment) -> None:
        locked.decided_by = actor if getattr(actor, "pk", None) else None
        locked.decided_at = timezone.now()

    return run_transition(
        obj=assignment, transition="grant", actor=actor or ACCOUNTS,
        permission="qis_portal.grant_roleassignment", request=request, before=before,
        action="role_assignment.grant",
        details={"user": assignment.user.email, "role": assignment.role,
                 "region": assignment.region})


def role_grant(*, user: User, role: str, region: str = "", actor=None) -> RoleAssignment:
    """Ask for a role and grant it at once (the demo seed)."""
    assignment = role_assignment_request(user=user, role=role, region=region, actor=actor)
    return role_assignment_grant(assignment=assignment, actor=actor)
