"""Demo data for QPP technical assistance (called by manage.py seed_demo; safe to run again).

Adds the Keystone Practice Transformation Network (a QPP technical assistance contractor) and
its staff user ptn@keystone.demo, puts every QIN-QIO on record as QIN-QIO: QPP and TCPI for its
region and the Northeast SURS contractor as QPP-SURS, and walks a few inquiries through the real
services: routed, handed off, answered, overdue, in the help desk queue.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from qis_portal.business_days import DEADLINE_TZ, add_business_days, is_business_day
from qis_portal.demo import DEMO_PASSWORD, SURS
from qis_portal.models import Organization, OrgType, Role, User
from qis_portal.regions import Region
from qis_portal.services.accounts import role_grant
from qpp_assist import selectors
from qpp_assist.models import AssistanceRecord, Contractor, Inquiry, MipsCategory
from qpp_assist.services import (
    assistance_record,
    contractor_register,
    contractor_types_ensure,
    inquiry_hand_off,
    inquiry_respond,
    inquiry_submit,
    practice_add,
    qin_qio_contractors_ensure,
)
from qpp_assist.who_does_what import PTN, QIN_QIO_QPP, QPP_SURS

PTN_ORG = ("Keystone Practice Transformation Network", Region.MID_ATLANTIC, "PA")
PTN_USER = ("ptn@keystone.demo", "Kit", "Keystone")


def _practice(name, tin, state, size, **facts) -> dict:
    return {"practice_name": name, "tin": tin, "state": state, "group_size": size,
            "advanced_apm": facts.pop("advanced_apm", False),
            "any_apm": facts.pop("any_apm", False),
            "ptn_enrolled": facts.pop("ptn_enrolled", False), **facts}


def _ask(practice: dict, question: str, category=MipsCategory.PROGRAM, charges="85000",
         patients=240, **extra) -> dict:
    return {**practice, "medicare_charges": Decimal(charges), "medicare_patients": patients,
            "mips_category": category, "question": question, **extra}


def _business_days_before(day, count: int):
    while count:
        day -= timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


def _backdate(inquiry: Inquiry, business_days: int, answered: bool) -> None:
    """Demo only: move an inquiry's clock back so the dashboard shows a spread of response
    times and an overdue inquiry."""
    inquiry = Inquiry.objects.select_related("contractor__contractor_type").get(pk=inquiry.pk)
    start = _business_days_before(selectors.today(), business_days)
    moment = datetime.combine(start, time(10, 0), tzinfo=DEADLINE_TZ)
    days = inquiry.contractor.contractor_type.response_business_days if inquiry.contractor else 0
    changes = {"created_at": moment, "assigned_at": moment,
               "respond_by": add_business_days(start, days) if days else None}
    if answered:
        changes["response_business_days"] = business_days
    Inquiry.objects.filter(pk=inquiry.pk).update(**changes)


def seed_contractors() -> dict[str, Contractor]:
    contractor_types_ensure()
    qin_qio_contractors_ensure()
    keystone, _ = Organization.objects.update_or_create(
        name=PTN_ORG[0], defaults={"org_type": OrgType.TA_CONTRACTOR,
                                   "region": PTN_ORG[1].value, "state": PTN_ORG[2]})
    user = User.objects.filter(email=PTN_USER[0]).first()
    if user is None:
        user = User.objects.create_user(PTN_USER[0], DEMO_PASSWORD, first_name=PTN_USER[1],
                                        last_name=PTN_USER[2], organization=keystone)
    if not user.has_role(Role.TA_CONTRACTOR_STAFF):
        role_grant(user=user, role=Role.TA_CONTRACTOR_STAFF)
    surs_org = Organization.objects.get(name=SURS[0])
    return {
        QPP_SURS: contractor_register(organization=surs_org, type_code=QPP_SURS,
                                      region=SURS[1].value),
        PTN: contractor_register(organization=keystone, type_code=PTN,
                                 region=PTN_ORG[1].value, service_area="Pennsylvania"),
        QIN_QIO_QPP: Contractor.objects.get(contractor_type__code=QIN_QIO_QPP,
                                            region=Region.NORTHEAST),
    }


def seed() -> None:
    contractors = seed_contractors()
    if Inquiry.objects.filter(tin__in=["210000001", "210000002"]).exists():
        return
    pia = User.objects.get(email="provider@maplegrove.demo")
    hal = User.objects.get(email="helpdesk@cms.demo")
    ann = User.objects.get(email="associate@northeast.demo")
    sue = User.objects.get(email="surs@northeast.demo")
    kit = User.objects.get(email=PTN_USER[0])

    aroostook = _practice("Aroostook Family Medicine", "210000001", "ME", 6, rural=True)
    rural = inquiry_submit(actor=pia, data=_ask(
        aroostook, "Which improvement activities can a six-clinician rural practice report?",
        MipsCategory.IMPROVEMENT_ACTIVITIES, clinician_name="Dr. Rhea Bouchard"))
    inquiry_respond(inquiry=rural, actor=sue, response=(
        "Small practices report two medium-weight or one high-weight activity; we will walk "
        "you through the inventory on Thursday."))
    _backdate(rural, 1, answered=True)

    casco = _practice("Casco Bay Physician Group", "210000002", "ME", 42)
    large = inquiry_submit(actor=pia, data=_ask(
        casco, "How do we get and read our QRUR for the cost category?", MipsCategory.COST,
        charges="410000", patients=1900))
    _backdate(large, 3, answered=False)  # past its 1-business-day clock: the sweep escalates

    pine = _practice("Pine Tree Pediatrics", "210000003", "NH", 20)
    handed = inquiry_submit(actor=hal, data=_ask(
        pine, "Do we need to report quality measures this year?", MipsCategory.QUALITY,
        contact_email="office@pinetreepeds.example"))
    inquiry_hand_off(inquiry=handed, actor=ann, to_contractor=contractors[QPP_SURS], note=(
        "Called the office: the group has 9 clinicians, not 20, so it is a small practice."))
    inquiry_respond(inquiry=handed, actor=sue, response=(
        "Yes: choose six quality measures; as a small practice you earn bonus points."))
    _backdate(handed, 2, answered=True)

    inquiry_submit(actor=hal, data=_ask(
        _practice("Merrimack Valley Cardiology", "210000004", "MA", 12, advanced_apm=True,
                  any_apm=True),
        "Are we still subject to MIPS while in an advanced APM?", MipsCategory.PROGRAM))

    susquehanna = _practice("Susquehanna Valley Internal Medicine", "210000005", "PA", 8,
                            ptn_enrolled=True, ptn=contractors[PTN].pk)
    ptn_inquiry = inquiry_submit(actor=pia, data=_ask(
        susquehanna, "Does our PTN participation count toward improvement activities?",
        MipsCategory.IMPROVEMENT_ACTIVITIES))
    inquiry_respond(inquiry=ptn_inquiry, actor=kit, response=(
        "Yes: PTN participation meets half of the improvement activity requirement."))

    green = practice_add(actor=sue, data={
        "name": "Green Mountain Rural Health", "tin": "210000006", "state": "VT",
        "group_size": 4, "rural": True, "shortage_area": True})
    assistance_record(practice=green, actor=sue, provided_on=selectors.today(),
                      kind=AssistanceRecord.Kind.OUTREACH,
                      note="Introduced QPP and the SURS help at a county health fair.")
    practice_add(actor=sue, data={"name": "Lakes Region Family Practice", "tin": "210000007",
                                  "state": "NH", "group_size": 11, "underserved": True})
