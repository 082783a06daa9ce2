"""Practices (keyed by TIN) and the assistance contractors record: what QPP-SURS reach counts."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from qis_portal.services.audit import audit_record
from qis_portal.validation import require_text
from qis_portal.workflow import require_permission
from qpp_assist.geography import qin_region_for_state
from qpp_assist.models import AssistanceRecord, Contractor, Practice
from qpp_assist.rules import contractor_roles
from qpp_assist.selectors import today

PRACTICE_FACTS = ("group_size", "advanced_apm", "any_apm", "ptn_enrolled", "rural",
                  "underserved", "shortage_area")
MAX_GROUP_SIZE = 100_000


def clean_tin(value) -> str:
    """Nine digits; spaces and the hyphen of the usual 12-3456789 form are dropped."""
    tin = re.sub(r"[\s-]", "", str(value or ""))
    if not re.fullmatch(r"\d{9}", tin):
        raise ValidationError({"tin": "A TIN is exactly 9 digits."})
    return tin


def clean_state(value) -> tuple[str, str]:
    state = str(value or "").strip().upper()
    region = qin_region_for_state(state)
    if not region:
        raise ValidationError({"state": "Choose the state or territory of the practice."})
    return state, region


def clean_group_size(value) -> int:
    try:
        size = int(value)
    except (TypeError, ValueError):
        raise ValidationError({"group_size": "Give the number of clinicians (1 or more)."}
                              ) from None
    if not 1 <= size <= MAX_GROUP_SIZE:
        raise ValidationError({"group_size": "Give the number of clinicians (1 or more)."})
    return size


def practice_facts(data: dict) -> dict:
    facts = {name: bool(data.get(name, False)) for name in PRACTICE_FACTS[1:]}
    facts["group_size"] = clean_group_size(data.get("group_size"))
    if facts["advanced_apm"]:
        facts["any_apm"] = True  # an advanced APM is an APM
    return facts


def practice_upsert(*, name: str, tin: str, state: str, region: str, facts: dict,
                    actor=None, request=None) -> Practice:
    """The practice of this TIN, created or brought up to the latest facts recorded for it."""
    practice = Practice.objects.select_for_update().filter(tin=tin).first()
    if practice is None:
        try:
            with transaction.atomic():  # two intakes of a new TIN at once: one creates it
                practice = Practice.objects.create(
                    name=name, tin=tin, state=state, region=region,
                    created_by=actor if getattr(actor, "pk", None) else None, **facts)
        except IntegrityError:
            practice = Practice.objects.select_for_update().get(tin=tin)
        else:
            audit_record(action="practice.create", actor=actor, target=practice,
                         request=request, details={"region": region})
            return practice
    changed = {key: value for key, value in {"name": name, "state": state, "region": region,
                                             **facts}.items()
               if getattr(practice, key) != value}
    if changed:
        for key, value in changed.items():
            setattr(practice, key, value)
        practice.save()
        audit_record(action="practice.update", actor=actor, target=practice, request=request,
                     details={"fields": sorted(changed)})
    return practice


def practice_add(*, actor, data: dict, request=None) -> Practice:
    """A contractor puts a practice of its region on its roster (outreach counts toward reach
    only once the practice is known)."""
    require_permission(actor, "qpp_assist.add_practice", action="practice.add",
                       request=request, message="Only contractor staff add practices.")
    name = require_text(data.get("name"), "name", "Give the practice's name.", 200)
    tin = clean_tin(data.get("tin"))
    state, region = clean_state(data.get("state"))
    if region not in {c.region for c in contractor_roles(actor)}:
        raise ValidationError({"state": "Add practices of your own region or service area."})
    facts = practice_facts(data)
    with transaction.atomic():
        if Practice.objects.filter(tin=tin).exists():
            raise ValidationError({"tin": "A practice with this TIN is already on record."})
        return practice_upsert(name=name, tin=tin, state=state, region=region, facts=facts,
                               actor=actor, request=request)


def assistance_record(*, practice: Practice, actor, provided_on: date, kind: str,
                      contractor: Contractor | None = None, note: str = "",
                      request=None) -> AssistanceRecord:
    """Assistance given to a practice outside an inquiry (outreach, education, TA)."""
    require_permission(actor, "qpp_assist.record_assistance", practice,
                       action="practice.record_assistance", request=request,
                       message="Only contractor staff of the practice's region record "
                               "assistance.")
    own = [c for c in contractor_roles(actor) if c.region == practice.region]
    if contractor is None:
        contractor = own[0] if len(own) == 1 else None
    if contractor is None or contractor.pk not in {c.pk for c in own}:
        raise ValidationError({"contractor": "Choose which of your contractor roles gave it."})
    if kind not in AssistanceRecord.Kind.values:
        raise ValidationError({"kind": "Choose the kind of assistance."})
    if provided_on is None:
        raise ValidationError({"provided_on": "Give the date of the assistance."})
    if provided_on > today():
        raise ValidationError({"provided_on": "The date cannot be in the future."})
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationError({"note": "Use at most 2000 characters."})
    with transaction.atomic():
        row = AssistanceRecord.objects.create(practice=practice, contractor=contractor,
                                              provided_on=provided_on, kind=kind, note=note,
                                              recorded_by=actor)
        audit_record(action="practice.record_assistance", actor=actor, target=practice,
                     request=request, details={"kind": kind, "contractor": contractor.pk,
                                               "provided_on": provided_on.isoformat()})
    return row
