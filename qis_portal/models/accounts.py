"""Users, organizations and role assignments (DOMAIN.md §1)."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django_fsm import FSMField, FSMModelMixin, transition

from qis_portal.regions import Region


class OrgType(models.TextChoices):
    ISSUER = "issuer", "QHP issuer"
    QIN_QIO = "qin_qio", "QIN-QIO"
    AIAN_QIO = "aian_qio", "AIAN QIO"
    CMS = "cms", "CMS"
    PROVIDER = "provider", "Provider"
    TA_CONTRACTOR = "ta_contractor", "QPP technical assistance contractor"
    SUPPORT_CONTRACTOR = "support_contractor", "CMS support contractor"
    STATE_EXCHANGE = "state_exchange", "State-based Exchange"  # Covered California (seed 002)


QIO_ORG_TYPES = (OrgType.QIN_QIO, OrgType.AIAN_QIO)  # the QIN-QIOs and the AIAN QIO

class Organization(models.Model):
    name = models.CharField(max_length=200, unique=True)
    org_type = models.CharField(max_length=20, choices=OrgType.choices)
    region = models.CharField(
        max_length=40, choices=Region.choices, blank=True,
        help_text="QIN region for a QIN-QIO, tribal region for an AIAN QIO.",
    )
    hios_issuer_id = models.CharField(
        "HIOS Issuer ID", max_length=5, blank=True, help_text="Five digits, issuers only."
    )
    state = models.CharField(max_length=2, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(org_type__in=["qin_qio", "aian_qio"]) | ~models.Q(region=""),
                name="qio_has_region",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_qio(self) -> bool:
        return self.org_type in QIO_ORG_TYPES


class Role(models.TextChoices):
    ISSUER_USER = "issuer_user", "Issuer user"
    CMS_QIS_REVIEWER = "cms_qis_reviewer", "CMS QIS reviewer"
    CMS_INTAKE_REVIEWER = "cms_intake_reviewer", "CMS Intake Reviewer"
    CMS_FQS_REVIEWER = "cms_fqs_reviewer", "CMS FQS Reviewer"
    CMS_COR = "cms_cor", "CMS COR"
    CMS_READ_ONLY = "cms_read_only", "CMS Read-only"
    SECURITY_OFFICER = "security_officer", "Security Officer"
    QIO_ASSOCIATE = "qio_associate", "QIO Associate / Advisor"
    QIO_MANAGER = "qio_manager", "QIO Manager"
    QIO_SUPPORT = "qio_support", "QIO Support Team"
    PROVIDER_USER = "provider_user", "Provider"
    API_CLIENT = "api_client", "REST client"
    CMS_HELP_DESK = "cms_help_desk", "CMS help-desk agent"
    TA_CONTRACTOR_STAFF = "ta_contractor_staff", "QPP technical assistance staff"
    DELEGATED_ADMIN = "delegated_admin", "QIO Connect Delegated Administrator"
    NLC_STAFF = "nlc_staff", "NLC (National Learning and Communications) staff"
    COVERED_CA_REVIEWER = "covered_ca_reviewer", "Covered California QIS reviewer"


CMS_ROLES = frozenset({
    Role.CMS_QIS_REVIEWER, Role.CMS_INTAKE_REVIEWER, Role.CMS_FQS_REVIEWER, Role.CMS_COR,
    Role.CMS_READ_ONLY, Role.SECURITY_OFFICER, Role.CMS_HELP_DESK,
})
QIO_ROLES = frozenset({Role.QIO_ASSOCIATE, Role.QIO_MANAGER, Role.QIO_SUPPORT})
# Which organization type each role belongs to; an assignment elsewhere is refused.
ROLE_ORG_TYPES = {
    Role.ISSUER_USER: {OrgType.ISSUER},
    Role.PROVIDER_USER: {OrgType.PROVIDER},
    Role.API_CLIENT: set(OrgType),
    Role.TA_CONTRACTOR_STAFF: {OrgType.TA_CONTRACTOR, OrgType.QIN_QIO},
    Role.DELEGATED_ADMIN: {OrgType.SUPPORT_CONTRACTOR, OrgType.CMS},
    Role.NLC_STAFF: {OrgType.SUPPORT_CONTRACTOR},
    Role.COVERED_CA_REVIEWER: {OrgType.STATE_EXCHANGE},
    **{role: {OrgType.CMS} for role in CMS_ROLES},
    # PMEC evaluators (seed 001: "PMEs will have a CMS Read-only role") read as CMS does, in
    # their own support-contractor organization rather than filed under CMS.
    Role.CMS_READ_ONLY: {OrgType.CMS, OrgType.SUPPORT_CONTRACTOR},
    **{role: set(QIO_ORG_TYPES) for role in QIO_ROLES},
}


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=150, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    locked_until = models.DateTimeField(null=True, blank=True)
    # When the account's sessions and tokens were last ended (a lock, a closure): see
    # _get_session_auth_hash.
    access_ended_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def has_perm(self, perm, obj=None) -> bool:
        """Restricted permissions (survey responses) hold for superusers only through their
        roles: the Django admin's superuser cannot read them by being a superuser."""
        from qis_portal.predicates import RESTRICTED_PERMISSIONS

        if self.is_active and self.is_superuser and perm in RESTRICTED_PERMISSIONS:
            import rules

            return rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @cached_property
    def active_roles(self) -> frozenset[str]:
        """Roles the user may act in now: approved assignments only."""
        if not self.is_active or not self.pk:
            return frozenset()
        return frozenset(
            self.role_assignments.filter(status=RoleAssignment.Status.APPROVED)
            .values_list("role", flat=True)
        )

    def has_role(self, *roles: str) -> bool:
        return bool(self.active_roles.intersection(roles))

    @property
    def is_cms(self) -> bool:
        return bool(self.active_roles & CMS_ROLES)

    @property
    def is_qio_user(self) -> bool:
        return bool(self.active_roles & QIO_ROLES)

    def _get_session_auth_hash(self, secret=None):
        """Django's session hash (a change of password signs every session out), also keyed
        on `access_ended_at`: ending an account's access changes it, so every session signed
        in before then fails Django's check on its next request and is flushed. Unset, the
        hash is Django's own, so sessions of accounts never ended are not disturbed. (The
        private method, because both the current and the SECRET_KEY_FALLBACKS hashes use it.)"""
        base = super()._get_session_auth_hash(secret=secret)
        if self.access_ended_at is None:
            return base
        return salted_hmac("qis_portal.User.access_ended_at",
                           f"{base}:{self.access_ended_at.isoformat()}", secret=secret,
                           algorithm="sha256").hexdigest()

    def is_locked(self, now=None) -> bool:
        return bool(self.locked_until and self.locked_until > (now or timezone.now()))


class RoleAssignment(FSMModelMixin, models.Model):
    """A role a user holds in their organization.

    QIO roles wait for the region's Security Officer (seed 001: onboarding); an administrator
    (or the demo seed) grants the others. Each decision is a transition through
    run_transition (qis_portal.services.accounts)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending Security Officer approval"
        APPROVED = "approved", "Approved"
        REVOKED = "revoked", "Revoked"
        REJECTED = "rejected", "Rejected"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=40, choices=Role.choices)
    region = models.CharField(
        max_length=40, choices=Region.choices, blank=True,
        help_text="The QIN or tribal region of the assignment (QIO roles, Security Officer).",
    )
    status = FSMField(max_length=20, choices=Status.choices, default=Status.PENDING,
                      protected=True)
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["user__email", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="one_assignment_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.get_status_display()})"

    @transition(field=status, source=Status.PENDING, target=Status.APPROVED)
    def approve(self):
        """The region's Security Officer approves; the user may act in the role."""

    @transition(field=status, source=Status.PENDING, target=Status.REJECTED)
    def reject(self):
        """The region's Security Officer rejects the request."""

    @transition(field=status, source=Status.PENDING, target=Status.APPROVED)
    def grant(self):
        """An administrator (or the demo seed) grants the role outright."""

    @transition(field=status, source=[Status.APPROVED, Status.REJECTED, Status.REVOKED],
                target=Status.PENDING)
    def request_again(self):
        """The role is asked for again: it waits for a new decision."""
