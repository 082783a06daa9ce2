"""Reads shared by views, the API, home panels and tasks; every list is scoped to the user.

CMS read-only users see all QIOs, a COR the QIOs of the task orders naming them
(qio_program.lifecycle.cors); a QIO's users see their own QIO only; a provider's
users see their own PES and PSA. Anything else is simply absent (404)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from qio_program.lifecycle.choices import (
    DeliverableKind,
    PesStatus,
    PsaStatus,
    ReviewStatus,
    TaskOrderStatus,
)
from qio_program.lifecycle.cors import cor_scope
from qio_program.lifecycle.models import (
    A3C,
    DashboardTemplate,
    Deliverable,
    HandoffNote,
    ProviderAssessment,
    ProviderEngagementStrategy,
    ProviderServiceAgreement,
    QualityActionPlan,
    Report,
    TaskOrder,
    business_days_left,
)
from qis_portal.models import Role
from qis_portal.triage import Band, triage

UPCOMING_DAYS = 90
PES_REEVALUATION_NOTICE_DAYS = 30


def sees_all(user) -> bool:
    return user.is_authenticated and user.has_role(Role.CMS_COR, Role.CMS_READ_ONLY)


def _scoped(qs: QuerySet, user, *, qio_path: str, provider_path: str | None = None) -> QuerySet:
    if not user.is_authenticated:
        return qs.none()
    if sees_all(user):
        mine = cor_scope(user, qio_path.removesuffix("qio_id"))
        return qs if mine is None else qs.filter(mine)
    if user.is_qio_user and user.organization_id:
        return qs.filter(**{qio_path: user.organization_id})
    if provider_path and user.has_role(Role.PROVIDER_USER) and user.organization_id:
        return qs.filter(**{provider_path: user.organization_id})
    return qs.none()


def task_orders_for(user) -> QuerySet:
    return _scoped(TaskOrder.objects.select_related("qio", "psa_target"), user,
                   qio_path="qio_id")


def active_task_order_for(user) -> TaskOrder | None:
    """A QIO user's current task order (the newest active one)."""
    if not (user.is_authenticated and user.is_qio_user and user.organization_id):
        return None
    return (TaskOrder.objects.filter(qio_id=user.organization_id, status=TaskOrderStatus.ACTIVE)
            .select_related("qio").first())


def deliverables_for(user) -> QuerySet:
    return _scoped(Deliverable.objects.select_related("task_order__qio"), user,
                   qio_path="task_order__qio_id")


def a3cs_for(user) -> QuerySet:
    return _scoped(A3C.objects.select_related("task_order__qio"), user,
                   qio_path="task_order__qio_id")


def pes_for(user) -> QuerySet:
    return _scoped(ProviderEngagementStrategy.objects.select_related("task_order__qio",
                                                                      "provider", "signed_by"),
                   user, qio_path="task_order__qio_id",
                   provider_path="provider__organization_id")


def psas_for(user) -> QuerySet:
    return _scoped(ProviderServiceAgreement.objects.select_related("task_order__qio", "provider",
                                                                    "signed_by"),
                   user, qio_path="task_order__qio_id",
                   provider_path="provider__organization_id")


def assessments_for(user) -> QuerySet:
    return _scoped(ProviderAssessment.objects.select_related("task_order__qio", "provider"),
                   user, qio_path="task_order__qio_id")


def qaps_for(user) -> QuerySet:
    return _scoped(QualityActionPlan.objects.select_related("task_order__qio", "provider"),
                   user, qio_path="task_order__qio_id")


def reports_for(user) -> QuerySet:
    return _scoped(Report.objects.select_related("task_order__qio", "deliverable"), user,
                   qio_path="task_order__qio_id")


def templates_for(user) -> QuerySet:
    return _scoped(DashboardTemplate.objects.select_related("task_order__qio"), user,
                   qio_path="task_order__qio_id")


def handoff_notes_for(user) -> QuerySet:
    """The incumbent's own notes, and (for the incoming QIO's staff) the notes handed to it."""
    qs = HandoffNote.objects.select_related("task_order__qio", "provider", "author",
                                            "incoming_qio")
    if user.is_authenticated and user.is_qio_user and user.organization_id:
        return qs.filter(Q(task_order__qio_id=user.organization_id)
                         | Q(incoming_qio_id=user.organization_id))
    return _scoped(qs, user, qio_path="task_order__qio_id")


def incoming_handoff_notes_for(user) -> QuerySet:
    """The notes an incumbent QIO handed to the user's QIO (transition on)."""
    if not (user.is_authenticated and user.is_qio_user and user.organization_id):
        return HandoffNote.objects.none()
    return HandoffNote.objects.select_related("task_order__qio", "provider", "author").filter(
        incoming_qio_id=user.organization_id)


def latest_versions(qs: QuerySet, *keys: str) -> list:
    """The newest version per key (e.g. per task order and state), from a version-desc qs."""
    seen, latest = set(), []
    for obj in qs:
        key = tuple(getattr(obj, name) for name in keys)
        if key not in seen:
            seen.add(key)
            latest.append(obj)
    return latest


@dataclass(frozen=True)
class ApprovalItem:
    """One thing waiting for the COR, with its clock when the seed sets one."""

    kind: str
    obj: object
    qio: object
    submitted_at: datetime | None
    due_date: date | None
    days_left: int | None
    overdue: bool
    escalated: bool

    @property
    def url(self) -> str:
        return self.obj.get_absolute_url()


def approvals_waiting(user, *, today: date | None = None) -> list[ApprovalItem]:
    """Everything submitted to the COR, overdue first, then by due date, then oldest."""
    if not user.has_perm("qio_lifecycle.review_submissions"):
        return []
    today = today or timezone.localdate()
    items = []
    sources = [
        ("Provider Assessment", ProviderAssessment.objects.select_related("task_order__qio",
                                                                          "provider")),
        ("A3C", A3C.objects.select_related("task_order__qio")),
        ("Quality Action Plan", QualityActionPlan.objects.select_related("task_order__qio",
                                                                         "provider")),
        ("Report", Report.objects.select_related("task_order__qio", "deliverable")),
        ("Dashboard template", DashboardTemplate.objects.select_related("task_order__qio")),
    ]
    mine = cor_scope(user, "task_order__")
    for label, qs in sources:
        for obj in qs.filter(status=ReviewStatus.SUBMITTED).filter(*([mine] if mine else [])):
            due = getattr(obj, "due_date", None)
            left = (business_days_left(due, today, clock_start=obj.submitted_on)
                    if due else None)
            items.append(ApprovalItem(
                kind=label, obj=obj, qio=obj.task_order.qio, submitted_at=obj.submitted_at,
                due_date=due, days_left=left,
                overdue=bool(due and due < today),
                escalated=bool(getattr(obj, "escalated_at", None))))
    far = date.max
    items.sort(key=lambda item: (
        not item.overdue,
        item.due_date or far,
        item.submitted_at or timezone.now(),
    ))
    return items


@dataclass(frozen=True)
class QioDashboard:
    overdue: list
    upcoming: list
    returned: list
    pes_reevaluations: list
    agreements_waiting: list


def open_deliverables(user):
    """Deliverables of the user's active task orders not yet delivered."""
    return deliverables_for(user).filter(delivered_at__isnull=True,
                                         task_order__status=TaskOrderStatus.ACTIVE)


def deliverable_triage(user, *, today: date) -> list:
    """The home's overdue and due-soon deliverables by how late and by kind (one query)."""
    return triage(open_deliverables(user), today=today, kind_field="kind",
                  kind_labels=dict(DeliverableKind.choices), date_field="due_date",
                  list_url=reverse("lifecycle:index"))


def qio_dashboard(user, *, today: date | None = None, kind: str = "",
                  band: Band | None = None) -> QioDashboard:
    """A QIO's overdue and upcoming deliverables, work the COR returned, PES re-evaluations;
    the deliverables narrowed to one kind and one band of lateness when the home's triage
    links ask for them."""
    today = today or timezone.localdate()
    deliverables = open_deliverables(user)
    if kind in DeliverableKind.values:
        deliverables = deliverables.filter(kind=kind)
    if band is not None:
        deliverables = deliverables.filter(band.condition("due_date", today))
    overdue = list(deliverables.filter(due_date__lt=today).order_by("due_date", "id"))
    upcoming = list(deliverables.filter(due_date__gte=today,
                                        due_date__lte=today + timedelta(days=UPCOMING_DAYS))
                    .order_by("due_date", "id"))
    returned = [
        *a3cs_for(user).filter(status=ReviewStatus.RETURNED),
        *assessments_for(user).filter(status=ReviewStatus.RETURNED),
        *qaps_for(user).filter(status=ReviewStatus.RETURNED),
        *reports_for(user).filter(status=ReviewStatus.RETURNED),
        *templates_for(user).filter(status=ReviewStatus.RETURNED),
    ]
    signed = latest_versions(pes_for(user).order_by("task_order", "provider", "-version"),
                             "task_order_id", "provider_id")
    reevaluations = [pes for pes in signed if pes.status == PesStatus.SIGNED
                     and pes.reevaluation_due
                     and pes.reevaluation_due <= today + timedelta(
                         days=PES_REEVALUATION_NOTICE_DAYS)]
    waiting = [*pes_for(user).filter(status=PesStatus.PRESENTED),
               *psas_for(user).filter(status=PsaStatus.SENT)]
    return QioDashboard(overdue, upcoming, returned, reevaluations, waiting)


def overdue_by_task_order(user, *, today: date) -> list[dict]:
    """CMS overview: per active task order, how many deliverables are overdue, oldest first."""
    return list(
        deliverables_for(user)
        .filter(delivered_at__isnull=True, due_date__lt=today,
                task_order__status=TaskOrderStatus.ACTIVE)
        .values("task_order", "task_order__number", "task_order__qio__name")
        .annotate(count=Count("id"), oldest=Min("due_date"))
        .order_by("oldest", "task_order")
    )


def agreements_to_sign(user) -> list:
    """A provider's PES and PSA waiting for its signature."""
    if not user.has_role(Role.PROVIDER_USER):
        return []
    return [*pes_for(user).filter(status=PesStatus.PRESENTED),
            *psas_for(user).filter(status=PsaStatus.SENT)]


def a3c_overview(task_order: TaskOrder) -> list[dict]:
    """Per state of the region: its latest A3C version and whether any version is approved."""
    from qis_portal.regions import state_name, states_for_region

    versions = list(A3C.objects.filter(task_order=task_order).order_by("state", "-version"))
    latest = {a3c.state: a3c for a3c in latest_versions(versions, "state")}
    approved = {a3c.state for a3c in versions if a3c.status == ReviewStatus.APPROVED}
    return [{"state": code, "name": state_name(code), "latest": latest.get(code),
             "approved": code in approved} for code in states_for_region(task_order.region)]


def psa_progress(task_order: TaskOrder) -> dict:
    target = getattr(getattr(task_order, "psa_target", None), "target", None)
    active = ProviderServiceAgreement.objects.filter(task_order=task_order,
                                                     status=PsaStatus.ACTIVE).count()
    return {"target": target, "active": active,
            "short_by": max(target - active, 0) if target else None}
