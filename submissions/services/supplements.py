"""Modification Summary Supplements (seed 000: an issuer continuing its QIS "with
modifications ... must also complete a Modification Summary Supplement form"). The issuer
proposes, element by element, a new value and the reason; a CMS QIS reviewer accepts it (the
plan's next version, every earlier one kept) or returns it. The plan on file changes no other
way."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from qis_portal.services.audit import audit_record
from qis_portal.services.notifications import notify_on_commit
from qis_portal.validation import require_text
from qis_portal.workflow import WorkflowConflict, require_permission, run_transition
from submissions import selectors
from submissions.elements.progress_report import PROGRESS_REPORT
from submissions.models import ImplementationPlan, ModificationSupplement, PlanVersion
from submissions.services.plans import DIRECTION_KEYS, clean_plan_data, clean_plan_title
from submissions.validators.fields import display_value


def _label(key: str) -> str:
    if key == "qis_title":
        return "QIS Title"
    if key in DIRECTION_KEYS:
        return f"Measure {key[1:3]} direction of improvement"
    return PROGRESS_REPORT.elements[key].code


def _shown(key: str, value) -> str:
    if key == "qis_title" or key in DIRECTION_KEYS:
        return str(value or "")
    return display_value(PROGRESS_REPORT.elements[key], value)


def supplement_changes(current: dict, proposed: dict, reasons: dict) -> list[dict]:
    """Element by element: the value on file, the new value, the reason given (maybe none
    yet). Blank values are no values."""
    changes = []
    for key in sorted({*current, *proposed}, key=_order):
        old, new = current.get(key), proposed.get(key)
        if (old or "") == (new or ""):
            continue
        changes.append({"key": key, "element": _label(key), "old": _shown(key, old),
                        "new": _shown(key, new),
                        "reason": str(reasons.get(key) or "").strip()[:1000]})
    return changes


def check_changes(changes: list[dict]) -> None:
    """At least one element modified, each with its reason."""
    if not changes:
        raise ValidationError({"__all__": "Nothing is modified: change at least one element of "
                                          "the plan on file."})
    missing = {f"reason_{c['key']}": [f"{c['element']}: give the reason for this modification."]
               for c in changes if not c["reason"]}
    if missing:
        raise ValidationError(missing)


def _order(key: str) -> int:
    order = ["qis_title", *PROGRESS_REPORT.elements, *DIRECTION_KEYS]
    return order.index(key) if key in order else len(order)


def supplement_file(*, actor, plan: ImplementationPlan, qis_title: str, data: dict,
                    reasons: dict, effective_year: int, request=None) -> ModificationSupplement:
    """The issuer files a supplement against the version on file now."""
    require_permission(actor, "submissions.add_modificationsupplement", plan,
                       action="modificationsupplement.file", request=request,
                       message="Only the plan's own issuer files its Modification Summary "
                               "Supplement.")
    title = clean_plan_title(qis_title)
    proposed = clean_plan_data(data)
    with transaction.atomic():
        locked = ImplementationPlan.objects.select_for_update().get(pk=plan.pk)
        if not locked.is_on_file:
            raise WorkflowConflict("A Modification Summary Supplement modifies a plan CMS has "
                                   "accepted; this plan is "
                                   f"{locked.get_status_display().lower()}.",
                                   current_state=locked.status)
        current = locked.versions.order_by("-number").first()
        if effective_year < current.effective_year:
            raise ValidationError({"effective_year": (
                f"Plan year {effective_year}: the modified plan applies from plan year "
                f"{current.effective_year} (version {current.number}) or later.")})
        changes = supplement_changes({**current.data, "qis_title": current.qis_title},
                                     {**proposed, "qis_title": title}, reasons)
        check_changes(changes)
        try:
            with transaction.atomic():
                supplement = ModificationSupplement.objects.create(
                    plan=locked, based_on=current.number, effective_year=effective_year,
                    qis_title=title, proposed=proposed, changes=changes, filed_by=actor)
        except IntegrityError:
            pending = locked.supplements.get(status=ModificationSupplement.Status.SUBMITTED)
            raise WorkflowConflict(
                f"A Modification Summary Supplement of this plan is already awaiting CMS "
                f"(#{pending.pk}, {pending.get_absolute_url()}).",
                current_state=pending.status) from None
        audit_record(action="modificationsupplement.file", actor=actor, target=supplement,
                     request=request, to_state=supplement.status,
                     details={"plan": locked.pk, "based_on": current.number,
                              "changed": [c["key"] for c in changes]})
    notify_on_commit(recipients=selectors.qis_reviewers(), kind="submissions.supplement_filed",
                     title=f"Modification Summary Supplement filed: {locked.issuer} — {title}",
                     url=supplement.get_absolute_url())
    return supplement


def supplement_accept(*, actor, supplement: ModificationSupplement, note: str = "",
                      request=None) -> ModificationSupplement:
    """CMS accepts: the proposed plan is the next version, in force from its effective year."""

    def before(locked: ModificationSupplement) -> None:
        plan = ImplementationPlan.objects.select_for_update().get(pk=locked.plan_id)
        latest = plan.versions.order_by("-number").first()
        if latest.number != locked.based_on:
            raise WorkflowConflict(
                f"The plan on file is version {latest.number}, not version {locked.based_on} "
                "that this supplement modifies; return it for the issuer to file again.",
                current_state=locked.status)
        locked.decided_by, locked.decided_at = actor, timezone.now()
        locked.decision_note = note.strip()
        PlanVersion.objects.create(plan=plan, number=latest.number + 1,
                                   qis_title=locked.qis_title, data=dict(locked.proposed),
                                   effective_year=locked.effective_year, supplement=locked,
                                   accepted_by=actor, accepted_at=locked.decided_at)
        plan.qis_title, plan.data = locked.qis_title, dict(locked.proposed)
        try:
            with transaction.atomic():
                plan.save(update_fields=["qis_title", "data", "updated_at"])
        except IntegrityError:
            raise ValidationError({"qis_title": "Another plan of the issuer for that plan year "
                                                "has this title."}) from None

    return run_transition(obj=supplement, transition="accept", actor=actor,
                          permission="submissions.decide_modificationsupplement", note=note,
                          request=request, before=before, after=_tell_issuer("accepted"))


def supplement_return(*, actor, supplement: ModificationSupplement, note: str,
                      request=None) -> ModificationSupplement:
    """CMS returns it with what to correct; the plan on file stays as it was."""
    reason = require_text(note, "note", "Say why the supplement is returned.", max_length=2000)

    def before(locked: ModificationSupplement) -> None:
        locked.decided_by, locked.decided_at = actor, timezone.now()
        locked.decision_note = reason

    return run_transition(obj=supplement, transition="return_supplement", actor=actor,
                          permission="submissions.decide_modificationsupplement", note=reason,
                          request=request, before=before, after=_tell_issuer("returned"))


def _tell_issuer(verb: str):
    def after(result: ModificationSupplement) -> None:
        notify_on_commit(recipients=selectors.issuer_users(result.plan.issuer_id),
                         kind="submissions.supplement_decided",
                         title=f"CMS {verb} your Modification Summary Supplement — "
                               f"{result.qis_title}", body=result.decision_note,
                         url=result.get_absolute_url())
    return after
