"""FQS reads shared by views, API and tasks, each scoped to the user (another tenant's row is
simply absent: 404)."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from fqs import sprint
from fqs.cor_scope import activations_of_cor
from fqs.models import (
    Activation,
    FqsRequest,
    MedicareVerification,
    Referral,
    SprintRequest,
    SprintRequestKind,
    SupportHandoff,
    Survey,
    SurveyResponse,
)
from qio_program.models import Provider
from qis_portal.models import OrgType, Role, RoleAssignment, User


def _is_cms(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_cms)


def requests_for_user(user):
    qs = FqsRequest.objects.select_related("provider", "submitted_by")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if user.is_cms:
        return qs
    return qs.filter(submitted_by=user)


def facilities_for_picker(user):
    """The directory facilities `user` may name on an FQS request: a provider user only their
    own organization's facility; anyone else the whole directory."""
    qs = Provider.objects.order_by("name", "id")
    org = getattr(user, "organization", None)
    if org is not None and org.org_type == OrgType.PROVIDER:
        return qs.filter(organization=org)
    return qs


def medicare_verifications_for(user):
    """CMS reads every verification; a QIO the ones of providers it has a referral for."""
    qs = MedicareVerification.objects.select_related("verified_by", "provider")
    if _is_cms(user):
        return qs
    org = getattr(user, "organization", None)
    if getattr(user, "is_qio_user", False) and org is not None and org.is_qio:
        return qs.filter(provider__fqs_referrals__organization=org).distinct()
    return qs.none()


def handoffs_for_user(user):
    """Non-FQS support hand-offs: CMS reads all (the COR follows them), a QIO its own."""
    qs = SupportHandoff.objects.select_related("provider", "organization", "fqs_request",
                                               "decided_by")
    if _is_cms(user):
        return qs
    org = getattr(user, "organization", None)
    if getattr(user, "is_qio_user", False) and org is not None and org.is_qio:
        return qs.filter(organization=org)
    return qs.none()


def activations_for_user(user):
    """CMS reads them; a COR only those of the task orders naming them (fqs.cor_scope)."""
    qs = Activation.objects.select_related("request", "request__provider")
    return activations_of_cor(qs, user) if _is_cms(user) else qs.none()


def referrals_for_user(user):
    qs = Referral.objects.select_related("provider", "organization", "assigned_to",
                                         "activation_provider", "activation")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if user.is_cms:
        return qs
    org = user.organization
    if user.is_qio_user and org is not None and org.is_qio:
        return qs.filter(organization=org)
    return qs.none()


def sprint_requests_for_user(user):
    return SprintRequest.objects.select_related("referral", "requested_by", "decided_by").filter(
        referral__in=referrals_for_user(user).values("pk"))


def survey_responses_for_user(user):
    """Only the COR and CMS read-only users; the caller audits what it shows."""
    if not user.has_perm("fqs.read_survey_response"):
        return SurveyResponse.objects.none()
    return SurveyResponse.objects.select_related(
        "survey", "survey__referral", "survey__provider", "submitted_by")


def survey_by_token(token: str) -> Survey | None:
    return Survey.objects.select_related("provider", "referral").filter(token=token).first()


def associates_of(organization):
    return User.objects.filter(
        organization=organization, is_active=True, role_assignments__role=Role.QIO_ASSOCIATE,
        role_assignments__status=RoleAssignment.Status.APPROVED,
    ).distinct().order_by("last_name", "first_name", "email")


def cms_users_with_role(*roles):
    return User.objects.filter(
        is_active=True, role_assignments__role__in=roles,
        role_assignments__status=RoleAssignment.Status.APPROVED,
    ).distinct().order_by("last_name", "first_name", "email")


def _pending(kind: str):
    return Exists(SprintRequest.objects.filter(referral=OuterRef("pk"), kind=kind,
                                               status=SprintRequest.Status.PENDING))


def with_days_left(referrals, today=None):
    today = today or sprint.today()
    rows = list(referrals)
    for row in rows:
        row.days_left_value = row.days_left(today)
    return rows


# Each dashboard section shows its most urgent rows; the rest are a click away in the lists.
DASHBOARD_ROWS = 25


@dataclass(frozen=True)
class Section:
    rows: list
    more: bool  # rows beyond DASHBOARD_ROWS exist


def _section(queryset, today=None) -> Section:
    rows = list(queryset[:DASHBOARD_ROWS + 1])
    if today is not None:
        rows = with_days_left(rows, today)
    return Section(rows[:DASHBOARD_ROWS], len(rows) > DASHBOARD_ROWS)


def dashboard_for(user, today=None) -> dict:
    """The FQS dashboards (seed 001, Dashboards & Reports: FQS Dashboard and FQS Referral
    Dashboard): each section its first DASHBOARD_ROWS rows, most urgent first, so the page
    costs the same at a hundred referrals as at a hundred thousand."""
    today = today or sprint.today()
    referrals = referrals_for_user(user).annotate(
        pending_extension=_pending(SprintRequestKind.EXTENSION),
        pending_closeout=_pending(SprintRequestKind.CLOSEOUT),
        pending_hold=_pending(SprintRequestKind.HOLD),
    )
    oldest_first = ("created_at", "id")
    intake = (requests_for_user(user).filter(status=FqsRequest.Status.NEW)
              if user.is_cms else FqsRequest.objects.none())
    activations = activations_for_user(user).order_by(*oldest_first)
    return {
        "today": today,
        "intake_queue": _section(intake.order_by(*oldest_first)),
        "activations_pending": _section(activations.filter(status=Activation.Status.PENDING_COR)),
        "activations_draft": _section(activations.filter(status=Activation.Status.DRAFT)),
        "active_referrals": _section(referrals.filter(status__in=Referral.LAUNCHED)
                                     .order_by("sprint_end", "id"), today),
        "pending_extension": _section(referrals.filter(pending_extension=True)
                                      .order_by("sprint_end", "id")),
        "pending_closeout": _section(referrals.filter(pending_closeout=True)
                                     .order_by("sprint_end", "id")),
        "pending_hold": _section(referrals.filter(pending_hold=True)
                                 .order_by("sprint_end", "id")),
        "awaiting_assignment": _section(referrals.filter(status=Referral.Status.QUEUED)
                                        .order_by(*oldest_first)),
        "overdue_launches": _section(referrals.filter(
            Q(status=Referral.Status.ASSIGNED) & Q(launch_due_date__lt=today))
            .order_by("launch_due_date", "id")),
    }
