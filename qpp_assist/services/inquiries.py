"""Intake, routing and the answer of a QPP inquiry (seed 004: “No matter the point of entry,
the eligible clinician will be connected to the appropriate technical assistance contractor”)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from qis_portal.models import Role
from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.validation import require_text
from qis_portal.workflow import require_permission, run_transition
from qpp_assist import routing, selectors
from qpp_assist.geography import region_label
from qpp_assist.models import Channel, Contractor, Inquiry, MipsCategory, RequestKind

from .common import inquiry_url, response_business_days, start_clock
from .practices import clean_state, clean_tin, practice_facts, practice_upsert

MAX_CHARGES = Decimal("9999999999.99")


def _money(value) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({"medicare_charges": "Give the yearly amount billed to Medicare "
                                                   "in dollars."}) from None
    if not amount.is_finite() or amount < 0 or amount > MAX_CHARGES:
        raise ValidationError({"medicare_charges": "Give the yearly amount billed to Medicare "
                                                   "in dollars (0 or more)."})
    return amount


def _count(value, field: str, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: message}) from None
    if number < 0 or number > 10_000_000:
        raise ValidationError({field: message})
    return number


def _ptn(value, enrolled: bool) -> Contractor | None:
    if value in (None, ""):
        return None
    pk = value.pk if isinstance(value, Contractor) else value
    ptn = selectors.ptn_contractors().filter(pk=pk).first() if str(pk).isdigit() else None
    if ptn is None:
        raise ValidationError({"ptn": "Choose a PTN on record, or leave it blank."})
    if not enrolled:
        raise ValidationError({"ptn": "Name a PTN only when the practice is enrolled in one."})
    return ptn


def clean_intake(data: dict) -> dict:
    """Check and normalise what the intake recorded; every refusal names its field."""
    errors = {}
    out = {}
    checks = {
        "practice_name": lambda: require_text(data.get("practice_name"), "practice_name",
                                              "Give the practice's name.", 200),
        "tin": lambda: clean_tin(data.get("tin")),
        "facts": lambda: practice_facts(data),
        "medicare_charges": lambda: _money(data.get("medicare_charges")),
        "medicare_patients": lambda: _count(data.get("medicare_patients"), "medicare_patients",
                                            "Give the number of Medicare patients a year."),
        "question": lambda: require_text(data.get("question"), "question",
                                         "Write the question.", 4000),
    }
    for key, check in checks.items():
        try:
            out[key] = check()
        except ValidationError as exc:
            errors.update(exc.message_dict)
    try:
        out["state"], out["region"] = clean_state(data.get("state"))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if data.get("kind", RequestKind.QUESTION) not in RequestKind.values:
        errors["kind"] = ["Choose what the clinician asks for."]
    if data.get("mips_category") not in MipsCategory.values:
        errors["mips_category"] = ["Choose the MIPS category the question is about."]
    try:
        out["ptn"] = _ptn(data.get("ptn"), bool(data.get("ptn_enrolled")))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    clinician = (data.get("clinician_name") or "").strip()
    email = (data.get("contact_email") or "").strip()
    if len(clinician) > 200:
        errors["clinician_name"] = ["Use at most 200 characters."]
    if email and ("@" not in email or len(email) > 254):
        errors["contact_email"] = ["Give a valid e-mail address."]
    if errors:
        raise ValidationError(errors)
    out.update(kind=data.get("kind", RequestKind.QUESTION), mips_category=data["mips_category"],
               clinician_name=clinician, contact_email=email)
    return out


def facts_of(inquiry: Inquiry) -> routing.Facts:
    return routing.Facts(
        region=inquiry.region, region_label=region_label(inquiry.region),
        group_size=inquiry.group_size, eligible_clinician=inquiry.eligible_clinician,
        advanced_apm=inquiry.advanced_apm, any_apm=inquiry.any_apm,
        ptn_enrolled=inquiry.ptn_enrolled, ptn_id=inquiry.ptn_id, rural=inquiry.rural,
        underserved=inquiry.underserved, shortage_area=inquiry.shortage_area, kind=inquiry.kind,
    )


def contractor_options() -> list[routing.Option]:
    return [routing.Option(c.pk, c.contractor_type.code, c.region, c.organization.name)
            for c in selectors.active_contractors()]


def inquiry_submit(*, actor, data: dict, request=None) -> Inquiry:
    """Record the inquiry and route it by the seed's rules, in one transaction."""
    require_permission(actor, "qpp_assist.add_inquiry", action="inquiry.submit",
                       request=request, message="Only clinicians, practices and the CMS help "
                                                "desk record QPP inquiries.")
    clean = clean_intake(data)
    facts = clean.pop("facts")
    channel = Channel.HELP_DESK if actor.has_role(Role.CMS_HELP_DESK) else Channel.DIRECT
    with transaction.atomic():
        practice = practice_upsert(name=clean["practice_name"], tin=clean["tin"],
                                   state=clean["state"], region=clean["region"], facts=facts,
                                   actor=actor, request=request)
        inquiry = Inquiry.objects.create(
            channel=channel, submitted_by=actor, practice=practice, **clean, **facts,
            eligible_clinician=routing.is_eligible_clinician(clean["medicare_charges"],
                                                             clean["medicare_patients"]),
        )
        audit_record(action="inquiry.submit", actor=actor, target=inquiry, request=request,
                     to_state=inquiry.status, details={"channel": channel})
        decision = routing.route(facts_of(inquiry), contractor_options())

        def apply(locked: Inquiry) -> None:
            contractor = (Contractor.objects.select_related("contractor_type", "organization")
                          .get(pk=decision.contractor_id) if decision.contractor_id else None)
            start_clock(locked, contractor)
            locked.routing_rule = decision.rule
            locked.routing_explanation = decision.explanation
            locked.routing_verdicts = [
                {"type": v.type_code, "short_name": v.short_name, "serves": v.serves,
                 "reason": v.reason} for v in decision.verdicts]
            locked.priority = decision.priority

        return run_transition(obj=inquiry, transition="route", actor=actor,
                              permission="qpp_assist.add_inquiry", note=decision.explanation,
                              request=request, before=apply,
                              after=lambda routed: announce_owner(routed, headline="routed"),
                              details={"rule": decision.rule,
                                       "contractor": decision.contractor_id})


def announce_owner(inquiry: Inquiry, *, headline: str, note: str = "") -> None:
    """Tell the new owner it has the inquiry, and the clinician who has it now."""
    url = inquiry_url(inquiry)
    due = (f" Respond by {inquiry.respond_by:%A, %B %-d, %Y}." if inquiry.respond_by else "")
    warm = f"\n\nNote from the hand-off: {note}" if note else ""
    if inquiry.contractor_id:
        notify_on_commit(
            recipients=selectors.staff_of(inquiry.contractor), kind="qpp.inquiry_assigned",
            title=f"QPP inquiry #{inquiry.pk} {headline} to {inquiry.contractor.organization}",
            body=f"{inquiry.routing_explanation}{due}{warm}".strip(), url=url)
    else:
        notify_on_commit(
            recipients=selectors.help_desk_agents(), kind="qpp.help_desk_queue",
            title=f"QPP inquiry #{inquiry.pk} is in the CMS help desk queue",
            body=inquiry.routing_explanation, url=url)
    owner = (inquiry.contractor.organization.name if inquiry.contractor_id
             else "the CMS help desk")
    notify_on_commit(
        recipients=[inquiry.submitted_by], kind="qpp.inquiry_update",
        title=f"Your QPP inquiry #{inquiry.pk} is now with {owner}",
        body=(inquiry.routing_explanation if headline == "routed"
              else f"It was {headline} to {owner}, who will answer you.") + due, url=url)


def inquiry_respond(*, inquiry: Inquiry, actor, response: str, request=None) -> Inquiry:
    """The owner answers; the clinician is told. Answering twice is a conflict (409)."""
    text = require_text(response, "response", "Write the answer.", 5000)

    def before(locked: Inquiry) -> None:
        now = timezone.now()
        locked.response = text
        locked.responded_by = actor
        locked.responded_at = now
        locked.response_business_days = response_business_days(locked, now)

    def after(answered: Inquiry) -> None:
        by = (answered.contractor.organization.name if answered.contractor_id
              else "the CMS help desk")
        notify_on_commit(recipients=[answered.submitted_by], kind="qpp.inquiry_update",
                         title=f"Your QPP inquiry #{answered.pk} was answered by {by}",
                         body=text, url=inquiry_url(answered))

    return run_transition(obj=inquiry, transition="respond", actor=actor,
                          permission="qpp_assist.respond_inquiry", request=request,
                          before=before, after=after)
