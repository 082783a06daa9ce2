"""QPP reads shared by views, API, panels and tasks, each scoped to the user (another
organization's inquiry is simply absent: 404)."""

from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from qis_portal.business_days import DEADLINE_TZ
from qis_portal.models import RoleAssignment, User
from qpp_assist import measures
from qpp_assist.models import (
    AssistanceRecord,
    Contractor,
    ContractorType,
    HandOff,
    Inquiry,
    Practice,
)
from qpp_assist.routing import SMALL_GROUP_MAX
from qpp_assist.rules import STAFF_ROLES, contractor_roles
from qpp_assist.who_does_what import QPP_SURS


def today() -> date:
    """Today in Eastern time, the calendar every deadline of the portal uses."""
    return timezone.localdate(timezone.now(), DEADLINE_TZ)


def is_cms_reader(user) -> bool:
    return user.has_role("cms_help_desk", "cms_read_only")


def is_staff(user) -> bool:
    return user.has_role(*STAFF_ROLES) and bool(contractor_roles(user))


def inquiries_for_user(user):
    qs = Inquiry.objects.select_related(
        "contractor__organization", "contractor__contractor_type", "submitted_by", "practice")
    if not user.is_authenticated:
        return qs.none()
    if is_cms_reader(user):
        return qs
    scope = Q(pk__in=[])
    if user.has_role("provider_user"):
        scope |= Q(submitted_by=user)
    if is_staff(user):
        org = user.organization_id
        handed = HandOff.objects.filter(inquiry=OuterRef("pk"),
                                        from_contractor__organization_id=org)
        scope |= Q(contractor__organization_id=org) | Q(Exists(handed))
    return qs.filter(scope)


def handoffs_for_user(user):
    return (HandOff.objects.select_related("from_contractor__organization",
                                           "from_contractor__contractor_type",
                                           "to_contractor__organization",
                                           "to_contractor__contractor_type", "by", "inquiry")
            .filter(inquiry__in=inquiries_for_user(user).values("pk")))


def open_queue(user):
    """Open inquiries the user's organization (or the help desk) must answer: priority first,
    then the earliest deadline."""
    qs = inquiries_for_user(user).filter(status__in=Inquiry.OPEN)
    if is_staff(user) and not is_cms_reader(user):
        qs = qs.filter(contractor__organization_id=user.organization_id)
    elif user.has_role("cms_help_desk"):
        qs = qs.filter(status=Inquiry.Status.HELP_DESK)
    else:
        return qs.none()
    return qs.order_by("-priority", "respond_by", "created_at", "id")


def contractor_types():
    return ContractorType.objects.prefetch_related("contractors__organization").all()


def active_contractors():
    return (Contractor.objects.filter(active=True)
            .select_related("organization", "contractor_type")
            .order_by("contractor_type__order", "organization__name", "region"))


def ptn_contractors():
    return active_contractors().filter(contractor_type__code="ptn")


def staff_of(contractor: Contractor) -> list[User]:
    """The people who work a contractor's inquiries (notified of new ones and escalations)."""
    return list(User.objects.filter(
        is_active=True, organization_id=contractor.organization_id,
        role_assignments__role__in=STAFF_ROLES,
        role_assignments__status=RoleAssignment.Status.APPROVED,
    ).distinct().order_by("id"))


def help_desk_agents() -> list[User]:
    return list(User.objects.filter(
        is_active=True, role_assignments__role="cms_help_desk",
        role_assignments__status=RoleAssignment.Status.APPROVED,
    ).distinct().order_by("id"))


def practices_for_user(user):
    qs = Practice.objects.all()
    if is_cms_reader(user):
        return qs
    if is_staff(user):
        return qs.filter(region__in={c.region for c in contractor_roles(user)})
    return qs.none()


def answered_for_user(user):
    """Answered inquiries in the user's view for the dashboard: CMS sees all; contractor staff
    the ones their organization answered."""
    qs = Inquiry.objects.filter(status=Inquiry.Status.ANSWERED,
                                response_business_days__isnull=False)
    if is_cms_reader(user):
        return qs
    if is_staff(user):
        return qs.filter(contractor__organization_id=user.organization_id)
    return qs.none()


def response_times(user) -> dict:
    answered = answered_for_user(user)
    days = list(answered.values_list("response_business_days", flat=True))
    qin_days = list(answered.filter(contractor__contractor_type__code="qin_qio_qpp")
                    .values_list("response_business_days", flat=True))
    in_time, total = measures.within(qin_days)
    return {"distribution": measures.response_distribution(days), "answered": len(days),
            "qin_in_time": in_time, "qin_answered": total}


def surs_practices(region: str):
    """The region's practices QPP-SURS serves (measures.is_surs_practice, as a query)."""
    return Practice.objects.filter(region=region, group_size__lte=SMALL_GROUP_MAX,
                                   advanced_apm=False, ptn_enrolled=False)


def reached_practices(contractor: Contractor):
    """SURS practices with at least one inquiry the contractor answered, or assistance it
    recorded."""
    answered = Inquiry.objects.filter(practice=OuterRef("pk"), contractor=contractor,
                                      status=Inquiry.Status.ANSWERED)
    assisted = AssistanceRecord.objects.filter(practice=OuterRef("pk"), contractor=contractor)
    return surs_practices(contractor.region).filter(Q(Exists(answered)) | Q(Exists(assisted)))


def surs_reach(user) -> list[dict]:
    """Reach of each QPP-SURS contractor in the user's view, against the 75 % goal."""
    qs = active_contractors().filter(contractor_type__code=QPP_SURS)
    if not is_cms_reader(user):
        qs = qs.filter(organization_id=user.organization_id) if is_staff(user) else qs.none()
    rows = []
    for contractor in qs:
        goal = contractor.contractor_type.reach_goal_percent or measures.SURS_REACH_GOAL_PERCENT
        reach = measures.Reach(reached=reached_practices(contractor).count(),
                               total=surs_practices(contractor.region).count(),
                               goal_percent=goal)
        rows.append({"contractor": contractor, "reach": reach})
    return rows


def practice_reached_by(practice: Practice) -> list[Contractor]:
    """The SURS contractors that count this practice as reached."""
    if not practice.is_surs_practice:
        return []
    contractors = active_contractors().filter(contractor_type__code=QPP_SURS,
                                              region=practice.region)
    return [c for c in contractors if reached_practices(c).filter(pk=practice.pk).exists()]
