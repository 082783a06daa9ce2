"""Reads shared by views, the API and tasks, each scoped to the user (another issuer's form is
simply not in the queryset, so it answers 404)."""

from django.db.models import Case, Q, QuerySet, TextField, Value, When
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Coalesce
from django.utils import timezone

from qis_portal.models import Role, User
from qis_portal.models.accounts import RoleAssignment
from submissions.models import (
    Determination,
    FormType,
    ImplementationPlan,
    ModificationSupplement,
    Submission,
    SubmissionWindow,
)


def _base() -> QuerySet[Submission]:
    return Submission.objects.all()


def _qis_title():
    """The QIS title as `Submission.filed_data` has it (the filed copy once filed, the draft
    before), read out of the JSON by the database; "" when there is none."""
    return Coalesce(Case(
        When(snapshot__isnull=True, then=KeyTextTransform("qis_title", "data")),
        default=KeyTextTransform("qis_title", KeyTransform("data", "snapshot")),
        output_field=TextField()), Value(""), output_field=TextField())


def with_details(qs: QuerySet[Submission]) -> QuerySet[Submission]:
    """One form's page or copy: every related row it shows, in one query."""
    return qs.select_related("issuer", "window", "implementation_plan", "last_saved_by",
                             "submitted_by", "reviewer", "determination"
                             ).annotate(qis_title=_qis_title())


def list_rows(qs: QuerySet[Submission]) -> QuerySet[Submission]:
    """A list's rows: issuer and window joined, the title annotated, the form bodies left
    unread. An eight-table join took PostgreSQL longer to plan than to run at 10,000 forms."""
    return (qs.select_related("issuer", "window").defer("data", "snapshot")
            .annotate(qis_title=_qis_title()))


def submissions_for(user) -> QuerySet[Submission]:
    """Issuer users and the issuer's REST client: their issuer's forms, drafts included.
    CMS QIS reviewers and CMS read-only users: every submitted form, never a draft. Covered
    California reviewers: every submitted Work Plan. Anyone else: nothing."""
    if not getattr(user, "is_authenticated", False):
        return Submission.objects.none()
    if user.has_role(Role.ISSUER_USER, Role.API_CLIENT) and user.organization_id:
        return _base().filter(issuer_id=user.organization_id)
    if user.has_role(Role.CMS_QIS_REVIEWER, Role.CMS_READ_ONLY):
        return _base().exclude(status=Submission.Status.DRAFT)
    if user.has_role(Role.COVERED_CA_REVIEWER):
        return _base().filter(form_type=FormType.WORK_PLAN).exclude(
            status=Submission.Status.DRAFT)
    return Submission.objects.none()


def filter_submissions(qs: QuerySet[Submission], params) -> QuerySet[Submission]:
    """Filters shared by the list page, the exports and the API (bad values filter nothing)."""
    plan_year = str(params.get("plan_year") or "").strip()
    if plan_year.isdigit():
        qs = qs.filter(window__plan_year=int(plan_year))
    issuer = str(params.get("issuer") or "").strip()
    if issuer.isdigit():
        qs = qs.filter(issuer_id=int(issuer))
    form_type = params.get("form_type")
    if form_type in {choice for choice, _ in Submission._meta.get_field("form_type").choices}:
        qs = qs.filter(form_type=form_type)
    status = params.get("status")
    if status in Submission.Status.values:
        qs = qs.filter(status=status)
    return qs


def plans_for(user) -> QuerySet[ImplementationPlan]:
    if not getattr(user, "is_authenticated", False):
        return ImplementationPlan.objects.none()
    qs = ImplementationPlan.objects.select_related("issuer", "filed_by")
    if user.has_role(Role.ISSUER_USER, Role.API_CLIENT) and user.organization_id:
        return qs.filter(issuer_id=user.organization_id)
    if user.has_role(Role.CMS_QIS_REVIEWER, Role.CMS_READ_ONLY):
        return qs
    return ImplementationPlan.objects.none()


def supplements_for(user) -> QuerySet[ModificationSupplement]:
    """Modification Summary Supplements of the plans the user may see."""
    return ModificationSupplement.objects.select_related("plan", "plan__issuer", "filed_by",
                                                         "decided_by").filter(
        plan__in=plans_for(user))


def windows() -> QuerySet[SubmissionWindow]:
    return SubmissionWindow.objects.order_by("-plan_year")


def open_windows(today=None) -> QuerySet[SubmissionWindow]:
    today = today or timezone.localdate()
    return windows().filter(opens_on__lte=today, due_date__gte=today)


def issuer_users(issuer_id: int) -> list[User]:
    """Who hears about an issuer's forms: its approved issuer users."""
    return list(User.objects.filter(
        organization_id=issuer_id, is_active=True, role_assignments__role=Role.ISSUER_USER,
        role_assignments__status=RoleAssignment.Status.APPROVED,
    ).distinct())


def qis_reviewers(form_type: str = FormType.PROGRESS_REPORT) -> list[User]:
    """Who reviews a form of this type: CMS the Progress Report, Covered California the Work
    Plan."""
    role = Role.COVERED_CA_REVIEWER if form_type == FormType.WORK_PLAN else Role.CMS_QIS_REVIEWER
    return list(User.objects.filter(
        is_active=True, role_assignments__role=role,
        role_assignments__status=RoleAssignment.Status.APPROVED,
    ).distinct())


def previous_determination(submission: Submission) -> Determination | None:
    """The determination of this QIS's Progress Report (or Work Plan) in the previous plan year;
    an Interim Meets there makes 17c required now (seed 000, 17c)."""
    qs = Determination.objects.filter(
        submission__issuer_id=submission.issuer_id,
        submission__window__plan_year=submission.window.plan_year - 1,
        submission__form_type=submission.form_type,
    ).prefetch_related("findings").order_by("-determined_at")
    if submission.implementation_plan_id:
        qs = qs.filter(Q(submission__implementation_plan_id=submission.implementation_plan_id)
                       | Q(submission__data__qis_title=submission.data.get("qis_title", "")))
    return qs.first()


def new_plan_on_file(submission: Submission) -> bool:
    """A Closeout needs a new Implementation Plan for the plan year (seed 000, element 1)."""
    return ImplementationPlan.objects.filter(
        issuer_id=submission.issuer_id, plan_year=submission.window.plan_year,
    ).exclude(pk=submission.implementation_plan_id).exists()


def supplement_on_file(plan: ImplementationPlan, plan_year: int) -> bool:
    """Element 1 "with modifications": a supplement of the plan awaiting CMS, or one CMS
    accepted that is in force for the plan year."""
    return plan.supplements.filter(
        Q(status=ModificationSupplement.Status.SUBMITTED)
        | Q(status=ModificationSupplement.Status.ACCEPTED, effective_year__lte=plan_year)
    ).exists()
